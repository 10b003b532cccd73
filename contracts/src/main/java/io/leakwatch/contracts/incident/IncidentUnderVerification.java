package io.leakwatch.contracts.incident;

import io.leakwatch.contracts.IntegrationEvent;
import io.leakwatch.contracts.Revision;
import java.time.Instant;

/**
 * A sample of the offered data is being verified against the registry. Recorded once per sample: the first moves the
 * incident to UNDER_VERIFICATION, later samples add evidence without moving it back.
 *
 * @param sampleId the sample matching-service verifies
 * @param startedAt when the sample was taken in
 */
@Revision(1)
public record IncidentUnderVerification(String incidentId, String sampleId, Instant startedAt)
        implements IntegrationEvent {}
