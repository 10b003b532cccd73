package io.leakwatch.contracts.verification;

import io.leakwatch.contracts.IntegrationEvent;
import io.leakwatch.contracts.Revision;
import java.time.Instant;

/**
 * matching-service is ready to verify the incident's claim and awaits a sample.
 *
 * @param claimedRecordCount the claim, as reported
 * @param openedAt when matching-service recorded it
 */
@Revision(1)
public record VerificationOpened(String incidentId, long claimedRecordCount, Instant openedAt)
        implements IntegrationEvent {}
