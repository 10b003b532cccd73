package io.leakwatch.intake.domain;

import io.leakwatch.contracts.incident.ReportSource;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record that the claim of an open incident was seen again. Which incident a new report matches (by normalised
 * source URL or sample digest) is decided before this command is sent.
 */
public record RecordSighting(
        @TargetAggregateIdentifier String incidentId, ReportSource source, Instant seenAt, Instant recordedAt) {}
