package io.leakwatch.matching.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code leakwatch_sample_chunks_received_total} and {@code leakwatch_sample_rows_received_total}: chunks (and their
 * rows) matching took from {@code leakwatch.sample-chunks}. The chunk consumer calls {@link #received(int)} once per
 * record it handled, a redelivered chunk included (the Verification counts it once); {@code rate()} of it is the chunk
 * rate.
 */
@ApplicationScoped
@Startup
public class SampleChunkMetrics {

    private final Counter chunks;
    private final Counter rows;

    SampleChunkMetrics(MeterRegistry registry) {
        chunks = Counter.builder("leakwatch.sample.chunks.received")
                .description("Sample chunks received from leakwatch.sample-chunks")
                .register(registry);
        rows = Counter.builder("leakwatch.sample.rows.received")
                .description("Tokenised sample rows received from leakwatch.sample-chunks")
                .register(registry);
    }

    /** One chunk of {@code rowCount} rows was handled. */
    public void received(int rowCount) {
        chunks.increment();
        rows.increment(rowCount);
    }
}
