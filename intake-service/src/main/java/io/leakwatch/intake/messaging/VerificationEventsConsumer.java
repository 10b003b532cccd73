package io.leakwatch.intake.messaging;

import io.leakwatch.contracts.verification.VerificationCompleted;
import io.leakwatch.intake.domain.IncidentTransitionRefused;
import io.leakwatch.intake.domain.RecordVerificationResult;
import io.leakwatch.platform.messaging.CloudEventCodec;
import io.leakwatch.platform.messaging.ConsumerRetry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * A completed verification moves its incident to VERIFIED, with the verdict.
 *
 * <p>Note: no inbox here. The Incident takes a repeated verdict for the same sample as a no-op, so a redelivered record
 * is harmless; and a verdict the incident refuses (it was closed meanwhile) must be logged and passed over, which a
 * shared transaction with an inbox row could not do: Axon marks it rollback-only on the refusal.
 */
@ApplicationScoped
class VerificationEventsConsumer {

    private static final Logger LOG = Logger.getLogger(VerificationEventsConsumer.class);

    private final CloudEventCodec codec = new CloudEventCodec();
    private final CommandGateway commands;
    private final ConsumerRetry retry;

    VerificationEventsConsumer(CommandGateway commands, ConsumerRetry retry) {
        this.commands = commands;
        this.retry = retry;
    }

    @Incoming("verification-events")
    @Blocking
    void consume(String record) {
        codec.decode(record).ifPresent(event -> {
            if (event.data() instanceof VerificationCompleted completed) {
                retry.run("intake-verification-events", () -> record(completed));
            }
        });
    }

    private void record(VerificationCompleted completed) {
        try {
            commands.sendAndWait(new RecordVerificationResult(
                    completed.incidentId(),
                    completed.sampleId(),
                    completed.result().verdict(),
                    completed.completedAt()));
        } catch (IncidentTransitionRefused refused) {
            LOG.infof(
                    "Incident %s did not take the verdict of sample %s: %s",
                    completed.incidentId(), completed.sampleId(), refused.getMessage());
        }
    }
}
