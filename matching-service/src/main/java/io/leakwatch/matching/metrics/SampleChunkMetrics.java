package io.leakwatch.matching.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;

/**
 * {@code leakwatch_sample_chunks_received_total} and {@code leakwatch_sample_rows_received_total}: chunks (and their
 * rows) matching took from {@code leakwatch.sample-chunks}; {@code leakwatch_sample_chunk_handling_seconds}: how long
 * each took, from the delivery of its batch to the batch's commit (the chunks of a batch are recorded together). The
 * chunk consumer calls {@link #received(int, long)} once per chunk it handled, a redelivered chunk included (the
 * Verification counts it once); {@code rate()} of it is the chunk rate.
 */
@ApplicationScoped
@Startup
public class SampleChunkMetrics {

    private final Counter chunks;
    private final Counter rows;
    private final Timer handling;

    SampleChunkMetrics(MeterRegistry registry) {
        chunks = Counter.builder("leakwatch.sample.chunks.received")
                .description("Sample chunks received from leakwatch.sample-chunks")
                .register(registry);
        rows = Counter.builder("leakwatch.sample.rows.received")
                .description("Tokenised sample rows received from leakwatch.sample-chunks")
                .register(registry);
        handling = Timer.builder("leakwatch.sample.chunk.handling")
                .description(
                        "Time a chunk takes from the delivery of its batch to the batch's commit, retries included")
                .register(registry);
    }

    /** One chunk of {@code rowCount} rows was handled, from {@code startedNanos} ({@link System#nanoTime()}) on. */
    public void received(int rowCount, long startedNanos) {
        chunks.increment();
        rows.increment(rowCount);
        handling.record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
    }
}
