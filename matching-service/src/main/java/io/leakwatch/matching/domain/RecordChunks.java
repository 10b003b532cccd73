package io.leakwatch.matching.domain;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record the partial results of chunks of one sample, delivered together (the sample's verification is created if they
 * come first). One command for the chunks of a delivery, so that the verification is loaded, locked and appended to
 * once for them all.
 *
 * @param chunks in the order they were delivered; a chunk may be among them twice
 */
public record RecordChunks(
        @TargetAggregateIdentifier String sampleId,
        String incidentId,
        long registryGeneration,
        List<ChunkPart> chunks,
        Instant receivedAt) {

    public RecordChunks {
        chunks = List.copyOf(chunks);
    }

    /** One chunk's partial result. */
    public record ChunkPart(int chunkNumber, int bucket, ChunkTally tally) {}
}
