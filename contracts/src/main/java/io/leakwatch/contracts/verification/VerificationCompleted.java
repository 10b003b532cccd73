package io.leakwatch.contracts.verification;

import io.leakwatch.contracts.IntegrationEvent;
import io.leakwatch.contracts.Revision;
import java.time.Instant;

/** matching-service verified a sample in full: the result of DESIGN.md, "Verification result". */
@Revision(1)
public record VerificationCompleted(String incidentId, String sampleId, VerificationResult result, Instant completedAt)
        implements IntegrationEvent {}
