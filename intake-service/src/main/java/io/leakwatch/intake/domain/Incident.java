package io.leakwatch.intake.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.leakwatch.contracts.incident.IncidentReported;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/** A claimed leak of the organisation's data, from the first report to its closure. */
public class Incident {

    @AggregateIdentifier
    private String incidentId;

    private IncidentStatus status;

    protected Incident() {
        // For Axon, which rebuilds the incident from its events.
    }

    @CommandHandler
    Incident(ReportIncident command) {
        if (command.title() == null || command.title().isBlank()) {
            throw new IllegalArgumentException("An incident needs a title");
        }
        if (command.claimedRecordCount() < 0) {
            throw new IllegalArgumentException("A claimed record count cannot be negative");
        }
        apply(new IncidentReported(
                command.incidentId(),
                command.title(),
                command.source(),
                command.claimedRecordCount(),
                command.dataCategories(),
                command.discoveredAt(),
                command.jurisdictions(),
                command.reportedAt()));
    }

    @EventSourcingHandler
    void on(IncidentReported event) {
        incidentId = event.incidentId();
        status = IncidentStatus.REPORTED;
    }
}
