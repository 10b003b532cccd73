package io.leakwatch.matching.messaging;

import io.leakwatch.contracts.incident.IncidentReported;
import io.leakwatch.contracts.incident.SampleSubmitted;
import io.leakwatch.matching.domain.OpenVerification;
import io.leakwatch.matching.domain.StartVerification;
import io.leakwatch.matching.registry.RegistryIndex;
import io.leakwatch.matching.repository.MatchingFacts;
import io.leakwatch.matching.service.RegistryIndexHolder;
import io.leakwatch.platform.messaging.ConsumerRetry;
import io.leakwatch.platform.messaging.Inbox;
import io.leakwatch.platform.privacy.Tokeniser;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Opens a verification for every reported incident (and keeps its claim), and starts the verification of every
 * submitted sample with what this service knows: the claim, the registry's size and generation, the data shares.
 */
@ApplicationScoped
class IncidentEventsConsumer {

    static final String CONSUMER = "matching-service";

    private final Inbox inbox;
    private final ConsumerRetry retry;
    private final CommandGateway commands;
    private final MatchingFacts facts;
    private final RegistryIndexHolder registry;
    private final Tokeniser tokeniser;
    private final Clock clock = Clock.systemUTC();

    IncidentEventsConsumer(
            Inbox inbox,
            ConsumerRetry retry,
            CommandGateway commands,
            MatchingFacts facts,
            RegistryIndexHolder registry,
            Tokeniser tokeniser) {
        this.inbox = inbox;
        this.retry = retry;
        this.commands = commands;
        this.facts = facts;
        this.registry = registry;
        this.tokeniser = tokeniser;
    }

    @Incoming("incident-events")
    @Blocking
    void consume(String record) {
        retry.run("matching-incident-events", () -> {
            // Inside the retry (it reads the database) but outside the inbox's transaction: a rebuild of the index
            // reads the registry with a cursor of its own.
            RegistryIndex index = registry.current();
            inbox.receive(CONSUMER, record, event -> {
                if (event.data() instanceof IncidentReported reported) {
                    facts.recordClaim(reported.incidentId(), reported.claimedRecordCount());
                    commands.sendAndWait(new OpenVerification(
                            reported.incidentId(), reported.claimedRecordCount(), Instant.now(clock)));
                } else if (event.data() instanceof SampleSubmitted submitted) {
                    commands.sendAndWait(start(submitted, index));
                }
            });
        });
    }

    private StartVerification start(SampleSubmitted submitted, RegistryIndex index) {
        return new StartVerification(
                submitted.sampleId(),
                submitted.incidentId(),
                submitted.chunks(),
                submitted.rows(),
                submitted.invalidRows(),
                submitted.headerNames(),
                submitted.mappedColumns(),
                facts.claimOf(submitted.incidentId()),
                index.registryMembers(),
                index.generation(),
                facts.shares(),
                tokeniser.keyId().equals(submitted.tokenKeyId()),
                Instant.now(clock));
    }
}
