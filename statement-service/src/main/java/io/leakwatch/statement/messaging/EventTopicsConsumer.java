package io.leakwatch.statement.messaging;

import io.leakwatch.contracts.Topics;
import io.leakwatch.platform.messaging.ConsumerRetry;
import io.leakwatch.platform.messaging.Inbox;
import io.leakwatch.statement.audit.AuditTrail;
import io.leakwatch.statement.drafting.StatementDrafter;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Every event of every service's topic is a fact the statement may need to say, and an entry of its incident's audit
 * trail. The drafting and the trail are two inbox consumers, each in its own transaction: a record redelivered after
 * one of them committed is skipped by that one and handled by the other.
 */
@ApplicationScoped
class EventTopicsConsumer {

    static final String CONSUMER = "statement-service";
    static final String AUDIT = "audit-trail";

    private final Inbox inbox;
    private final StatementDrafter drafter;
    private final AuditTrail trail;
    private final ConsumerRetry retry;

    EventTopicsConsumer(Inbox inbox, StatementDrafter drafter, AuditTrail trail, ConsumerRetry retry) {
        this.inbox = inbox;
        this.drafter = drafter;
        this.trail = trail;
        this.retry = retry;
    }

    @Incoming("incident-events")
    @Blocking
    void incidentEvent(String record) {
        draft(record);
        audit(Topics.INCIDENT_EVENTS, record);
    }

    @Incoming("verification-events")
    @Blocking
    void verificationEvent(String record) {
        draft(record);
        audit(Topics.VERIFICATION_EVENTS, record);
    }

    /** statement-service's own decisions: their facts are already its own, they only go to the trail. */
    @Incoming("statement-events")
    @Blocking
    void statementEvent(String record) {
        audit(Topics.STATEMENT_EVENTS, record);
    }

    /** Each step in a transaction of its own, retried on its own: a retry of the trail never drafts twice. */
    private void draft(String record) {
        retry.run(CONSUMER, () -> inbox.receive(CONSUMER, record, drafter::onFact));
    }

    private void audit(String topic, String record) {
        retry.run(AUDIT, () -> inbox.receive(AUDIT, record, event -> trail.append(topic, event, record)));
    }
}
