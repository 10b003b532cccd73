package io.leakwatch.contracts.incident;

import io.leakwatch.contracts.IntegrationEvent;
import io.leakwatch.contracts.Revision;
import java.time.Instant;

/**
 * matching-service completed the verification of one of the incident's samples. The latest verdict is the incident's.
 *
 * @param sampleId the sample that was verified
 * @param verdict matching-service's verdict: CONFIRMED, LIKELY, FABRICATED, UNLIKELY or INCONCLUSIVE
 * @param verifiedAt when matching-service completed the verification
 */
@Revision(1)
public record IncidentVerified(String incidentId, String sampleId, String verdict, Instant verifiedAt)
        implements IntegrationEvent {}
