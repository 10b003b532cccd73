package io.leakwatch.contracts.incident;

import io.leakwatch.contracts.IntegrationEvent;
import io.leakwatch.contracts.Revision;
import java.time.Instant;

/**
 * The organisation notified the authority or the data subjects of one jurisdiction.
 *
 * @param jurisdiction the ISO code of the jurisdiction whose rules the notice answers (ID, EU, ...)
 * @param recipient AUTHORITY or DATA_SUBJECTS
 * @param notifiedAt when the notice went out: what the notification clock is held against
 * @param recordedAt when intake-service recorded it
 */
@Revision(1)
public record NotificationRecorded(
        String incidentId, String jurisdiction, String recipient, Instant notifiedAt, Instant recordedAt)
        implements IntegrationEvent {}
