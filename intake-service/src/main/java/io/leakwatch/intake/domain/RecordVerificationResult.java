package io.leakwatch.intake.domain;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record matching-service's completed verification of one of the incident's samples.
 *
 * @param verdict matching-service's verdict (CONFIRMED, LIKELY, FABRICATED, UNLIKELY, INCONCLUSIVE)
 * @param verifiedAt when matching-service completed it
 */
public record RecordVerificationResult(
        @TargetAggregateIdentifier String incidentId, String sampleId, String verdict, Instant verifiedAt) {}
