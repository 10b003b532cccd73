package io.leakwatch.statement.drafting;

import io.leakwatch.contracts.CloudEvent;
import io.leakwatch.contracts.IntegrationEvent;
import io.leakwatch.platform.logging.IncidentMdc;
import io.leakwatch.statement.domain.DraftStatement;
import io.leakwatch.statement.repository.IncidentFactsRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.GenericCommandMessage;
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

    /** A fact to fold, and the trace context of the record it came in, which the drafts it causes carry on. */
    public record Fact(CloudEvent<IntegrationEvent> event, Map<String, String> trace) {}

    /**
     * Folds each fact into its incident's facts, in the order given, and drafts a new version whenever they change. The
     * incidents' facts stay locked until the consuming transaction ends (see {@code Inbox}), inside which this must
     * run.
     */
    public void onFacts(List<Fact> arrived) {
        if (arrived.isEmpty()) {
            return;
        }
        Map<String, IncidentFacts> known = facts.lockAll(
                arrived.stream().map(fact -> fact.event().subject()).collect(Collectors.toSet()));
        facts.saveAll(FactsFold.fold(known, arrived, Fact::event, this::draftIfClaimed));
    }

    private void draftIfClaimed(Fact fact, IncidentFacts after) {
        if (!after.claimKnown()) {
            return;
        }
        CloudEvent<IntegrationEvent> event = fact.event();
        try (IncidentMdc.Scope scope = IncidentMdc.put(event.subject())) {
            StatementTexts texts = renderer.render(after, event.time());
            // The record's trace, not the batch's: each draft continues the journey of the event that caused it.
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(
                            new DraftStatement(event.subject(), event.id(), texts.id(), texts.en(), event.time()))
                    .andMetaData(fact.trace()));
        }
    }
}
