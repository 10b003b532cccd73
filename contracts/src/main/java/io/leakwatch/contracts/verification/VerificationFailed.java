package io.leakwatch.contracts.verification;

import io.leakwatch.contracts.IntegrationEvent;
import io.leakwatch.contracts.Revision;
import java.time.Instant;

/**
 * A verification that could not finish, and why (chunks never arrived, a tokenisation key that differs, ...).
 *
 * @param reason for a person, never holding personal data
 */
@Revision(1)
public record VerificationFailed(String incidentId, String sampleId, String reason, Instant failedAt)
        implements IntegrationEvent {}
