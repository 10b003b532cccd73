package io.leakwatch.bench.stream;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.leakwatch.contracts.incident.IncidentReported;
import io.leakwatch.contracts.incident.ReportSource;
import io.leakwatch.contracts.incident.SightingRecorded;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * Fills an event store with intake's own integration events (the payloads intake-service appends and forwards): a
 * report and its sightings per incident, appended through Axon in one unit of work.
 */
public class StreamIncident {

    @AggregateIdentifier
    private String incidentId;

    protected StreamIncident() {}

    @CommandHandler
    public StreamIncident(RecordIncident command) {
        Instant now = Instant.now();
        apply(new IncidentReported(
                command.incidentId(),
                "Data of 279 million Indonesians offered on a forum",
                new ReportSource("FORUM", "https://forum.example/Thread-" + command.incidentId(), "Kotz"),
                279_000_000L,
                List.of("NIK", "NAME", "PHONE", "ADDRESS", "SALARY"),
                now,
                List.of("ID"),
                now));
        for (int i = 0; i < command.sightings(); i++) {
            apply(new SightingRecorded(
                    command.incidentId(),
                    new ReportSource("MARKETPLACE", "https://market.example/listing-" + i, "Kotz"),
                    now,
                    now));
        }
    }

    @EventSourcingHandler
    void on(IncidentReported event) {
        incidentId = event.incidentId();
    }
}
