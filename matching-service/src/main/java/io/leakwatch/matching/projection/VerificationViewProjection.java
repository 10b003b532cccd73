package io.leakwatch.matching.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.agroal.api.AgroalDataSource;
import io.leakwatch.contracts.verification.VerificationCompleted;
import io.leakwatch.contracts.verification.VerificationFailed;
import io.leakwatch.contracts.verification.VerificationStarted;
import io.leakwatch.matching.domain.ChunkVerified;
import io.leakwatch.matching.domain.SampleChunksDropped;
import io.leakwatch.matching.repository.SampleClaims;
import io.leakwatch.platform.axon.AxonJson;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

/**
 * {@code verification_view}: one row per sample with its status, progress and result, for the read endpoints and the
 * sweeper. Written over JDBC in the processor's transaction, with its token. When a verification ends, the sample's NIK
 * tokens kept for duplicate counting ({@link SampleClaims}) are deleted in the same transaction.
 */
@ApplicationScoped
@ProcessingGroup(VerificationViewProjection.PROCESSING_GROUP)
public class VerificationViewProjection {

    public static final String PROCESSING_GROUP = "verification-view";

    private final AgroalDataSource dataSource;
    private final SampleClaims claims;

    VerificationViewProjection(AgroalDataSource dataSource, SampleClaims claims) {
        this.dataSource = dataSource;
        this.claims = claims;
    }

    @EventHandler
    void on(ChunkVerified event) {
        execute("""
                INSERT INTO verification_view (sample_id, incident_id, status, chunks_done, first_chunk_at,
                                               last_activity_at)
                VALUES (?, ?, 'COLLECTING', 1, ?, ?)
                ON CONFLICT (sample_id) DO UPDATE SET chunks_done = verification_view.chunks_done + 1,
                    first_chunk_at = COALESCE(verification_view.first_chunk_at, EXCLUDED.first_chunk_at),
                    last_activity_at = GREATEST(verification_view.last_activity_at, EXCLUDED.last_activity_at)
                """, event.sampleId(), event.incidentId(), event.receivedAt(), event.receivedAt());
    }

    @EventHandler
    void on(VerificationStarted event) {
        execute(
                """
                INSERT INTO verification_view (sample_id, incident_id, status, chunks_expected, started_at,
                                               last_activity_at)
                VALUES (?, ?, 'RUNNING', ?, ?, ?)
                ON CONFLICT (sample_id) DO UPDATE SET status = 'RUNNING', chunks_expected = EXCLUDED.chunks_expected,
                    incident_id = EXCLUDED.incident_id, started_at = EXCLUDED.started_at,
                    last_activity_at = GREATEST(verification_view.last_activity_at, EXCLUDED.last_activity_at)
                """,
                event.sampleId(),
                event.incidentId(),
                event.chunksExpected(),
                event.startedAt(),
                event.startedAt());
    }

    @EventHandler
    void on(VerificationCompleted event) throws JsonProcessingException {
        execute(
                "UPDATE verification_view SET status = 'COMPLETED', finished_at = ?, last_activity_at = ?,"
                        + " result = CAST(? AS jsonb) WHERE sample_id = ?",
                event.completedAt(),
                event.completedAt(),
                AxonJson.mapper().writeValueAsString(event.result()),
                event.sampleId());
        claims.forgetSample(event.sampleId());
    }

    @EventHandler
    void on(VerificationFailed event) {
        execute(
                "UPDATE verification_view SET status = 'FAILED', finished_at = ?, last_activity_at = ?,"
                        + " failure_reason = ? WHERE sample_id = ?",
                event.failedAt(),
                event.failedAt(),
                event.reason(),
                event.sampleId());
        claims.forgetSample(event.sampleId());
    }

    @EventHandler
    void on(SampleChunksDropped event) {
        execute(
                "UPDATE verification_view SET status = 'DROPPED', finished_at = ?, last_activity_at = ?,"
                        + " failure_reason = ? WHERE sample_id = ?",
                event.droppedAt(),
                event.droppedAt(),
                event.reason(),
                event.sampleId());
        claims.forgetSample(event.sampleId());
    }

    private void execute(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                Object value = parameters[i] instanceof Instant instant ? Timestamp.from(instant) : parameters[i];
                statement.setObject(i + 1, value);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("verification_view could not be updated", e);
        }
    }
}
