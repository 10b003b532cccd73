package io.leakwatch.contracts.incident;

import io.leakwatch.contracts.IntegrationEvent;
import io.leakwatch.contracts.Revision;
import java.time.Instant;

/**
 * The claim of an open incident was seen again: a new report whose source URL or sample digest matched it.
 *
 * @param source where it was seen this time
 * @param seenAt when it was seen there
 * @param recordedAt when intake-service recorded the sighting
 */
@Revision(1)
public record SightingRecorded(String incidentId, ReportSource source, Instant seenAt, Instant recordedAt)
        implements IntegrationEvent {}
