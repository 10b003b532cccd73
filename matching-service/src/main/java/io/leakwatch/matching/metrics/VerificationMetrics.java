package io.leakwatch.matching.metrics;

import io.leakwatch.contracts.verification.VerificationCompleted;
import io.leakwatch.contracts.verification.VerificationFailed;
import io.leakwatch.contracts.verification.VerificationStarted;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

/**
 * {@code leakwatch_verifications_running}: samples whose verification started and has neither completed nor failed;
 * {@code leakwatch_verification_duration_seconds{outcome}}: from {@code VerificationStarted} to
 * {@code VerificationCompleted} ({@code outcome="completed"}) or {@code VerificationFailed} ({@code "failed"}), as a
 * histogram. Both come from the events alone, so they need nothing from the verification code.
 *
 * <p>Note: runs in a tracking processor with an in-memory token ({@link MatchingMetricsModule}): every start folds the
 * whole store again, so the running count survives restarts and is equal on every replica (aggregate with {@code max}).
 */
@ProcessingGroup(VerificationMetrics.PROCESSING_GROUP)
class VerificationMetrics {

    static final String PROCESSING_GROUP = "verification-metrics";

    private final Map<String, Instant> running = new ConcurrentHashMap<>();
    private final Timer completed;
    private final Timer failed;

    VerificationMetrics(MeterRegistry registry) {
        Gauge.builder("leakwatch.verifications.running", running, Map::size)
                .description("Verifications started and neither completed nor failed")
                .register(registry);
        completed = duration(registry, "completed");
        failed = duration(registry, "failed");
    }

    private static Timer duration(MeterRegistry registry, String outcome) {
        return Timer.builder("leakwatch.verification.duration")
                .description("Time from a verification's start to its end")
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofSeconds(1))
                .maximumExpectedValue(Duration.ofHours(6))
                .register(registry);
    }

    @EventHandler
    void on(VerificationStarted event) {
        running.putIfAbsent(event.sampleId(), event.startedAt());
    }

    @EventHandler
    void on(VerificationCompleted event) {
        end(event.sampleId(), event.completedAt(), completed);
    }

    @EventHandler
    void on(VerificationFailed event) {
        end(event.sampleId(), event.failedAt(), failed);
    }

    private void end(String sampleId, Instant endedAt, Timer timer) {
        Instant startedAt = running.remove(sampleId);
        if (startedAt != null && endedAt != null && !endedAt.isBefore(startedAt)) {
            timer.record(Duration.between(startedAt, endedAt));
        }
    }
}
