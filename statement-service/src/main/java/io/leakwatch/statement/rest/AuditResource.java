package io.leakwatch.statement.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.leakwatch.platform.axon.AxonJson;
import io.leakwatch.platform.rest.ProblemException;
import io.leakwatch.platform.security.Roles;
import io.leakwatch.statement.audit.AuditTrail;
import io.leakwatch.statement.audit.CanonicalJson;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** The hash-chained audit trail of an incident, for auditors. JDBC reads on worker threads. */
@Path("/api/v1/audit/incidents/{incidentId}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.AUDITOR)
@Blocking
public class AuditResource {

    public static final String NDJSON = "application/x-ndjson";

    private final AuditTrail trail;

    AuditResource(AuditTrail trail) {
        this.trail = trail;
    }

    /** One entry as an auditor reads it; {@code event} is the canonical JSON that was hashed, as a tree. */
    public record EntryView(
            long seq,
            String eventId,
            String topic,
            String type,
            Instant time,
            String prevHash,
            String hash,
            JsonNode event) {}

    @GET
    @Path("/trail")
    public List<EntryView> trail(@PathParam("incidentId") String incidentId, @QueryParam("asOf") String asOf) {
        Instant at = AsOf.parse(asOf);
        List<EntryView> entries = trail.entries(incidentId, at).stream()
                .map(e -> new EntryView(
                        e.seq(),
                        e.eventId(),
                        e.topic(),
                        e.type(),
                        e.time(),
                        e.prevHash(),
                        e.hash(),
                        CanonicalJson.tree(e.canonical())))
                .toList();
        if (entries.isEmpty()) {
            throw noTrail(incidentId);
        }
        return entries;
    }

    @GET
    @Path("/trail/verify")
    public AuditTrail.Verification verify(@PathParam("incidentId") String incidentId) {
        return trail.verify(incidentId).orElseThrow(() -> noTrail(incidentId));
    }

    /**
     * The trail as NDJSON, one entry a line with the canonical event last and unchanged, so that {@code TrailVerifier}
     * checks it with the JDK alone.
     */
    @GET
    @Path("/trail/export")
    @Produces(NDJSON)
    public Response export(@PathParam("incidentId") String incidentId) {
        if (trail.verify(incidentId).isEmpty()) {
            throw noTrail(incidentId);
        }
        StreamingOutput body = out -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            trail.read(incidentId, e -> {
                try {
                    writer.write("{\"seq\":" + e.seq() + ",\"eventId\":" + quote(e.eventId()) + ",\"topic\":"
                            + quote(e.topic()) + ",\"prevHash\":\"" + e.prevHash() + "\",\"hash\":\"" + e.hash()
                            + "\",\"event\":" + e.canonical() + "}\n");
                } catch (java.io.IOException io) {
                    throw new UncheckedIOException(io);
                }
            });
            writer.flush();
        };
        return Response.ok(body, NDJSON)
                .header(
                        "Content-Disposition",
                        "attachment; filename=\"trail-" + incidentId.replaceAll("[^A-Za-z0-9_-]", "_") + ".ndjson\"")
                .build();
    }

    private static String quote(String value) {
        try {
            return AxonJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ProblemException noTrail(String incidentId) {
        return ProblemException.notFound("No audit trail for incident " + incidentId);
    }
}
