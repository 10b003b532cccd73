package io.leakwatch.statement.rest;

import io.leakwatch.platform.rest.Problem;
import io.leakwatch.platform.rest.ProblemException;
import io.leakwatch.platform.security.Roles;
import io.leakwatch.statement.domain.ApproveStatement;
import io.leakwatch.statement.domain.EditStatement;
import io.leakwatch.statement.domain.PublishStatement;
import io.leakwatch.statement.domain.StatementRefused;
import io.leakwatch.statement.domain.WithdrawStatement;
import io.leakwatch.statement.drafting.StatementLanguage;
import io.leakwatch.statement.repository.StatementVersionEntity;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * An incident's holding statements for the people who decide on them. Reads are reactive (Panache); commands go
 * through Axon's JDBC event store and run on worker threads. A command's effect shows in the reads once the
 * projection has caught up, usually within a second.
 */
@Path("/api/v1/incidents/{incidentId}/statements")
@Produces(MediaType.APPLICATION_JSON)
public class StatementResource {

    private final CommandGateway commands;
    private final SecurityIdentity identity;
    private final Clock clock = Clock.systemUTC();

    StatementResource(CommandGateway commands, SecurityIdentity identity) {
        this.commands = commands;
        this.identity = identity;
    }

    /** A person's change of the words: based on the latest version, in both languages. */
    public record EditRequest(
            @NotNull @Positive Integer basedOn,
            @NotNull @Valid Text text) {

        public record Text(@NotBlank String id, @NotBlank String en) {}
    }

    /** Why a published version is taken back. */
    public record WithdrawalRequest(@NotBlank String reason) {}

    /** What a command left behind. */
    public record Outcome(String incidentId, int version, String status) {}

    @GET
    @RolesAllowed({Roles.COMMS, Roles.ANALYST, Roles.AUDITOR})
    @WithSession
    public Uni<List<StatementView>> versions(
            @PathParam("incidentId") String incidentId, @QueryParam("asOf") String asOf) {
        Instant at = AsOf.parse(asOf);
        return StatementVersionEntity.versions(incidentId)
                .map(all -> AsOf.filter(all, at).stream()
                        .map(StatementView::summary)
                        .toList());
    }

    @GET
    @RolesAllowed({Roles.COMMS, Roles.ANALYST, Roles.AUDITOR})
    @Path("/latest")
    @WithSession
    public Uni<StatementView> latest(@PathParam("incidentId") String incidentId, @QueryParam("asOf") String asOf) {
        Instant at = AsOf.parse(asOf);
        Uni<StatementVersionEntity> latest = at == null
                ? StatementVersionEntity.latest(incidentId)
                : StatementVersionEntity.versions(incidentId).map(all -> {
                    List<StatementVersionEntity> then = AsOf.filter(all, at);
                    return then.isEmpty() ? null : then.get(then.size() - 1);
                });
        return latest.onItem()
                .ifNull()
                .failWith(() -> ProblemException.notFound("No statement for incident " + incidentId + " yet"))
                .map(StatementView::of);
    }

