package io.leakwatch.platform.messaging;

import io.leakwatch.platform.config.LeakwatchConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * Runs a consumer's transactional step again, with exponential back-off and jitter, while it fails for a reason that
 * may pass ({@link TransientFailures}): PostgreSQL restarting or unreachable, a connection cut, a concurrent append that
 * won. The step's transaction rolls back as a whole on each failure (inbox row, projection rows, appended events), so a
 * retry starts clean. A failure that is not transient, or one that outlasts {@code leakwatch.consumer-retry.max-duration},
 * is thrown, the record is nacked and goes to the dead letters.
 *
 * <p>Note: the record's partition waits while its record is retried, which is what should happen when the database is
 * away (the next record would fail the same way); the wait stays under the Kafka connector's 60 s limit for an
 * unprocessed record ({@code throttled.unprocessed-record-max-age.ms}).
 */
@ApplicationScoped
public class ConsumerRetry {

    static final String RETRIES = "leakwatch.consumer.retries";
    private static final Logger LOG = Logger.getLogger(ConsumerRetry.class);

    private final LeakwatchConfig.ConsumerRetry settings;
    private final MeterRegistry registry;

    ConsumerRetry(LeakwatchConfig config, MeterRegistry registry) {
        this.settings = config.consumerRetry();
        this.registry = registry;
    }

    /** Runs {@code step} for {@code consumer} (a metrics tag) until it succeeds, fails for good, or time is up. */
    public void run(String consumer, Runnable step) {
        long deadline = System.nanoTime() + settings.maxDuration().toNanos();
        Duration backoff = settings.initialBackoff();
        for (int attempt = 1; ; attempt++) {
            try {
                step.run();
                return;
            } catch (RuntimeException e) {
                if (!TransientFailures.isTransient(e) || System.nanoTime() + backoff.toNanos() > deadline) {
                    throw e;
                }
                // The class only: an exception's message may quote the record.
                LOG.infof(
                        "%s failed for a transient reason (%s, attempt %d); retrying in %d ms",
                        consumer, e.getClass().getSimpleName(), attempt, backoff.toMillis());
                Counter.builder(RETRIES)
                        .tag("consumer", consumer)
                        .description("Transient failures of a consumer's step, retried in place")
                        .register(registry)
                        .increment();
                sleep(backoff);
                backoff = next(backoff);
            }
        }
    }

    private Duration next(Duration backoff) {
        Duration doubled = backoff.multipliedBy(2);
        return doubled.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : doubled;
    }

    private static void sleep(Duration backoff) {
        // Jitter, so that two replicas that lost the same race do not collide again.
        long millis = backoff.toMillis() / 2 + ThreadLocalRandom.current().nextLong(backoff.toMillis() / 2 + 1);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to retry", e);
        }
    }
}
