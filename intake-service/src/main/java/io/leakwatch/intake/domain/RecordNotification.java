package io.leakwatch.intake.domain;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record that one jurisdiction's authority or data subjects were notified.
 *
 * @param jurisdiction an ISO code whose clock runs for the incident (ID, EU, ...)
 * @param recipient AUTHORITY or DATA_SUBJECTS
 * @param notifiedAt when the notice went out
 * @param recordedAt when it is recorded
 */
public record RecordNotification(
        @TargetAggregateIdentifier String incidentId,
        String jurisdiction,
        String recipient,
        Instant notifiedAt,
        Instant recordedAt) {}
