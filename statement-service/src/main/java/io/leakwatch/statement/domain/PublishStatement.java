package io.leakwatch.statement.domain;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Make an approved version public. */
public record PublishStatement(
        @TargetAggregateIdentifier String incidentId, int version, String publisher, Instant publishedAt) {}
