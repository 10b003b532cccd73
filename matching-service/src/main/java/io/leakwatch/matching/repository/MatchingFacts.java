package io.leakwatch.matching.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.agroal.api.AgroalDataSource;
import io.leakwatch.matching.domain.ShareSnapshot;
import io.leakwatch.platform.axon.AxonJson;
import io.leakwatch.platform.privacy.Token;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the consumers read and write beside the event store, over JDBC so that it joins their JTA transaction: the
 * incidents' claims, the data shares as they stand, and the NIK tokens already seen in a sample.
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

    /**
     * Claims the sample's NIK tokens for this chunk and answers which of them are first seen here: those inserted now,
     * and those an earlier delivery of this same chunk inserted. A token another chunk claimed is a repeat.
     *
     * @param nikTokens base64url NIK tokens, each once
     */
    public Set<String> firstOccurrences(String sampleId, int chunkNumber, Set<String> nikTokens) {
        if (nikTokens.isEmpty()) {
            return Set.of();
        }
        List<byte[]> tokens =
                nikTokens.stream().map(t -> Token.ofBase64Url(t).bytes()).toList();
        // One pass over the index: a token new to the sample is inserted, one this chunk claimed in an earlier delivery
        // is "updated" to itself (a no-op that RETURNING still reports), and one another chunk claimed is left alone
        // and not returned. (Before, a second SELECT looked the whole chunk up again for the redelivery case.)
        String sql = """
                INSERT INTO sample_nik (sample_id, nik_token, chunk_number)
                SELECT ?, t, ? FROM unnest(?::bytea[]) AS input(t)
                ON CONFLICT (sample_id, nik_token) DO UPDATE SET chunk_number = EXCLUDED.chunk_number
                WHERE sample_nik.chunk_number = EXCLUDED.chunk_number
                RETURNING nik_token
                """;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            Array array = connection.createArrayOf("bytea", tokens.toArray(new byte[0][]));
            statement.setString(1, sampleId);
            statement.setInt(2, chunkNumber);
            statement.setArray(3, array);
            Set<String> first = new HashSet<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    first.add(Base64.getUrlEncoder().withoutPadding().encodeToString(rows.getBytes(1)));
                }
            }
            return first;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record the NIK tokens of sample " + sampleId, e);
        }
    }

    /** Forgets the NIK tokens claimed for a sample: once its verification has ended, nothing needs them. */
    public void forgetSample(String sampleId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM sample_nik WHERE sample_id = ?")) {
            delete.setString(1, sampleId);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot forget the NIK tokens of sample " + sampleId, e);
        }
    }

    /** The distinct NIK tokens of rows, in order. */
    public static Set<String> distinct(List<String> nikTokens) {
        return new LinkedHashSet<>(nikTokens);
    }
}
