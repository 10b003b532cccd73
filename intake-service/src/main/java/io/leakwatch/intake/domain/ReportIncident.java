package io.leakwatch.intake.domain;

import io.leakwatch.contracts.incident.ReportSource;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record a claimed leak as a new incident. */
public record ReportIncident(
        @TargetAggregateIdentifier String incidentId,
        String title,
        ReportSource source,
        long claimedRecordCount,
        List<String> dataCategories,
        Instant discoveredAt,
        List<String> jurisdictions,
        Instant reportedAt) {}
