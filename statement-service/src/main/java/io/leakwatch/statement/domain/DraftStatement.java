package io.leakwatch.statement.domain;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Draft the incident's holding statement anew from the facts known now. */
public record DraftStatement(
        @TargetAggregateIdentifier String incidentId,
        String causedBy,
        String textId,
        String textEn,
        Instant draftedAt) {}
