package io.leakwatch.matching.domain;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Get ready to verify an incident's claim: a sample is awaited. */
public record OpenVerification(
        @TargetAggregateIdentifier String incidentId, long claimedRecordCount, Instant openedAt) {}
