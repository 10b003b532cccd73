package io.leakwatch.intake.domain;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Assess an incident, or assess it again.
 *
 * @param severity LOW, MEDIUM, HIGH or CRITICAL
 * @param marking a TLP 2.0 label, e.g. {@code TLP:AMBER}
 * @param owner who is responsible for the incident
 */
public record TriageIncident(
        @TargetAggregateIdentifier String incidentId,
        String severity,
        String marking,
        String owner,
        Instant triagedAt) {}
