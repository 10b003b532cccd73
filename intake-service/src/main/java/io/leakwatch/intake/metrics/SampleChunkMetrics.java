package io.leakwatch.intake.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code leakwatch_sample_chunks_sent_total} and {@code leakwatch_sample_rows_sent_total}: tokenised chunks (and their
 * rows) that intake put on {@code leakwatch.sample-chunks}. The sample upload calls {@link #sent(int)} once per chunk
 * as it hands it to the producer (acknowledgements are awaited afterwards, for the whole sample); {@code rate()} of it
 * is the chunk rate.
 */
@ApplicationScoped
@Startup
public class SampleChunkMetrics {

    private final Counter chunks;
    private final Counter rows;

    SampleChunkMetrics(MeterRegistry registry) {
        chunks = Counter.builder("leakwatch.sample.chunks.sent")
                .description("Sample chunks sent to leakwatch.sample-chunks")
                .register(registry);
        rows = Counter.builder("leakwatch.sample.rows.sent")
                .description("Tokenised sample rows sent to leakwatch.sample-chunks")
                .register(registry);
    }

    /** One chunk of {@code rowCount} rows was sent. */
    public void sent(int rowCount) {
        chunks.increment();
        rows.increment(rowCount);
    }
}
