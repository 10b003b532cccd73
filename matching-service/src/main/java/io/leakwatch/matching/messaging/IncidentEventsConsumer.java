package io.leakwatch.matching.messaging;

import io.leakwatch.contracts.incident.IncidentReported;
import io.leakwatch.matching.domain.OpenVerification;
import io.leakwatch.platform.messaging.Inbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Opens a verification for every reported incident. */
@ApplicationScoped
class IncidentEventsConsumer {

    static final String CONSUMER = "matching-service";

    private final Inbox inbox;
    private final CommandGateway commands;
    private final Clock clock = Clock.systemUTC();

    IncidentEventsConsumer(Inbox inbox, CommandGateway commands) {
        this.inbox = inbox;
        this.commands = commands;
    }

    @Incoming("incident-events")
    @Blocking
    void consume(String record) {
        inbox.receive(CONSUMER, record, event -> {
            if (event.data() instanceof IncidentReported reported) {
                commands.sendAndWait(
                        new OpenVerification(reported.incidentId(), reported.claimedRecordCount(), Instant.now(clock)));
            }
        });
    }
}
