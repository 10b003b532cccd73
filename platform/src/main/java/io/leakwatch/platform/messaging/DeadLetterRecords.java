package io.leakwatch.platform.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Sends single records of a batch to the dead letters. A channel consumed in batches refuses its records one by one,
 * so that a poison record does not take the good records of its batch with it; the channel's interceptor,
 * {@link DeadLetterMetrics}, sees only the batch, so this counts each refused record as the interceptor would.
 */
@ApplicationScoped
public class DeadLetterRecords {

    private final DeadLetterMetrics metrics;

    DeadLetterRecords(DeadLetterMetrics metrics) {
        this.metrics = metrics;
    }

    /** Nacks {@code record} (the channel's dead-letter strategy sends it on) and counts it once that is done. */
    public CompletionStage<Void> refuse(Message<?> record, Throwable reason) {
        return record.nack(reason).thenRun(() -> metrics.onMessageNack(record, reason));
    }
}
