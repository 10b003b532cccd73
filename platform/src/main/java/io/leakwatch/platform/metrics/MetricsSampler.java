package io.leakwatch.platform.metrics;

import io.leakwatch.platform.config.LeakwatchConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Refreshes the figures that cost a query (table counts, the event store's head) on one background thread, so that a
 * scrape of {@code /q/metrics} or a readiness probe only reads values already in memory: no query per scrape per
 * gauge, and nothing blocking on the HTTP event loop. A figure is at most one interval old.
 */
@ApplicationScoped
public class MetricsSampler {

    private static final Logger LOG = Logger.getLogger(MetricsSampler.class);

    private final Duration interval;
    private final List<Runnable> tasks = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService executor;

    MetricsSampler(LeakwatchConfig config) {
        this.interval = config.metrics().refreshInterval();
    }

    /** Runs {@code task} now and then every interval; a failing task is logged and tried again next time. */
    public void every(String name, Runnable task) {
        Runnable guarded = () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.debugf(e, "Metric sample %s failed; keeping the last value", name);
            }
        };
        tasks.add(guarded);
    }

    /** The interval at which the samples are refreshed. */
    public Duration interval() {
        return interval;
    }

    /** After Axon and the services' beans have started. */
    synchronized void start(@Observes @Priority(Interceptor.Priority.APPLICATION + 500) StartupEvent event) {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "leakwatch-metrics");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(
                () -> tasks.forEach(Runnable::run), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Before Axon and the datasource stop, so that no sample runs against a stopped runtime. */
    synchronized void stop(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }
}
