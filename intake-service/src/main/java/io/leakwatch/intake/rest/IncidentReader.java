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
        return fold(incidentId, Long.MAX_VALUE);
    }

    /**
     * The incident that a {@code ReportIncident} created earlier in the caller's transaction. Its stream is that one
     * {@code IncidentReported} (the command applies nothing else, {@code IncidentTest}; no one else knows the new id
     * before the commit), so this takes the first event only: one query, where {@link #read} costs two, because
     * Axon's JDBC engine asks again until it gets an empty batch.
     */
    IncidentView readJustReported(String incidentId) {
        return fold(incidentId, 1);
    }

    private IncidentView fold(String incidentId, long maxEvents) {
        IncidentHistory history = new IncidentHistory();
        DomainEventStream stream = events.readEvents(incidentId, 0L);
        // Note: hasNext() after the last event wanted would fetch again, so the count is checked first.
        for (long folded = 0; folded < maxEvents && stream.hasNext(); folded++) {
            DomainEventMessage<?> event = stream.next();
            history.apply(event.getPayload(), event.getSequenceNumber());
        }
        return history.view().orElseThrow(() -> ProblemException.notFound("No incident " + incidentId));
    }
}
