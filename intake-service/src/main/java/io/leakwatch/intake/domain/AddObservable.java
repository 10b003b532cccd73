package io.leakwatch.intake.domain;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Add a trace of the offer to an open incident.
 *
 * @param observableId chosen by the caller, unique within the incident
 * @param kind OFFER_LINK, SELLER_HANDLE or FILE_DIGEST
 * @param value an absolute URI, a handle, or a hex SHA-256
 */
public record AddObservable(
        @TargetAggregateIdentifier String incidentId,
        String observableId,
        String kind,
        String value,
        Instant addedAt) {}
