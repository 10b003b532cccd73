package io.leakwatch.intake.rest;

import io.leakwatch.contracts.incident.IncidentReported;
import io.leakwatch.contracts.incident.ReportSource;
import java.time.Instant;
import java.util.List;

/** An incident as a caller of the intake API sees it. */
public record IncidentView(
        String incidentId,
        String status,
        String title,
        ReportSource source,
        long claimedRecordCount,
        List<String> dataCategories,
        Instant discoveredAt,
        List<String> jurisdictions,
        Instant reportedAt,
        long version) {

    static IncidentView reported(IncidentReported event, long version) {
        return new IncidentView(
                event.incidentId(),
                "REPORTED",
                event.title(),
                event.source(),
                event.claimedRecordCount(),
                event.dataCategories(),
                event.discoveredAt(),
                event.jurisdictions(),
                event.reportedAt(),
                version);
    }
}
