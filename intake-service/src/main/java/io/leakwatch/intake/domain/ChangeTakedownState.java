package io.leakwatch.intake.domain;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record how the takedown of an offer link moved on.
 *
 * @param observableId an OFFER_LINK observable of the incident
 * @param state REQUESTED, DONE or FAILED
 */
public record ChangeTakedownState(
        @TargetAggregateIdentifier String incidentId, String observableId, String state, Instant changedAt) {}
