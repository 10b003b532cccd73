package io.leakwatch.intake.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The first answer to each {@code Idempotency-Key}. Claiming a key inserts its row in the request's transaction: a
 * concurrent retry with the same key waits on that row and then finds the first request's answer.
 */
@ApplicationScoped
public class IdempotencyKeys {

    private final AgroalDataSource dataSource;

    IdempotencyKeys(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** What a key was first used for. */
    public record FirstAnswer(String requestSha256, String incidentId, String outcome) {}

    /** Claims {@code key} for this request; empty when claimed, else the answer of the request that claimed it. */
    public Optional<FirstAnswer> claim(String key, String requestSha256, String incidentId, String outcome) {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO idempotency_key (idempotency_key, request_sha256, incident_id, outcome)"
                            + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                insert.setString(1, key);
                insert.setString(2, requestSha256);
                insert.setString(3, incidentId);
                insert.setString(4, outcome);
                if (insert.executeUpdate() == 1) {
                    return Optional.empty();
                }
            }
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT request_sha256, incident_id, outcome FROM idempotency_key WHERE idempotency_key = ?")) {
                select.setString(1, key);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return Optional.of(new FirstAnswer(row.getString(1), row.getString(2), row.getString(3)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot check the idempotency key", e);
        }
    }
}
