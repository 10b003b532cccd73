package io.leakwatch.statement.domain;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Approve a version for publication. */
public record ApproveStatement(
        @TargetAggregateIdentifier String incidentId, int version, String approver, Instant approvedAt) {}
