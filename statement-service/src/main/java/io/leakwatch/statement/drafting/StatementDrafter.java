package io.leakwatch.statement.drafting;

import io.leakwatch.contracts.CloudEvent;
import io.leakwatch.contracts.IntegrationEvent;
import io.leakwatch.statement.domain.DraftStatement;
import io.leakwatch.statement.repository.IncidentFactsRepository;
import jakarta.enterprise.context.ApplicationScoped;
import org.axonframework.commandhandling.gateway.CommandGateway;

/** Turns each new fact about an incident into a new draft of its holding statement, when the words change. */
@ApplicationScoped
public class StatementDrafter {

    private final IncidentFactsRepository facts;
    private final StatementRenderer renderer;
    private final CommandGateway commands;

    StatementDrafter(IncidentFactsRepository facts, StatementRenderer renderer, CommandGateway commands) {
        this.facts = facts;
        this.renderer = renderer;
        this.commands = commands;
    }

    /** Must run inside the consuming transaction (see {@code Inbox}). */
    public void onFact(CloudEvent<IntegrationEvent> event) {
        IncidentFacts known = facts.find(event.subject());
        IncidentFacts updated = known.with(event.data());
        if (updated.equals(known)) {
            return;
        }
        facts.save(updated);
        if (!updated.claimKnown()) {
            return;
        }
        StatementTexts texts = renderer.render(updated, event.time());
        commands.sendAndWait(new DraftStatement(event.subject(), event.id(), texts.id(), texts.en(), event.time()));
    }
}
