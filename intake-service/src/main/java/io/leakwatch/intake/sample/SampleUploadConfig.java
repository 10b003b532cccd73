package io.leakwatch.intake.sample;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How sample uploads are streamed, tokenised and cut into chunks. */
@ConfigMapping(prefix = "leakwatch.sample")
public interface SampleUploadConfig {

    /**
     * The largest file accepted; a larger one is answered 413. {@code quarkus.http.limits.max-body-size} must be larger,
     * or the HTTP layer refuses first (without a problem body).
     */
    @WithDefault("1G")
    MemorySize maxSize();

    /**
     * How many NIK-token buckets a sample's rows are spread over: a row's bucket is its NIK token's index key modulo
     * this, and a bucket's chunks share one Kafka key, so every repeat of a NIK reaches one partition. More buckets
     * spread a sample over more matching replicas; each bucket holds one partly filled chunk in memory.
     */
    @WithDefault("12")
    int buckets();

    /**
     * Rows per chunk. A row is about 350-700 bytes of JSON, so the default keeps a chunk well under Kafka's default
     * 1 MB record limit.
     */
    @WithDefault("500")
    int chunkRows();

    /** Chunks sent but not yet acknowledged at any time; the upload waits when this many are in flight. */
    @WithDefault("8")
    int maxInFlight();

    /** How long the end of an upload waits for the last acknowledgements before it fails. */
    @WithDefault("60s")
    Duration ackTimeout();
}
