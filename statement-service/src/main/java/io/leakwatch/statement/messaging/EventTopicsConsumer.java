package io.leakwatch.statement.messaging;

import io.leakwatch.contracts.CloudEvent;
import io.leakwatch.contracts.IntegrationEvent;
import io.leakwatch.contracts.Topics;
import io.leakwatch.platform.messaging.BatchedRecords;
import io.leakwatch.platform.messaging.CloudEventCodec;
import io.leakwatch.platform.messaging.Inbox;
import io.leakwatch.statement.audit.AuditTrail;
import io.leakwatch.statement.drafting.StatementDrafter;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Every event of every service's topic is a fact the statement may need to say, and an entry of its incident's audit
 * trail. The drafting and the trail are two inbox consumers, each in its own transaction: a record redelivered after
 * one of them committed is skipped by that one and handled by the other.
 *
 * <p>Records come in batches (what one poll returned), and each step handles its batch in one transaction: one event a
 * transaction, one after the other, drafted ~27 incidents a second, far behind a steady 50 (docs/decisions.md,
 * "Session 6: statement-service's consumers in batches"). A record that is not a CloudEvent goes to the dead letters
 * alone; a batch that fails for good is tried again record by record, so that only the record at fault goes there, and
 * a record the drafting refused is not appended to the trail (as before, when its failure stopped it).
 */
@ApplicationScoped
class EventTopicsConsumer {

    static final String CONSUMER = "statement-service";
    static final String AUDIT = "audit-trail";

    private final Inbox inbox;
    private final StatementDrafter drafter;
    private final AuditTrail trail;
    private final BatchedRecords batches;
    private final CloudEventCodec codec = new CloudEventCodec();

    EventTopicsConsumer(Inbox inbox, StatementDrafter drafter, AuditTrail trail, BatchedRecords batches) {
        this.inbox = inbox;
        this.drafter = drafter;
        this.trail = trail;
        this.batches = batches;
    }

    @Incoming("incident-events")
    @Blocking
    CompletionStage<Void> incidentEvents(Message<List<String>> batch) {
        return consume(Topics.INCIDENT_EVENTS, batch, true);
    }

    @Incoming("verification-events")
    @Blocking
    CompletionStage<Void> verificationEvents(Message<List<String>> batch) {
        return consume(Topics.VERIFICATION_EVENTS, batch, true);
    }

    /** statement-service's own decisions: their facts are already its own, they only go to the trail. */
    @Incoming("statement-events")
    @Blocking
    CompletionStage<Void> statementEvents(Message<List<String>> batch) {
        return consume(Topics.STATEMENT_EVENTS, batch, false);
    }

    private CompletionStage<Void> consume(String topic, Message<List<String>> batch, boolean facts) {
        List<CompletionStage<Void>> refusals = new ArrayList<>();
        List<Delivered> events = new ArrayList<>();
        for (Message<?> record : BatchedRecords.of(batch)) {
            String payload = (String) record.getPayload();
            Optional<CloudEvent<IntegrationEvent>> event;
            try {
                event = codec.decode(payload);
            } catch (CloudEventCodec.MalformedEventException e) {
                refusals.add(batches.refuse(record, e));
                continue;
            }
            // An event type this build does not know is passed over, as the inbox does.
            event.ifPresent(known -> events.add(new Delivered(record, payload, known)));
        }
        List<Delivered> toAudit = events;
        if (facts && !events.isEmpty()) {
            BatchedRecords.Refused<Delivered> refused =
                    batches.runTogether(CONSUMER, events, Delivered::record, this::draft);
            refusals.addAll(refused.refusals());
            Set<Delivered> notDrafted = Collections.newSetFromMap(new IdentityHashMap<>());
            notDrafted.addAll(refused.items());
            toAudit = events.stream().filter(e -> !notDrafted.contains(e)).toList();
        }
        if (!toAudit.isEmpty()) {
            refusals.addAll(batches.runTogether(AUDIT, toAudit, Delivered::record, d -> audit(topic, d))
                    .refusals());
        }
        return BatchedRecords.ackAfter(batch, refusals);
    }

    /** Each step in a transaction of its own, retried on its own: a retry of the trail never drafts twice. */
    private void draft(List<Delivered> delivered) {
        QuarkusTransaction.requiringNew()
                .run(() -> drafter.onFacts(inbox.firstDeliveries(CONSUMER, delivered, Delivered::eventId).stream()
                        .map(d -> new StatementDrafter.Fact(d.event(), BatchedRecords.traceOf(d.record())))
                        .toList()));
    }

    private void audit(String topic, List<Delivered> delivered) {
        QuarkusTransaction.requiringNew()
                .run(() -> trail.appendAll(inbox.firstDeliveries(AUDIT, delivered, Delivered::eventId).stream()
                        .map(d -> new AuditTrail.Appended(topic, d.event(), d.payload()))
                        .toList()));
    }

    /** An event and the record it came in, which is refused on its own if it must be. */
    private record Delivered(Message<?> record, String payload, CloudEvent<IntegrationEvent> event) {

        String eventId() {
            return event.id();
        }
    }
}
