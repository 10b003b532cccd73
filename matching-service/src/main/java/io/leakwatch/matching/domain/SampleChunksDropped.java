package io.leakwatch.matching.domain;

import java.time.Instant;

/** Chunks of a sample whose submission never came were dropped. matching's own event. */
public record SampleChunksDropped(String sampleId, String incidentId, int chunks, String reason, Instant droppedAt) {}
