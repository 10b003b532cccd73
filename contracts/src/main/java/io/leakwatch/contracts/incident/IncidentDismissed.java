package io.leakwatch.contracts.incident;

import io.leakwatch.contracts.IntegrationEvent;
import io.leakwatch.contracts.Revision;
import java.time.Instant;

/**
 * The incident was dropped before it was handled to its end, e.g. a known hoax or a duplicate. Nothing more is
 * recorded for it.
 *
 * @param reason why it was dismissed
 * @param dismissedAt when it was dismissed
 */
@Revision(1)
public record IncidentDismissed(String incidentId, String reason, Instant dismissedAt) implements IntegrationEvent {}
