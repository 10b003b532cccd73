package io.leakwatch.contracts.incident;

import io.leakwatch.contracts.IntegrationEvent;
import io.leakwatch.contracts.Revision;
import java.time.Instant;

/**
 * A trace of the offer that investigators and takedown requests work with.
 *
 * @param observableId the observable's id within the incident
 * @param kind OFFER_LINK (where the data is offered), SELLER_HANDLE or FILE_DIGEST (lower-case hex SHA-256)
 * @param value the link, handle or digest
 * @param addedAt when it was added
 */
@Revision(1)
public record ObservableAdded(String incidentId, String observableId, String kind, String value, Instant addedAt)
        implements IntegrationEvent {}
