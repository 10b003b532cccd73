package io.leakwatch.matching.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.agroal.api.AgroalDataSource;
import io.leakwatch.matching.domain.ShareSnapshot;
import io.leakwatch.platform.axon.AxonJson;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the consumers read and write beside the event store, over JDBC so that it joins their JTA transaction: the
 * incidents' claims and the data shares as they stand (the NIK tokens already seen in a sample are {@link SampleClaims}').
 */
@ApplicationScoped
public class MatchingFacts {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private final AgroalDataSource dataSource;

    MatchingFacts(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void recordClaim(String incidentId, long claimedRecordCount) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO incident_claim (incident_id, claimed_record_count) VALUES (?, ?)"
                                + " ON CONFLICT (incident_id) DO NOTHING")) {
            insert.setString(1, incidentId);
            insert.setLong(2, claimedRecordCount);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record the claim of incident " + incidentId, e);
        }
    }

    /** The claim of the incident's report, or 0 when the report was never received. */
    public long claimOf(String incidentId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT claimed_record_count FROM incident_claim WHERE incident_id = ?")) {
            select.setString(1, incidentId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : 0L;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the claim of incident " + incidentId, e);
        }
    }

    /** Every data share, by name. */
    public List<ShareSnapshot> shares() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT name, CAST(columns AS text), canary_set FROM data_share ORDER BY name");
                ResultSet rows = select.executeQuery()) {
            List<ShareSnapshot> shares = new ArrayList<>();
            while (rows.next()) {
                shares.add(new ShareSnapshot(
                        rows.getString(1), AxonJson.mapper().readValue(rows.getString(2), STRINGS), rows.getString(3)));
            }
            return shares;
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Cannot read the data shares", e);
        }
    }
}
