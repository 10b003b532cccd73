package io.leakwatch.statement.rest;

import io.leakwatch.platform.rest.ProblemException;
import io.leakwatch.statement.config.StatementConfig;
import io.leakwatch.statement.drafting.StatementLanguage;
import io.leakwatch.statement.repository.StatementVersionEntity;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What anyone may read without a token: the published statements. Drafts, approved but unpublished and withdrawn
 * versions never appear here. Every answer carries an ETag (a digest of the body) and Last-Modified (the latest
 * publication or withdrawal it reflects), and answers 304 to a matching conditional request.
 */
@Path("/")
@PermitAll
public class PublicStatementResource {

    private final StatementConfig config;
    private final Template index;
    private final Template page;

    PublicStatementResource(
            StatementConfig config,
            @Location("public/index.html") Template index,
            @Location("public/statement.html") Template page) {
        this.config = config;
        this.index = index;
        this.page = page;
    }

    /** The latest published version of one incident and the versions published before it. */
    public record PublicStatement(
            String incidentId,
            int version,
            Instant publishedAt,
            StatementView.Texts text,
            String url,
            List<Earlier> previous) {

        public record Earlier(int version, Instant publishedAt) {}
    }

    /** Index entry of the HTML list. */
    @io.quarkus.qute.TemplateData
    public record Entry(String incidentId, String heading, int version, String publishedAt) {}

    @GET
    @Path("/api/v1/public/statements")
    @Produces(MediaType.APPLICATION_JSON)
    @WithSession
    public Uni<Response> json(@QueryParam("asOf") String asOf, @Context Request request) {
        Instant at = AsOf.parse(asOf);
        return StatementVersionEntity.allPublicHistory()
                .map(all -> AsOf.filter(all, at))
                .map(history -> {
                    List<PublicStatement> statements = byIncident(history).values().stream()
                            .map(PublicStatementResource::visible)
                            .filter(published -> !published.isEmpty())
                            .map(published -> {
                                StatementVersionEntity latest = published.get(0);
                                return new PublicStatement(
                                        latest.incidentId,
                                        latest.version,
                                        latest.publishedAt,
                                        new StatementView.Texts(latest.textId, latest.textEn),
                                        "/statements/" + latest.incidentId,
                                        published.stream()
                                                .skip(1)
                                                .map(v -> new PublicStatement.Earlier(v.version, v.publishedAt))
                                                .toList());
                            })
                            .toList();
                    return conditional(
                            request, history, statements, MediaType.APPLICATION_JSON_TYPE, jsonDigest(statements));
                });
    }

    @GET
    @Path("/statements")
    @Produces(MediaType.TEXT_HTML)
    @WithSession
    public Uni<Response> indexPage(
            @QueryParam("lang") String lang, @QueryParam("asOf") String asOf, @Context Request request) {
        StatementLanguage language = pageLanguage(lang);
        Instant at = AsOf.parse(asOf);
        return StatementVersionEntity.allPublicHistory()
                .map(all -> AsOf.filter(all, at))
                .map(history -> {
                    List<Entry> entries = byIncident(history).values().stream()
                            .map(PublicStatementResource::visible)
                            .filter(published -> !published.isEmpty())
                            .map(published -> published.get(0))
                            .sorted((a, b) -> b.publishedAt.compareTo(a.publishedAt))
                            .map(v -> new Entry(
                                    v.incidentId,
                                    PublicPage.heading(text(v, language)),
                                    v.version,
                                    time(v.publishedAt, language)))
                            .toList();
                    String html = index.data("lang", language.code())
                            .data("otherLang", other(language).code())
                            .data("entries", entries)
                            .render();
                    return conditional(request, history, html, MediaType.TEXT_HTML_TYPE, html);
                });
    }

    @GET
    @Path("/statements/{incidentId}")
    @Produces(MediaType.TEXT_HTML)
    @WithSession
    public Uni<Response> statementPage(
            @PathParam("incidentId") String incidentId,
            @QueryParam("lang") String lang,
            @QueryParam("asOf") String asOf,
            @Context Request request) {
        StatementLanguage language = pageLanguage(lang);
        Instant at = AsOf.parse(asOf);
        return StatementVersionEntity.publicHistory(incidentId)
                .map(all -> AsOf.filter(all, at))
                .map(history -> {
                    List<StatementVersionEntity> published = visible(history);
                    if (published.isEmpty()) {
                        throw ProblemException.notFound("No published statement for incident " + incidentId);
                    }
                    StatementVersionEntity latest = published.get(0);
                    String text = text(latest, language);
                    String html = page.data(
                                    "p",
                                    new PublicPage(
                                            language.code(),
                                            other(language).code(),
                                            incidentId,
                                            PublicPage.heading(text),
                                            PublicPage.blocks(text),
                                            latest.version,
                                            time(latest.publishedAt, language),
                                            published.stream()
                                                    .skip(1)
                                                    .map(v -> new PublicPage.Previous(
                                                            v.version, time(v.publishedAt, language)))
                                                    .toList()))
                            .render();
                    return conditional(request, history, html, MediaType.TEXT_HTML_TYPE, html);
                });
    }

    private static Map<String, List<StatementVersionEntity>> byIncident(List<StatementVersionEntity> history) {
        Map<String, List<StatementVersionEntity>> grouped = new LinkedHashMap<>();
        history.forEach(v ->
                grouped.computeIfAbsent(v.incidentId, id -> new ArrayList<>()).add(v));
        return grouped;
    }

    /** The published versions, newest first: a withdrawn version is not shown, nor counted as the latest. */
    private static List<StatementVersionEntity> visible(List<StatementVersionEntity> history) {
        return history.stream()
                .filter(v -> StatementVersionEntity.PUBLISHED.equals(v.status))
                .sorted((a, b) -> Integer.compare(b.version, a.version))
                .toList();
    }

    private static Response conditional(
            Request request, List<StatementVersionEntity> history, Object body, MediaType type, String digestOf) {
        EntityTag tag = new EntityTag(digest(digestOf));
        Date lastModified = history.stream()
                .flatMap(v -> Stream.of(v.publishedAt, v.withdrawnAt))
                .filter(Objects::nonNull)
                .max(Instant::compareTo)
                .map(at -> Date.from(at.truncatedTo(ChronoUnit.SECONDS)))
                .orElse(null);
        Response.ResponseBuilder notModified = lastModified == null
                ? request.evaluatePreconditions(tag)
                : request.evaluatePreconditions(lastModified, tag);
        Response.ResponseBuilder answer = notModified != null ? notModified : Response.ok(body, type);
        answer.tag(tag);
        if (lastModified != null) {
            answer.lastModified(lastModified);
        }
        return answer.build();
    }

    private static String jsonDigest(List<PublicStatement> statements) {
        StringBuilder key = new StringBuilder();
        statements.forEach(s -> key.append(s.incidentId())
                .append('/')
                .append(s.version())
                .append('/')
                .append(s.previous().size())
                .append(';'));
        return key.toString();
    }

    private static String digest(String content) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 22);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String time(Instant at, StatementLanguage language) {
        return language.dateTime(
                at, config.zone(), config.language().get(language.code()).zoneName());
    }

    private static String text(StatementVersionEntity version, StatementLanguage language) {
        return language == StatementLanguage.EN ? version.textEn : version.textId;
    }

    private static StatementLanguage pageLanguage(String lang) {
        StatementLanguage language = StatementResource.language(lang);
        return language == null ? StatementLanguage.ID : language;
    }

    private static StatementLanguage other(StatementLanguage language) {
        return language == StatementLanguage.ID ? StatementLanguage.EN : StatementLanguage.ID;
    }
}
