package io.leakwatch.intake.domain;

import io.leakwatch.contracts.incident.AskingPrice;
import io.leakwatch.contracts.incident.ReportSource;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record a claimed leak as a new incident.
 *
 * @param askingPrice what the seller asks; null when not known
 * @param marking the reporter's TLP marking; null when none was given
 */
public record ReportIncident(
        @TargetAggregateIdentifier String incidentId,
        String title,
        ReportSource source,
        long claimedRecordCount,
        List<String> dataCategories,
        Instant discoveredAt,
        List<String> jurisdictions,
        Instant reportedAt,
        AskingPrice askingPrice,
        String marking) {

    /** A report without asking price or marking. */
    public ReportIncident(
            String incidentId,
            String title,
            ReportSource source,
            long claimedRecordCount,
            List<String> dataCategories,
            Instant discoveredAt,
            List<String> jurisdictions,
            Instant reportedAt) {
        this(
                incidentId,
                title,
                source,
                claimedRecordCount,
                dataCategories,
                discoveredAt,
                jurisdictions,
                reportedAt,
                null,
                null);
    }
}
