package io.leakwatch.intake.domain;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record when the organisation became aware of the incident, starting the notification clocks.
 *
 * @param jurisdictions the jurisdictions whose clocks start; empty or null for the incident's reported ones
 */
public record RecordAwareness(
        @TargetAggregateIdentifier String incidentId, Instant awareAt, List<String> jurisdictions) {}
