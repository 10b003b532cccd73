package io.leakwatch.intake.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.leakwatch.contracts.incident.AskingPrice;
import io.leakwatch.contracts.incident.ReportSource;
import io.leakwatch.intake.domain.Incident;
import io.leakwatch.intake.domain.RecordSighting;
import io.leakwatch.intake.domain.ReportIncident;
import io.leakwatch.intake.repository.IdempotencyKeys;
import io.leakwatch.intake.repository.IncidentSummaries;
import io.leakwatch.intake.repository.SourceUrls;
import io.leakwatch.platform.axon.AxonJson;
import io.leakwatch.platform.rest.Problem;
import io.leakwatch.platform.rest.ProblemException;
import io.leakwatch.platform.security.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;

/** Leak reports. Commands and the event store are JDBC: every method here runs on a worker thread. */
@Path("/api/v1/incidents")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class IncidentResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final String CREATED = "CREATED";
    private static final String SIGHTING = "SIGHTING_RECORDED";

    private final CommandGateway commands;
    private final IncidentReader reader;
    private final IncidentSummaries summaries;
    private final IdempotencyKeys idempotencyKeys;
    private final Clock clock = Clock.systemUTC();

    IncidentResource(
            CommandGateway commands,
            IncidentReader reader,
            IncidentSummaries summaries,
            IdempotencyKeys idempotencyKeys) {
        this.commands = commands;
        this.reader = reader;
        this.summaries = summaries;
        this.idempotencyKeys = idempotencyKeys;
    }

    /**
     * Files a claim: 201 with the new incident, or 200 with a {@link DuplicateReport} when an open incident already
     * tracks the same source link or file digest. The idempotency row, the decision and its events commit together.
     */
    @POST
    @RolesAllowed(Roles.REPORTER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response report(
            @HeaderParam(IDEMPOTENCY_KEY) @Size(max = 200) String idempotencyKey,
            @NotNull @Valid ReportIncidentRequest request) {
        Instant now = Instant.now(clock);
        ReportIncidentRequest.Source source = request.source();
        ReportSource reportSource = new ReportSource(source.kind().name(), source.url(), source.actor());
        Optional<String> open = summaries.openIncidentMatching(
                SourceUrls.key(source.url()),
                request.sampleSha256() == null ? null : request.sampleSha256().toLowerCase(Locale.ROOT));
        String incidentId = open.orElseGet(() -> UUID.randomUUID().toString());
        String outcome = open.isPresent() ? SIGHTING : CREATED;
        if (idempotencyKey != null && !idempotencyKey.isBlank()) {
            Optional<IdempotencyKeys.FirstAnswer> first =
                    idempotencyKeys.claim(idempotencyKey, sha256(request), incidentId, outcome);
            if (first.isPresent()) {
                return repeat(first.get(), request);
            }
        }
        if (open.isPresent()) {
            commands.sendAndWait(new RecordSighting(incidentId, reportSource, request.discoveredAt(), now));
            return sighting(incidentId);
        }
        ReportIncident report = new ReportIncident(
                incidentId,
                request.title().strip(),
                reportSource,
                request.claimedRecordCount(),
                request.dataCategories(),
                request.discoveredAt(),
                request.jurisdictions(),
                now,
                request.price() == null
                        ? null
                        : new AskingPrice(
                                request.price().amount().toPlainString(),
                                request.price().currency()),
                request.marking());
        commands.sendAndWait(report);
        // Note: the view is folded from the event the command applied, computed again by the same pure function,
        // rather than read back from the store (a query and a deserialisation on every report).
        return created(
                new IncidentHistory().apply(Incident.reportOf(report), 0).view().orElseThrow());
    }

    @GET
    @RolesAllowed({Roles.REPORTER, Roles.ANALYST, Roles.AUDITOR})
    @Path("/{incidentId}")
    public Response read(@PathParam("incidentId") String incidentId) {
        IncidentView view = reader.read(incidentId);
        return Response.ok(view).tag(String.valueOf(view.version())).build();
    }

    /** The incidents, newest report first; {@code q} searches titles and seller handles. */
    @GET
    @RolesAllowed({Roles.REPORTER, Roles.ANALYST, Roles.AUDITOR})
    public IncidentSummaries.Page list(
            @QueryParam("status") @Size(max = 20) String status,
            @QueryParam("q") @Size(max = 200) String query,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(200) int size) {
        return summaries.list(status, query, page, size);
    }

    private Response repeat(IdempotencyKeys.FirstAnswer first, ReportIncidentRequest request) {
        if (!first.requestSha256().equals(sha256(request))) {
            throw new ProblemException(Problem.of(
                    422, "This Idempotency-Key was used for a different report; use a new key for a new report."));
        }
        return first.outcome().equals(CREATED)
                ? created(reader.read(first.incidentId()))
                : sighting(first.incidentId());
    }

    private static Response created(IncidentView view) {
        return Response.created(location(view.incidentId()))
                .tag(String.valueOf(view.version()))
                .entity(view)
                .build();
    }

    private Response sighting(String incidentId) {
        IncidentView view = reader.read(incidentId);
        return Response.ok(DuplicateReport.of(view))
                .location(location(incidentId))
                .tag(String.valueOf(view.version()))
                .build();
    }

    /**
     * Relative: RESTEasy Reactive makes it absolute against the request's scheme, host and root path. A
     * {@code UriBuilder} from {@code UriInfo} gave the same URI for 9% of a report's request thread
     * (docs/BENCHMARKS.md, append).
     */
    private static URI location(String incidentId) {
        return URI.create("/api/v1/incidents/" + incidentId);
    }

    private static String sha256(ReportIncidentRequest request) {
        try {
            byte[] canonical = AxonJson.mapper().writeValueAsString(request).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot fingerprint the request", e);
        }
    }
}
