package io.leakwatch.matching.domain;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Drop the chunks of a sample whose submission never came. */
public record DropChunks(@TargetAggregateIdentifier String sampleId, String reason, Instant droppedAt) {}
