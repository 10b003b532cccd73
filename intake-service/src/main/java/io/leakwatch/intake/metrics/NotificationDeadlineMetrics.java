package io.leakwatch.intake.metrics;

import io.leakwatch.contracts.incident.NotificationDeadlineApproaching;
import io.leakwatch.contracts.incident.NotificationDeadlineMissed;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

/**
 * {@code leakwatch_notification_deadlines_approaching_total} and {@code ..._missed_total}: the notification clocks that
 * reached three quarters of their period, and those that ran out, as recorded in the event store.
 *
 * <p>Note: runs in a tracking processor with an in-memory token ({@link IntakeMetricsModule}), so every start counts
 * the whole store again: the counters are totals of the store, equal on every replica and across restarts, not counts
 * since the process started. Aggregate replicas with {@code max}, not {@code sum}.
 */
@ProcessingGroup(NotificationDeadlineMetrics.PROCESSING_GROUP)
class NotificationDeadlineMetrics {

    static final String PROCESSING_GROUP = "notification-deadline-metrics";

    private final Counter approaching;
    private final Counter missed;

    NotificationDeadlineMetrics(MeterRegistry registry) {
        approaching = Counter.builder("leakwatch.notification.deadlines.approaching")
                .description("Notification clocks at 75% of their period without the required notices")
                .register(registry);
        missed = Counter.builder("leakwatch.notification.deadlines.missed")
                .description("Notification periods that ended without the required notices")
                .register(registry);
    }

    @EventHandler
    void on(NotificationDeadlineApproaching event) {
        approaching.increment();
    }

    @EventHandler
    void on(NotificationDeadlineMissed event) {
        missed.increment();
    }
}
