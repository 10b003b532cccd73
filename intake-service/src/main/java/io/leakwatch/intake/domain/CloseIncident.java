package io.leakwatch.intake.domain;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Close a verified or notified incident.
 *
 * @param note why and how it ends; required when the incident was verified but not notified
 */
public record CloseIncident(@TargetAggregateIdentifier String incidentId, String note, Instant closedAt) {}
