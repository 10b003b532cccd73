package io.leakwatch.contracts.incident;

import io.leakwatch.contracts.IntegrationEvent;
import io.leakwatch.contracts.Revision;
import java.time.Instant;

/**
 * The incident is verified and every jurisdiction's authority and data subjects have been notified.
 *
 * @param notifiedAt when the last of the required notices went out
 */
@Revision(1)
public record IncidentNotified(String incidentId, Instant notifiedAt) implements IntegrationEvent {}
