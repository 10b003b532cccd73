package io.leakwatch.contracts.verification;

import io.leakwatch.contracts.IntegrationEvent;
import io.leakwatch.contracts.Revision;
import java.time.Instant;

/**
 * matching-service began verifying a submitted sample against the registry.
 *
 * @param chunksExpected how many chunks of tokenised rows the sample has ({@code SampleSubmitted.chunks})
 */
@Revision(1)
public record VerificationStarted(String incidentId, String sampleId, int chunksExpected, Instant startedAt)
        implements IntegrationEvent {}
