package io.leakwatch.intake.domain;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that a sample of the offered data went to matching-service for verification. */
public record StartVerification(@TargetAggregateIdentifier String incidentId, String sampleId, Instant startedAt) {}
