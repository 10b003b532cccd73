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
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The facts known per incident, as a JSON document. Written over JDBC inside the consuming transaction, so the facts,
 * the inbox row and the drafted statement's events commit together.
 */
@ApplicationScoped
public class IncidentFactsRepository {

    /** Seed of the advisory locks' keys, so that they are this table's and no other advisory lock's. */
    private static final int LOCK_SPACE = 0x1ac7;

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

    /**
     * The facts of these incidents, locked until the current transaction ends: the consumers of two topics (and two
     * consumers of one) may bring facts about one incident at once, and each folds its events into what the other
     * committed, never into what it read before. A transaction-scoped advisory lock per incident, taken in one order,
     * so that two batches never wait on each other in a cycle; a row lock could not hold an incident without facts yet.
     * Must run inside the consuming transaction.
     */
    public Map<String, IncidentFacts> lockAll(Collection<String> incidentIds) {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(key) FROM"
                    + " (SELECT DISTINCT hashtextextended(id, " + LOCK_SPACE + ") AS key"
                    + " FROM unnest(?::text[]) AS id ORDER BY key) AS keys")) {
                lock.setArray(1, connection.createArrayOf("text", incidentIds.toArray()));
                lock.executeQuery().close();
            }
            return findAll(connection, incidentIds);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot lock the facts of " + incidentIds.size() + " incidents", e);
        }
    }

    /** The facts of these incidents, {@link IncidentFacts#none} for those without any, on {@code connection}. */
    public Map<String, IncidentFacts> findAll(Connection connection, Collection<String> incidentIds)
            throws SQLException {
        Map<String, IncidentFacts> found = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT incident_id, facts FROM " + table + " WHERE incident_id = ANY(?::text[])")) {
            select.setArray(1, connection.createArrayOf("text", incidentIds.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.put(rows.getString(1), read(rows.getString(2)));
                }
            }
        }
        incidentIds.forEach(id -> found.computeIfAbsent(id, IncidentFacts::none));
        return found;
    }

    /** Must run inside the consuming transaction, like {@link #lockAll}. */
    public void saveAll(Collection<IncidentFacts> facts) {
        try (Connection connection = dataSource.getConnection()) {
            saveAll(connection, facts);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot store the facts of " + facts.size() + " incidents", e);
        }
    }

    /** Stores these facts, replacing what an incident had, in one statement on {@code connection}. */
    public void saveAll(Connection connection, Collection<IncidentFacts> facts) throws SQLException {
        if (facts.isEmpty()) {
            return;
        }
        List<String> ids = new ArrayList<>();
        List<String> documents = new ArrayList<>();
        for (IncidentFacts incident : facts) {
            ids.add(incident.incidentId());
            try {
                documents.add(AxonJson.mapper().writeValueAsString(incident));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Cannot store the facts of incident " + incident.incidentId(), e);
            }
        }
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO " + table + " (incident_id, facts)"
                + " SELECT id, document::jsonb FROM unnest(?::text[], ?::text[]) AS incident(id, document)"
                + " ON CONFLICT (incident_id) DO UPDATE SET facts = EXCLUDED.facts")) {
            upsert.setArray(1, connection.createArrayOf("text", ids.toArray()));
            upsert.setArray(2, connection.createArrayOf("text", documents.toArray()));
            upsert.executeUpdate();
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
