package io.leakwatch.statement.messaging;

import io.leakwatch.platform.messaging.Inbox;
import io.leakwatch.statement.drafting.StatementDrafter;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Every event of every service's topic is a fact the statement may need to say. */
@ApplicationScoped
class EventTopicsConsumer {

    static final String CONSUMER = "statement-service";

    private final Inbox inbox;
    private final StatementDrafter drafter;

    EventTopicsConsumer(Inbox inbox, StatementDrafter drafter) {
        this.inbox = inbox;
        this.drafter = drafter;
    }

    @Incoming("incident-events")
    @Blocking
    void incidentEvent(String record) {
        inbox.receive(CONSUMER, record, drafter::onFact);
    }

    @Incoming("verification-events")
    @Blocking
    void verificationEvent(String record) {
        inbox.receive(CONSUMER, record, drafter::onFact);
    }
}
