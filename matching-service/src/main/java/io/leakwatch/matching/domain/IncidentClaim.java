package io.leakwatch.matching.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.leakwatch.contracts.verification.VerificationOpened;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * An incident's claim, as matching received it: opened once per incident. The samples of the incident are verified
 * one by one by {@link Verification}, keyed by sample id.
 */
public class IncidentClaim {

    @AggregateIdentifier
    private String incidentId;

    private boolean opened;

    protected IncidentClaim() {
        // For Axon, which rebuilds the claim from its events.
    }

    /** Opening twice changes nothing: the incident's report may reach matching more than once. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(OpenVerification command) {
        if (opened) {
            return;
        }
        apply(new VerificationOpened(command.incidentId(), command.claimedRecordCount(), command.openedAt()));
    }

    @EventSourcingHandler
    void on(VerificationOpened event) {
        incidentId = event.incidentId();
        opened = true;
    }
}
