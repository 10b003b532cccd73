package io.leakwatch.intake.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Queries on the incident summaries (JDBC; the projection writes them in its processor's transaction). */
@ApplicationScoped
public class IncidentSummaries {

    private static final String OPEN = "status NOT IN ('CLOSED', 'DISMISSED')";

    private final AgroalDataSource dataSource;

    IncidentSummaries(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One row of the incident list. */
    public record Summary(
            String incidentId,
            String title,
            String status,
            String severity,
            String sourceKind,
            long claimedRecordCount,
            Instant reportedAt,
            Instant lastEventAt,
            long version) {}

    /** A page of the list, newest report first. */
    public record Page(List<Summary> items, int page, int size, long total) {}

    /**
     * The open incident whose source link or known digest matches, if any: a new report of it is a sighting. The
     * earliest reported wins.
     *
     * <p>Note: two index lookups (link, then digest through {@code incident_digest}'s key) in one statement. The form
     * {@code source_url_key = ? OR EXISTS (...)} cannot use either index, so PostgreSQL read every summary on every
     * report: 43 ms at 100,000 incidents, and over a second when it chose a generic plan (docs/BENCHMARKS.md, append
     * through HTTP).
     */
    public Optional<String> openIncidentMatching(String sourceUrlKey, String sha256) {
        String sql = "SELECT incident_id FROM ("
                + "SELECT incident_id, reported_at FROM incident_summary WHERE source_url_key = ? AND " + OPEN
                + " UNION ALL SELECT s.incident_id, s.reported_at FROM incident_digest d"
                + " JOIN incident_summary s ON s.incident_id = d.incident_id WHERE d.sha256 = CAST(? AS CHAR(64)) AND s."
                + OPEN
                + ") matching ORDER BY reported_at, incident_id LIMIT 1";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, sourceUrlKey);
            select.setString(2, sha256);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot look for a matching incident", e);
        }
    }

    public Page list(String status, String query, int page, int size) {
        StringBuilder where = new StringBuilder(" WHERE TRUE");
        List<Object> parameters = new ArrayList<>();
        if (status != null && !status.isBlank()) {
            where.append(" AND status = ?");
            parameters.add(status.strip().toUpperCase(java.util.Locale.ROOT));
        }
        if (query != null && !query.isBlank()) {
            where.append(" AND (title ILIKE ? OR actor ILIKE ?)");
            String like = "%" + query.strip().replace("%", "\\%").replace("_", "\\_") + "%";
            parameters.add(like);
            parameters.add(like);
        }
        try (Connection connection = dataSource.getConnection()) {
            long total;
            try (PreparedStatement count =
                    connection.prepareStatement("SELECT count(*) FROM incident_summary" + where)) {
                bind(count, parameters);
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    total = rows.getLong(1);
                }
            }
            List<Summary> items = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT incident_id, title, status, severity, source_kind, claimed_record_count, reported_at,"
                            + " last_event_at, version FROM incident_summary" + where
                            + " ORDER BY reported_at DESC, incident_id LIMIT ? OFFSET ?")) {
                bind(select, parameters);
                select.setInt(parameters.size() + 1, size);
                select.setLong(parameters.size() + 2, (long) page * size);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        items.add(new Summary(
                                rows.getString(1),
                                rows.getString(2),
                                rows.getString(3),
                                rows.getString(4),
                                rows.getString(5),
                                rows.getLong(6),
                                rows.getTimestamp(7).toInstant(),
                                rows.getTimestamp(8).toInstant(),
                                rows.getLong(9)));
                    }
                }
            }
            return new Page(items, page, size, total);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot list incidents", e);
        }
    }

    private static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
    }
}
