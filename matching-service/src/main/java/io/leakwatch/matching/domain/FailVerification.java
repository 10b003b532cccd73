package io.leakwatch.matching.domain;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A started verification cannot finish (its chunks stopped coming). */
public record FailVerification(@TargetAggregateIdentifier String sampleId, String reason, Instant failedAt) {}
