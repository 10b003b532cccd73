package io.leakwatch.intake.rest;

import io.leakwatch.platform.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

/** Reads an incident as its own event stream tells it: always current, never a lagging projection. */
@ApplicationScoped
class IncidentReader {

    private final EventStore events;

    IncidentReader(EventStore events) {
        this.events = events;
    }

    IncidentView read(String incidentId) {
        IncidentHistory history = new IncidentHistory();
        DomainEventStream stream = events.readEvents(incidentId, 0L);
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            history.apply(event.getPayload(), event.getSequenceNumber());
        }
        return history.view().orElseThrow(() -> ProblemException.notFound("No incident " + incidentId));
    }
}
