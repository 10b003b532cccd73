package io.leakwatch.bench.append;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/** A new aggregate per command: one command appends exactly one event, so a command is one row in the store. */
public class BenchIncident {

    @AggregateIdentifier
    private String id;

    protected BenchIncident() {}

    @CommandHandler
    public BenchIncident(ReportBenchIncident command) {
        apply(new BenchIncidentReported(command.id(), command.title(), command.source(), command.claimedRecords()));
    }

    @EventSourcingHandler
    void on(BenchIncidentReported event) {
        id = event.id();
    }
}
