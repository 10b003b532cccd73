package io.leakwatch.contracts.incident;

import io.leakwatch.contracts.IntegrationEvent;
import io.leakwatch.contracts.Revision;
import java.time.Instant;

/**
 * A jurisdiction's notification period ended before the notices it requires were all recorded.
 *
 * @param dueAt when the period ended
 */
@Revision(1)
public record NotificationDeadlineMissed(String incidentId, String jurisdiction, Instant dueAt)
        implements IntegrationEvent {}
