package io.leakwatch.contracts.incident;

import io.leakwatch.contracts.IntegrationEvent;
import io.leakwatch.contracts.Revision;
import java.time.Instant;

/**
 * The incident was handled to its end. Nothing more is recorded for it.
 *
 * @param closedAt when it was closed
 * @param note why and how it ends; may be null when the incident was notified
 */
@Revision(1)
public record IncidentClosed(String incidentId, Instant closedAt, String note) implements IntegrationEvent {}
