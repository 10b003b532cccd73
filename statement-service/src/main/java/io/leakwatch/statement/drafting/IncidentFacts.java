package io.leakwatch.statement.drafting;

import io.leakwatch.contracts.IntegrationEvent;
import io.leakwatch.contracts.incident.IncidentReported;
import io.leakwatch.contracts.verification.VerificationOpened;
import java.time.Instant;

/**
 * What statement-service knows about one incident, folded from the events of every topic. Topics are not ordered
 * against each other, so any fact may come first; a statement is drafted once the claim itself is known.
 *
 * @param reportedAt when intake recorded the claim; null while the claim is not known here yet
 * @param verificationOpenedAt when matching got ready to verify a sample; null before
 */
public record IncidentFacts(
        String incidentId,
        String title,
        long claimedRecordCount,
        Instant discoveredAt,
        Instant reportedAt,
        Instant verificationOpenedAt) {

    public static IncidentFacts none(String incidentId) {
        return new IncidentFacts(incidentId, null, 0, null, null, null);
    }

    public boolean claimKnown() {
        return reportedAt != null;
    }

    /** These facts and what {@code event} adds to them. */
    public IncidentFacts with(IntegrationEvent event) {
        if (event instanceof IncidentReported reported) {
            return new IncidentFacts(
                    incidentId,
                    reported.title(),
                    reported.claimedRecordCount(),
                    reported.discoveredAt(),
                    reported.reportedAt(),
                    verificationOpenedAt);
        }
        if (event instanceof VerificationOpened opened) {
            return new IncidentFacts(
                    incidentId, title, claimedRecordCount, discoveredAt, reportedAt, opened.openedAt());
        }
        return this;
    }
}
