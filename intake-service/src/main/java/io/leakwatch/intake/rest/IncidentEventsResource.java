package io.leakwatch.intake.rest;

import io.leakwatch.contracts.EventCatalog;
import io.leakwatch.platform.rest.ProblemException;
import io.leakwatch.platform.security.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

/** An incident's event history as intake recorded it, oldest first: for auditors and analysts. */
@Path("/api/v1/incidents/{incidentId}/events")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ANALYST, Roles.AUDITOR})
@Blocking
public class IncidentEventsResource {

    private final EventStore events;

    IncidentEventsResource(EventStore events) {
        this.events = events;
    }

    /**
     * One recorded event.
     *
     * @param sequence its place in the incident's stream, from 0
     * @param type its CloudEvents type, as it travels on {@code leakwatch.incident-events}
     */
    public record RecordedEvent(long sequence, String eventId, String type, Instant recordedAt, Object data) {}

    @GET
    public List<RecordedEvent> history(@PathParam("incidentId") String incidentId) {
        List<RecordedEvent> history = new ArrayList<>();
        DomainEventStream stream = events.readEvents(incidentId, 0L);
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            history.add(new RecordedEvent(
                    event.getSequenceNumber(),
                    event.getIdentifier(),
                    EventCatalog.typeOf(event.getPayloadType()).type(),
                    event.getTimestamp(),
                    event.getPayload()));
        }
        if (history.isEmpty()) {
            throw ProblemException.notFound("No incident " + incidentId);
        }
        return history;
    }
}
