package io.leakwatch.statement.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.agroal.api.AgroalDataSource;
import io.leakwatch.platform.axon.AxonJson;
import io.leakwatch.statement.drafting.IncidentFacts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The facts known per incident, as a JSON document. Written over JDBC inside the consuming transaction, so the facts,
 * the inbox row and the drafted statement's events commit together.
 */
@ApplicationScoped
public class IncidentFactsRepository {

    private final AgroalDataSource dataSource;
    private final String table;

    @Inject
    IncidentFactsRepository(AgroalDataSource dataSource) {
        this(dataSource, null);
    }

    /** The facts in another schema with the same table, e.g. a replay's fresh schema; null for the live one. */
    public IncidentFactsRepository(AgroalDataSource dataSource, String schema) {
        this.dataSource = dataSource;
        this.table = schema == null ? "incident_facts" : schema + ".incident_facts";
    }

    public IncidentFacts find(String incidentId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select =
                        connection.prepareStatement("SELECT facts FROM " + table + " WHERE incident_id = ?")) {
            select.setString(1, incidentId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? read(rows.getString(1)) : IncidentFacts.none(incidentId);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the facts of incident " + incidentId, e);
        }
    }

    public void save(IncidentFacts facts) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement("INSERT INTO " + table
                        + " (incident_id, facts) VALUES (?, ?::jsonb)"
                        + " ON CONFLICT (incident_id) DO UPDATE SET facts = EXCLUDED.facts")) {
            upsert.setString(1, facts.incidentId());
            upsert.setString(2, AxonJson.mapper().writeValueAsString(facts));
            upsert.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Cannot store the facts of incident " + facts.incidentId(), e);
        }
    }

    private static IncidentFacts read(String json) {
        try {
            return AxonJson.mapper().readValue(json, IncidentFacts.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored incident facts are unreadable", e);
        }
    }
}
