package io.leakwatch.matching.metrics;

import io.leakwatch.matching.registry.RegistryIndex;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.ToDoubleFunction;

/**
 * The in-memory registry index of this replica, as last built: {@code leakwatch_registry_index_generation} (the
 * registry generation it holds), {@code leakwatch_registry_index_members} (members and canaries),
 * {@code leakwatch_registry_index_bytes} (every array of it) and {@code leakwatch_registry_index_build_seconds} (from
 * the first row read from PostgreSQL to the index in place). All 0 until the first build.
 *
 * <p>Note: gauges of one immutable snapshot, not of the index itself, so the metrics keep no index alive after it was
 * replaced; a scraper sees the generation move once the new index serves (how the benchmark knows a build ended).
 */
@ApplicationScoped
public class RegistryIndexMetrics {

    private record Built(long generation, int members, long bytes, double seconds) {}

    private volatile Built last = new Built(0, 0, 0, 0);

    RegistryIndexMetrics(MeterRegistry registry) {
        gauge(
                registry,
                "leakwatch.registry.index.generation",
                "Registry generation the index holds",
                Built::generation);
        gauge(registry, "leakwatch.registry.index.members", "Members and canaries in the index", Built::members);
        gauge(registry, "leakwatch.registry.index.bytes", "Bytes of the index's arrays", Built::bytes);
        gauge(registry, "leakwatch.registry.index.build.seconds", "Duration of the last index build", Built::seconds);
    }

    private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<Built> value) {
        Gauge.builder(name, this, metrics -> value.applyAsDouble(metrics.last))
                .description(description)
                .register(registry);
    }

    /** An index was built in {@code seconds} and serves from now on. */
    public void built(RegistryIndex index, double seconds) {
        last = new Built(index.generation(), index.size(), index.layoutBytes(), seconds);
    }
}
