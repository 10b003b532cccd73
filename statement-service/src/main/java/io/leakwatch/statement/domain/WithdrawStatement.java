package io.leakwatch.statement.domain;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Take a published version out of public view. */
public record WithdrawStatement(
        @TargetAggregateIdentifier String incidentId,
        int version,
        String reason,
        String withdrawer,
        Instant withdrawnAt) {}
