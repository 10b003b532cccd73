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

    /** Hands {@code event} to its handler, as the processor would; other events are not this projection's. */
    public void project(IntegrationEvent event) throws SQLException {
        if (event instanceof StatementDrafted drafted) {
            on(drafted);
        } else if (event instanceof StatementEdited edited) {
            on(edited);
        } else if (event instanceof StatementApproved approved) {
            on(approved);
        } else if (event instanceof StatementPublished published) {
            on(published);
        } else if (event instanceof StatementWithdrawn withdrawn) {
            on(withdrawn);
        }
    }

    @EventHandler
    void on(StatementDrafted event) throws SQLException {
        insert(
                event.incidentId(),
                event.version(),
                event.causedBy(),
                null,
                null,
                event.textId(),
                event.textEn(),
                event.draftedAt());
    }

    @EventHandler
    void on(StatementEdited event) throws SQLException {
        insert(
                event.incidentId(),
                event.version(),
                null,
                event.basedOn(),
                event.editedBy(),
                event.textId(),
                event.textEn(),
                event.editedAt());
    }

    @EventHandler
    void on(StatementApproved event) throws SQLException {
        update(
                event.incidentId(),
                event.version(),
                "APPROVED",
                "approved_by = ?, approved_at = ?",
                event.approvedBy(),
                event.approvedAt(),
                null);
    }

    @EventHandler
    void on(StatementPublished event) throws SQLException {
        update(
                event.incidentId(),
                event.version(),
                "PUBLISHED",
                "published_by = ?, published_at = ?",
                event.publishedBy(),
                event.publishedAt(),
                null);
    }

    @EventHandler
    void on(StatementWithdrawn event) throws SQLException {
        update(
                event.incidentId(),
                event.version(),
                "WITHDRAWN",
                "withdrawn_by = ?, withdrawn_at = ?, withdrawal_reason = ?",
                event.withdrawnBy(),
                event.withdrawnAt(),
                event.reason());
    }

    private void insert(
            String incidentId,
            int version,
            String causedBy,
            Integer basedOn,
            String author,
            String textId,
            String textEn,
            Instant at)
            throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table
                        + " (incident_id, version, status, caused_by, based_on, author, text_id, text_en, drafted_at,"
                        + " missing_elements) VALUES (?, ?, 'DRAFT', ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (incident_id, version) DO NOTHING")) {
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
            insert.executeUpdate();
        }
    }

    private void update(
            String incidentId, int version, String status, String columns, String who, Instant at, String reason)
            throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE " + table + " SET status = ?, " + columns + " WHERE incident_id = ? AND version = ?")) {
            int i = 1;
            update.setString(i++, status);
            update.setString(i++, who);
            update.setTimestamp(i++, Timestamp.from(at));
            if (reason != null) {
                update.setString(i++, reason);
            }
            update.setString(i++, incidentId);
            update.setInt(i, version);
            update.executeUpdate();
        }
    }
}
