package io.leakwatch.matching.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** What matching-service is told about verifying samples. */
@ConfigMapping(prefix = "leakwatch.matching")
public interface MatchingConfig {

    /** How long chunks of a sample may wait for its {@code SampleSubmitted} before they are dropped. */
    @WithDefault("PT1H")
    Duration orphanChunkTimeout();

    /** How long a started verification may wait for its next chunk before it is recorded as failed. */
    @WithDefault("PT1H")
    Duration chunkTimeout();

    /** How often the sweeper looks for orphaned chunks and stalled verifications. */
    @WithDefault("PT30S")
    Duration sweepInterval();

    /** How many rejected lines of an import are kept with their reasons (all are counted). */
    @WithDefault("1000")
    int importRejectionsKept();
}
