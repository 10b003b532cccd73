package io.leakwatch.matching.service;

import io.agroal.api.AgroalDataSource;
import io.leakwatch.matching.config.MatchingConfig;
import io.leakwatch.matching.domain.DropChunks;
import io.leakwatch.matching.domain.FailVerification;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.jboss.logging.Logger;

/**
 * Ends what would otherwise wait for ever: chunks whose submission never came are dropped after
 * {@code leakwatch.matching.orphan-chunk-timeout}; a started verification that received nothing for
 * {@code leakwatch.matching.chunk-timeout} fails with the reason. Every replica sweeps; the aggregate ignores a second
 * drop or failure, so that is harmless.
 */
@ApplicationScoped
public class VerificationSweeper {

    private static final Logger LOG = Logger.getLogger(VerificationSweeper.class);

    private final AgroalDataSource dataSource;
    private final CommandGateway commands;
    private final MatchingConfig config;
    private final Clock clock = Clock.systemUTC();
    private ScheduledExecutorService scheduler;

    VerificationSweeper(AgroalDataSource dataSource, CommandGateway commands, MatchingConfig config) {
        this.dataSource = dataSource;
        this.commands = commands;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "verification-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        long every = config.sweepInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::sweepSafely, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    private void sweepSafely() {
        try {
            sweep(Instant.now(clock));
        } catch (RuntimeException e) {
            LOG.warn("Sweeping verifications failed; trying again later", e);
        }
    }

    /** One sweep as of {@code now}. */
    public void sweep(Instant now) {
        for (String sampleId : stalled("COLLECTING", now.minus(config.orphanChunkTimeout()))) {
            commands.sendAndWait(new DropChunks(
                    sampleId,
                    "no submission of the sample arrived within " + config.orphanChunkTimeout() + " of its chunks",
                    now));
        }
        for (String sampleId : stalled("RUNNING", now.minus(config.chunkTimeout()))) {
            commands.sendAndWait(new FailVerification(
                    sampleId, "the sample's remaining chunks did not arrive within " + config.chunkTimeout(), now));
        }
    }

    private List<String> stalled(String status, Instant before) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT sample_id FROM verification_view WHERE status = ? AND last_activity_at < ?"
                                + " ORDER BY last_activity_at LIMIT 1000")) {
            select.setString(1, status);
            select.setTimestamp(2, Timestamp.from(before));
            List<String> ids = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot look for stalled verifications", e);
        }
    }
}
