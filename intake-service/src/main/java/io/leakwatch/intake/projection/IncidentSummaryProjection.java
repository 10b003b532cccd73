package io.leakwatch.intake.projection;

import io.agroal.api.AgroalDataSource;
import io.leakwatch.contracts.IntegrationEvent;
import io.leakwatch.contracts.incident.IncidentReported;
import io.leakwatch.contracts.incident.IncidentTriaged;
import io.leakwatch.contracts.incident.ObservableAdded;
import io.leakwatch.contracts.incident.SampleSubmitted;
import io.leakwatch.intake.domain.IncidentStatus;
import io.leakwatch.intake.repository.SourceUrls;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;

/**
 * The incident summaries behind the list, the search and duplicate detection. Runs in a tracking processor: rows and
 * token commit together; every write is guarded by the event's sequence number, so a replay rebuilds the same rows.
 */
@ApplicationScoped
@ProcessingGroup(IncidentSummaryProjection.PROCESSING_GROUP)
public class IncidentSummaryProjection {

    public static final String PROCESSING_GROUP = "incident-summaries";

    private final AgroalDataSource dataSource;

    IncidentSummaryProjection(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @EventHandler
    void on(IncidentReported event, @SequenceNumber long sequence) throws SQLException {
        execute(
                """
                INSERT INTO incident_summary (incident_id, title, status, source_kind, source_url_key, actor,
                    claimed_record_count, reported_at, last_event_at, version)
                VALUES (?, ?, 'REPORTED', ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (incident_id) DO NOTHING
                """,
                event.incidentId(),
                event.title(),
                event.source().kind(),
                SourceUrls.key(event.source().url()),
                event.source().actor(),
                event.claimedRecordCount(),
                Timestamp.from(event.reportedAt()),
                Timestamp.from(event.reportedAt()),
                sequence);
    }

    @EventHandler
    void on(
            IntegrationEvent event,
            @SequenceNumber long sequence,
            @org.axonframework.eventhandling.Timestamp Instant recordedAt)
            throws SQLException {
        if (event instanceof SampleSubmitted sample) {
            addDigest(sample.incidentId(), sample.sha256());
        }
        if (event instanceof ObservableAdded observable && observable.kind().equals("FILE_DIGEST")) {
            addDigest(observable.incidentId(), observable.value());
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT status, severity, version FROM incident_summary WHERE incident_id = ?")) {
            select.setString(1, event.incidentId());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next() || row.getLong(3) >= sequence) {
                    return; // already applied (a replay) or the report itself is missing
                }
                IncidentStatus status = IncidentStatus.valueOf(row.getString(1)).after(event);
                String severity = event instanceof IncidentTriaged triaged ? triaged.severity() : row.getString(2);
                execute(
                        "UPDATE incident_summary SET status = ?, severity = ?, last_event_at = ?, version = ?"
                                + " WHERE incident_id = ? AND version < ?",
                        status.name(),
                        severity,
                        Timestamp.from(recordedAt),
                        sequence,
                        event.incidentId(),
                        sequence);
            }
        }
    }

    private void addDigest(String incidentId, String sha256) throws SQLException {
        execute(
                "INSERT INTO incident_digest (sha256, incident_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                sha256.toLowerCase(java.util.Locale.ROOT),
                incidentId);
    }

    private void execute(String sql, Object... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }
}
