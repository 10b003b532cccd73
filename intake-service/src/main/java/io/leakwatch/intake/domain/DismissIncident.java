package io.leakwatch.intake.domain;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Drop an open incident, saying why. */
public record DismissIncident(@TargetAggregateIdentifier String incidentId, String reason, Instant dismissedAt) {}
