package io.leakwatch.intake.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.leakwatch.contracts.incident.SampleSubmitted;
import io.leakwatch.intake.domain.IncidentStatus;
import io.leakwatch.intake.domain.IncidentTransitionRefused;
import io.leakwatch.intake.messaging.SampleChunkPublisher.ChunksNotAcknowledged;
import io.leakwatch.intake.sample.SampleReceipt;
import io.leakwatch.intake.sample.SampleRefused;
import io.leakwatch.intake.sample.SampleUploader;
import io.leakwatch.platform.rest.Problem;
import io.leakwatch.platform.rest.ProblemException;
import io.leakwatch.platform.security.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Leaked samples of an incident (DESIGN.md "Leaked sample"). The upload streams: the body is read as an
 * {@link InputStream} on a worker thread and tokenised row by row, never held whole.
 */
@Path("/api/v1/incidents/{incidentId}/samples")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class SampleResource {

    public static final String CSV = "text/csv";

    private final SampleUploader uploader;
    private final EventStore events;

    SampleResource(SampleUploader uploader, EventStore events) {
        this.uploader = uploader;
        this.events = events;
    }

    @POST
    @RolesAllowed(Roles.REPORTER)
    @Consumes(CSV)
    public Response upload(
            @PathParam("incidentId") String incidentId,
            @QueryParam("mapping") String mapping,
            HttpHeaders headers,
            InputStream body,
            UriInfo uri) {
        requireUtf8(headers.getMediaType());
        IncidentView incident =
                fold(incidentId).view().orElseThrow(() -> ProblemException.notFound("No incident " + incidentId));
        if (!IncidentStatus.valueOf(incident.status()).isOpen()) {
            throw ProblemException.conflict("The incident is " + incident.status() + ": it takes no more samples.");
        }
        SampleReceipt receipt;
        try {
            receipt = uploader.upload(incidentId, mapping, body);
        } catch (SampleRefused refused) {
            return new SampleProblem(
                            "about:blank",
                            Problem.of(refused.status(), "").title(),
                            refused.status(),
                            refused.getMessage(),
                            refused.line() > 0 ? refused.line() : null)
                    .toResponse();
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        } catch (IncidentTransitionRefused e) {
            throw ProblemException.conflict(e.getMessage());
        } catch (ChunksNotAcknowledged e) {
            throw new ProblemException(Problem.of(
                    503, "Kafka did not take the sample's chunks; nothing was recorded. Upload the file again."));
        }
        return Response.accepted(receipt)
                .location(uri.getAbsolutePathBuilder().path(receipt.sampleId()).build())
                .build();
    }

    @GET
    @RolesAllowed({Roles.REPORTER, Roles.ANALYST, Roles.AUDITOR})
    @Path("/{sampleId}")
    public SampleSubmitted read(@PathParam("incidentId") String incidentId, @PathParam("sampleId") String sampleId) {
        SampleSubmitted found = null;
        DomainEventStream stream = events.readEvents(incidentId, 0L);
        while (stream.hasNext()) {
            if (stream.next().getPayload() instanceof SampleSubmitted submitted
                    && submitted.sampleId().equals(sampleId)) {
                found = submitted;
            }
        }
        return Optional.ofNullable(found)
                .orElseThrow(() -> ProblemException.notFound("Incident " + incidentId + " has no sample " + sampleId));
    }

    private IncidentHistory fold(String incidentId) {
        IncidentHistory history = new IncidentHistory();
        DomainEventStream stream = events.readEvents(incidentId, 0L);
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            history.apply(event.getPayload(), event.getSequenceNumber());
        }
        return history;
    }

    /** DESIGN.md: samples are UTF-8. A body declared in another charset is refused before it is read. */
    private static void requireUtf8(MediaType type) {
        String charset = type == null ? null : type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !charset.equalsIgnoreCase(StandardCharsets.UTF_8.name())) {
            throw new ProblemException(
                    Problem.of(415, "Samples are UTF-8 CSV; this body declares charset " + charset + "."));
        }
    }

    /** A problem about the file, with the line it went wrong at when there is one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SampleProblem(String type, String title, int status, String detail, Long line) {

        Response toResponse() {
            return Response.status(status)
                    .type(Problem.PROBLEM_JSON)
                    .entity(this)
                    .build();
        }
    }
}
