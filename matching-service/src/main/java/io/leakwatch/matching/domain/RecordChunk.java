package io.leakwatch.matching.domain;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record a chunk's partial result (the sample's verification is created if the chunk comes first). */
public record RecordChunk(
        @TargetAggregateIdentifier String sampleId,
        String incidentId,
        int chunkNumber,
        int bucket,
        long registryGeneration,
        ChunkTally tally,
        Instant receivedAt) {}
