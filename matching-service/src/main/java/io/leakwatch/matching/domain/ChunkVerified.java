package io.leakwatch.matching.domain;

import java.time.Instant;

/**
 * A chunk of a sample was matched against the registry: its partial result. matching's own event (not an integration
 * event, so never forwarded to Kafka); it holds counts only.
 *
 * @param registryGeneration the registry generation the rows were matched against
 */
public record ChunkVerified(
        String sampleId,
        String incidentId,
        int chunkNumber,
        int bucket,
        long registryGeneration,
        ChunkTally tally,
        Instant receivedAt) {}
