package io.leakwatch.statement.projection;

import io.agroal.api.AgroalDataSource;
import io.leakwatch.contracts.statement.StatementDrafted;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

/**
 * The statement versions as people read them. Runs in a tracking processor: the rows and the processor's token commit
 * in one transaction, and a replay writes the same rows again without duplicating them.
 */
@ApplicationScoped
@ProcessingGroup(StatementVersionProjection.PROCESSING_GROUP)
public class StatementVersionProjection {

    public static final String PROCESSING_GROUP = "statement-versions";

    private final AgroalDataSource dataSource;

    StatementVersionProjection(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @EventHandler
    void on(StatementDrafted event) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO statement_version
                            (incident_id, version, status, caused_by, text_id, text_en, drafted_at)
                        VALUES (?, ?, 'DRAFT', ?, ?, ?, ?)
                        ON CONFLICT (incident_id, version) DO NOTHING
                        """)) {
            insert.setString(1, event.incidentId());
            insert.setInt(2, event.version());
            insert.setString(3, event.causedBy());
            insert.setString(4, event.textId());
            insert.setString(5, event.textEn());
            insert.setTimestamp(6, Timestamp.from(event.draftedAt()));
            insert.executeUpdate();
        }
    }
}
