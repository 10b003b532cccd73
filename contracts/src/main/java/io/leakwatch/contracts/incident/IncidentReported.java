package io.leakwatch.contracts.incident;

import io.leakwatch.contracts.IntegrationEvent;
import io.leakwatch.contracts.Revision;
import java.time.Instant;
import java.util.List;

/**
 * Someone claims to be selling the organisation's data.
 *
 * @param claimedRecordCount how many records the seller claims to have
 * @param dataCategories what the seller says the records hold (NIK, NAME, PHONE, ...)
 * @param discoveredAt when the claim was first seen
 * @param jurisdictions ISO codes of the jurisdictions whose notification rules apply (ID, EU, ...)
 * @param reportedAt when intake-service recorded the report
 * @param askingPrice what the seller asks, or null when not known
 * @param marking the Traffic Light Protocol marking the reporter gave (TLP:CLEAR ... TLP:RED), or null
 */
@Revision(1)
public record IncidentReported(
        String incidentId,
        String title,
        ReportSource source,
        long claimedRecordCount,
        List<String> dataCategories,
        Instant discoveredAt,
        List<String> jurisdictions,
        Instant reportedAt,
        AskingPrice askingPrice,
        String marking)
        implements IntegrationEvent {

    public IncidentReported {
        dataCategories = dataCategories == null ? List.of() : List.copyOf(dataCategories);
        jurisdictions = jurisdictions == null ? List.of() : List.copyOf(jurisdictions);
    }

    /** A report without asking price or marking. */
    public IncidentReported(
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
