package io.leakwatch.statement.projection;

import io.agroal.api.AgroalDataSource;
import io.leakwatch.contracts.IntegrationEvent;
import io.leakwatch.contracts.statement.StatementApproved;
import io.leakwatch.contracts.statement.StatementDrafted;
import io.leakwatch.contracts.statement.StatementEdited;
import io.leakwatch.contracts.statement.StatementPublished;
import io.leakwatch.contracts.statement.StatementWithdrawn;
import io.leakwatch.statement.domain.StatementElement;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

/**
 * The statement versions as people read them, with each version's life. Runs in a tracking processor: the rows and
 * the processor's token commit in one transaction, and a replay writes the same rows again without duplicating them.
 */
@ApplicationScoped
@ProcessingGroup(StatementVersionProjection.PROCESSING_GROUP)
public class StatementVersionProjection {

    public static final String PROCESSING_GROUP = "statement-versions";

    private final AgroalDataSource dataSource;
    private final String table;

    @Inject
    StatementVersionProjection(AgroalDataSource dataSource) {
        this(dataSource, "statement_version");
    }

    /** A projection into another table of the same shape, e.g. a replay's fresh schema. */
    public StatementVersionProjection(AgroalDataSource dataSource, String table) {
        this.dataSource = dataSource;
        this.table = table;
    }

    /**
     * Projects {@code events} in their order on {@code connection}, as the processor's handlers would one by one, in
     * JDBC batches: a run of events that write with the same statement goes to the database in one round trip. Events
     * that are not this projection's are passed over. For a replay, which projects many events at once.
     */
    public void projectAll(Connection connection, List<IntegrationEvent> events) throws SQLException {
        Map<String, PreparedStatement> statements = new HashMap<>();
        PreparedStatement pending = null;
        try {
            for (IntegrationEvent event : events) {
                Optional<Write> write = write(event);
                if (write.isEmpty()) {
                    continue;
                }
                PreparedStatement statement = statements.get(write.get().sql());
                if (statement == null) {
                    statement = connection.prepareStatement(write.get().sql());
                    statements.put(write.get().sql(), statement);
                }
                // Statements run in the events' order: an approval must not overtake the draft it approves.
                if (pending != null && pending != statement) {
                    pending.executeBatch();
                }
                write.get().bind(statement);
                statement.addBatch();
                pending = statement;
            }
            if (pending != null) {
                pending.executeBatch();
            }
        } finally {
            for (PreparedStatement statement : statements.values()) {
                statement.close();
            }
        }
    }

    @EventHandler
    void on(StatementDrafted event) throws SQLException {
        projectOne(event);
    }

    @EventHandler
    void on(StatementEdited event) throws SQLException {
        projectOne(event);
    }

    @EventHandler
    void on(StatementApproved event) throws SQLException {
        projectOne(event);
    }

    @EventHandler
    void on(StatementPublished event) throws SQLException {
        projectOne(event);
    }

    @EventHandler
    void on(StatementWithdrawn event) throws SQLException {
        projectOne(event);
    }

    private void projectOne(IntegrationEvent event) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            projectAll(connection, List.of(event));
        }
    }

    /** The row an event writes: the statement, and how the event fills in its parameters. */
    private record Write(String sql, Binder binder) {

        void bind(PreparedStatement statement) throws SQLException {
            binder.bind(statement);
        }
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private Optional<Write> write(IntegrationEvent event) {
        if (event instanceof StatementDrafted drafted) {
            return Optional.of(insert(
                    drafted.incidentId(),
                    drafted.version(),
                    drafted.causedBy(),
                    null,
                    null,
                    drafted.textId(),
                    drafted.textEn(),
                    drafted.draftedAt()));
        }
        if (event instanceof StatementEdited edited) {
            return Optional.of(insert(
                    edited.incidentId(),
                    edited.version(),
                    null,
                    edited.basedOn(),
                    edited.editedBy(),
                    edited.textId(),
                    edited.textEn(),
                    edited.editedAt()));
        }
        if (event instanceof StatementApproved approved) {
            return Optional.of(update(
                    approved.incidentId(),
                    approved.version(),
                    "APPROVED",
                    "approved_by = ?, approved_at = ?",
                    approved.approvedBy(),
                    approved.approvedAt(),
                    null));
        }
        if (event instanceof StatementPublished published) {
            return Optional.of(update(
                    published.incidentId(),
                    published.version(),
                    "PUBLISHED",
                    "published_by = ?, published_at = ?",
                    published.publishedBy(),
                    published.publishedAt(),
                    null));
        }
        if (event instanceof StatementWithdrawn withdrawn) {
            return Optional.of(update(
                    withdrawn.incidentId(),
                    withdrawn.version(),
                    "WITHDRAWN",
                    "withdrawn_by = ?, withdrawn_at = ?, withdrawal_reason = ?",
                    withdrawn.withdrawnBy(),
                    withdrawn.withdrawnAt(),
                    withdrawn.reason()));
        }
        return Optional.empty();
    }

    private Write insert(
            String incidentId,
            int version,
            String causedBy,
            Integer basedOn,
            String author,
            String textId,
            String textEn,
            Instant at) {
        return new Write(
                "INSERT INTO " + table
                        + " (incident_id, version, status, caused_by, based_on, author, text_id, text_en, drafted_at,"
                        + " missing_elements) VALUES (?, ?, 'DRAFT', ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (incident_id, version) DO NOTHING",
                insert -> {
                    insert.setString(1, incidentId);
                    insert.setInt(2, version);
                    insert.setString(3, causedBy);
                    if (basedOn == null) {
                        insert.setNull(4, Types.INTEGER);
                    } else {
                        insert.setInt(4, basedOn);
                    }
                    insert.setString(5, author);
                    insert.setString(6, textId);
                    insert.setString(7, textEn);
                    insert.setTimestamp(8, Timestamp.from(at));
                    insert.setString(9, String.join(",", StatementElement.missing(textId, textEn)));
                });
    }

    private Write update(
            String incidentId, int version, String status, String columns, String who, Instant at, String reason) {
        return new Write(
                "UPDATE " + table + " SET status = ?, " + columns + " WHERE incident_id = ? AND version = ?",
                update -> {
                    int i = 1;
                    update.setString(i++, status);
                    update.setString(i++, who);
                    update.setTimestamp(i++, Timestamp.from(at));
                    if (reason != null) {
                        update.setString(i++, reason);
                    }
                    update.setString(i++, incidentId);
                    update.setInt(i, version);
                });
    }
}
