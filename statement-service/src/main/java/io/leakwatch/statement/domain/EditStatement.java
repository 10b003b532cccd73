package io.leakwatch.statement.domain;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Change the words of the latest version; the change becomes a new draft version. */
public record EditStatement(
        @TargetAggregateIdentifier String incidentId,
        int basedOn,
        String textId,
        String textEn,
        String author,
        Instant editedAt) {}
