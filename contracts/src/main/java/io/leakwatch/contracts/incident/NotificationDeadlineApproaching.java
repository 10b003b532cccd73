package io.leakwatch.contracts.incident;

import io.leakwatch.contracts.IntegrationEvent;
import io.leakwatch.contracts.Revision;
import java.time.Instant;

/**
 * Three quarters of a jurisdiction's notification period have passed and the notices it requires are not all recorded.
 *
 * @param jurisdiction whose clock it is (ID: UU PDP Art. 46; EU: GDPR Art. 33)
 * @param dueAt when the notification period ends
 * @param reachedAt when three quarters of it had passed
 */
@Revision(1)
public record NotificationDeadlineApproaching(String incidentId, String jurisdiction, Instant dueAt, Instant reachedAt)
        implements IntegrationEvent {}