    @GET
    @RolesAllowed({Roles.COMMS, Roles.ANALYST, Roles.AUDITOR})
    @Path("/{version: \\d+}")
    @WithSession
    public Uni<StatementView> version(
            @PathParam("incidentId") String incidentId,
            @PathParam("version") int version,
            @QueryParam("lang") String lang,
            @QueryParam("asOf") String asOf) {
        StatementLanguage language = language(lang);
        Instant at = AsOf.parse(asOf);
        return find(incidentId, version)
                .map(entity -> AsOf.of(entity, at))
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.notFound(
                        "The statement of incident " + incidentId + " had no version " + version + " at " + at))
                .map(entity -> StatementView.of(entity, texts(entity, language)));
    }

    @GET
    @RolesAllowed({Roles.COMMS, Roles.ANALYST, Roles.AUDITOR})
    @Path("/{from: \\d+}/diff/{to: \\d+}")
    @WithSession
    public Uni<StatementDiff> diff(
            @PathParam("incidentId") String incidentId,
            @PathParam("from") int from,
            @PathParam("to") int to,
            @QueryParam("lang") String lang) {
        StatementLanguage language = language(lang);
        return find(incidentId, from)
                .chain(a -> find(incidentId, to)
                        .map(b -> new StatementDiff(
                                incidentId,
                                from,
                                to,
                                new StatementDiff.Lines(
                                        language == StatementLanguage.EN
                                                ? null
                                                : StatementDiff.unified("id", from, to, a.textId, b.textId),
                                        language == StatementLanguage.ID
                                                ? null
                                                : StatementDiff.unified("en", from, to, a.textEn, b.textEn)))));
    }

    @POST
    @RolesAllowed(Roles.COMMS)
    @Consumes(MediaType.APPLICATION_JSON)
    @Blocking
    public Response edit(@PathParam("incidentId") String incidentId, @NotNull @Valid EditRequest request, UriInfo uri) {
        int version = send(new EditStatement(
                incidentId,
                request.basedOn(),
                request.text().id(),
                request.text().en(),
                author(),
                now()));
        Outcome outcome = new Outcome(incidentId, version, "DRAFT");
        if (version == request.basedOn()) {
            return Response.ok(outcome).build();
        }
        return Response.created(uri.getAbsolutePathBuilder()
                        .path(String.valueOf(version))
                        .build())
                .entity(outcome)
                .build();
    }

    @POST
    @RolesAllowed(Roles.COMMS)
    @Path("/{version: \\d+}/approval")
    @Blocking
    public Outcome approve(@PathParam("incidentId") String incidentId, @PathParam("version") int version) {
        Object status = send(new ApproveStatement(incidentId, version, author(), now()));
        return new Outcome(incidentId, version, status.toString());
    }

    @POST
    @RolesAllowed(Roles.COMMS)
    @Path("/{version: \\d+}/publication")
    @Blocking
    public Outcome publish(@PathParam("incidentId") String incidentId, @PathParam("version") int version) {
        Object status = send(new PublishStatement(incidentId, version, author(), now()));
        return new Outcome(incidentId, version, status.toString());
    }

    @POST
    @RolesAllowed(Roles.COMMS)
    @Path("/{version: \\d+}/withdrawal")
    @Consumes(MediaType.APPLICATION_JSON)
    @Blocking
    public Outcome withdraw(
            @PathParam("incidentId") String incidentId,
            @PathParam("version") int version,
            @NotNull @Valid WithdrawalRequest request) {
        Object status = send(new WithdrawStatement(incidentId, version, request.reason(), author(), now()));
        return new Outcome(incidentId, version, status.toString());
    }

    /** Sends a command and answers its refusal as a problem: 404 unknown, 409 not allowed now, 400 malformed. */
    private <R> R send(Object command) {
        try {
            return commands.sendAndWait(command);
        } catch (StatementRefused refused) {
            throw new ProblemException(new Problem(
                    "urn:leakwatch:problem:statement-refused",
                    "Conflict",
                    409,
                    refused.getMessage(),
                    refused.missingElements().isEmpty() ? null : refused.missingElements()));
        } catch (StatementRefused.NoSuchVersion | AggregateNotFoundException missing) {
            throw ProblemException.notFound(
                    missing instanceof AggregateNotFoundException
                            ? "No statement for this incident yet"
                            : missing.getMessage());
        } catch (IllegalArgumentException malformed) {
            throw ProblemException.badRequest(malformed.getMessage());
        }
    }

    private String author() {
        return identity.getPrincipal().getName();
    }

    private Instant now() {
        return Instant.now(clock);
    }

    private static Uni<StatementVersionEntity> find(String incidentId, int version) {
        return StatementVersionEntity.version(incidentId, version)
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.notFound(
                        "The statement of incident " + incidentId + " has no version " + version));
    }

    static StatementLanguage language(String lang) {
        if (lang == null || lang.isBlank()) {
            return null;
        }
        return StatementLanguage.of(lang)
                .orElseThrow(() -> ProblemException.badRequest("lang must be id or en, not '" + lang + "'"));
    }

    private static StatementView.Texts texts(StatementVersionEntity entity, StatementLanguage language) {
        return new StatementView.Texts(
                language == StatementLanguage.EN ? null : entity.textId,
                language == StatementLanguage.ID ? null : entity.textEn);
    }
}
