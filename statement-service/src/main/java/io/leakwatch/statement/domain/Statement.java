package io.leakwatch.statement.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.leakwatch.contracts.statement.StatementDrafted;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/** The versions of one incident's public holding statement. */
public class Statement {

    @AggregateIdentifier
    private String incidentId;

    private int version;
    private String textId;
    private String textEn;

    protected Statement() {
        // For Axon, which rebuilds the statement from its events.
    }

    /** A fact that changes no word of the statement drafts no new version. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(DraftStatement command) {
        if (command.textId().equals(textId) && command.textEn().equals(textEn)) {
            return;
        }
        apply(new StatementDrafted(
                command.incidentId(),
                version + 1,
                command.causedBy(),
                command.textId(),
                command.textEn(),
                command.draftedAt()));
    }

    @EventSourcingHandler
    void on(StatementDrafted event) {
        incidentId = event.incidentId();
        version = event.version();
        textId = event.textId();
        textEn = event.textEn();
    }
}
