package io.leakwatch.matching.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.leakwatch.contracts.verification.VerificationResult;
import io.leakwatch.platform.axon.AxonJson;
import io.leakwatch.platform.rest.ProblemException;
import io.leakwatch.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Verifications of samples: status, progress and, once complete, DESIGN.md's result. */
@Path("/api/v1/verifications")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ANALYST, Roles.AUDITOR})
public class VerificationResource {

    private static final String COLUMNS = "sample_id, incident_id, status, chunks_done, chunks_expected, started_at,"
            + " finished_at, failure_reason, CAST(result AS text) AS result FROM verification_view";

    private final Pool client;

    VerificationResource(Pool client) {
        this.client = client;
    }

    @GET
    @Path("/{sampleId}")
    public Uni<VerificationView> get(@PathParam("sampleId") String sampleId) {
        return client.preparedQuery("SELECT " + COLUMNS + " WHERE sample_id = $1")
                .execute(Tuple.of(sampleId))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw ProblemException.notFound("No verification of sample " + sampleId);
                    }
                    return view(rows.iterator().next());
                });
    }

    @GET
    public Uni<List<VerificationView>> byIncident(@QueryParam("incidentId") String incidentId) {
        if (incidentId == null || incidentId.isBlank()) {
            throw ProblemException.badRequest("The query parameter incidentId is required.");
        }
        return client.preparedQuery("SELECT " + COLUMNS + " WHERE incident_id = $1 ORDER BY started_at, sample_id")
                .execute(Tuple.of(incidentId))
                .map(rows -> {
                    List<VerificationView> views = new ArrayList<>();
                    rows.forEach(row -> views.add(view(row)));
                    return views;
                });
    }

    private static VerificationView view(Row row) {
        String stored = row.getString("status");
        // Chunks waiting for their submission are still running; dropped ones failed to become a verification.
        String status = switch (stored) {
            case "COLLECTING" -> "RUNNING";
            case "DROPPED" -> "FAILED";
            default -> stored;
        };
        VerificationResult result = null;
        String json = row.getString("result");
        if (json != null) {
            try {
                result = AxonJson.mapper().readValue(json, VerificationResult.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("A stored result cannot be read", e);
            }
        }
        return new VerificationView(
                row.getString("sample_id"),
                row.getString("incident_id"),
                status,
                new Progress(row.getInteger("chunks_done"), row.getInteger("chunks_expected")),
                row.getOffsetDateTime("started_at"),
                row.getOffsetDateTime("finished_at"),
                row.getString("failure_reason"),
                result);
    }

    /** Chunks recorded so far and chunks the submission announced (null until it arrived). */
    public record Progress(int chunksDone, Integer chunksExpected) {}

    /**
     * A verification: its state, and the result's fields (DESIGN.md's names) at the top level once it completed.
     *
     * @param status RUNNING, COMPLETED or FAILED
     */
    @JsonPropertyOrder({"sampleId", "incidentId", "status", "progress", "startedAt", "finishedAt", "failureReason"})
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record VerificationView(
            String sampleId,
            String incidentId,
            String status,
            Progress progress,
            OffsetDateTime startedAt,
            OffsetDateTime finishedAt,
            String failureReason,
            @JsonUnwrapped VerificationResult result) {}
}
