package io.leakwatch.bench.stream;

import io.agroal.api.AgroalDataSource;
import io.leakwatch.platform.axon.StandaloneAxon;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;

/** A benchmark's event store: the platform's tables in a scratch database, filled through Axon. */
final class StreamStore {

    /** Events per incident: a report and nine sightings, so one commit appends ten rows. */
    static final int EVENTS_PER_INCIDENT = 10;

    private StreamStore() {}

    /** Appends incidents through Axon on {@code threads} threads until the store holds at least {@code events}. */
    static long fill(AgroalDataSource dataSource, long events, int threads) throws Exception {
        long have = count(dataSource);
        if (have >= events) {
            return have;
        }
        Configuration axon = StandaloneAxon.configurer(dataSource)
                .configureAggregate(StreamIncident.class)
                .buildConfiguration();
        axon.start();
        try {
            CommandGateway gateway = axon.commandGateway();
            AtomicLong left = new AtomicLong((events - have + EVENTS_PER_INCIDENT - 1) / EVENTS_PER_INCIDENT);
            long started = System.nanoTime();
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread worker = new Thread(() -> {
                    while (left.getAndDecrement() > 0) {
                        gateway.sendAndWait(new RecordIncident(UUID.randomUUID().toString(), EVENTS_PER_INCIDENT - 1));
                    }
                });
                workers.add(worker);
                worker.start();
            }
            for (Thread worker : workers) {
                worker.join();
            }
            long now = count(dataSource);
            System.out.printf("FILL events=%d seconds=%.1f%n", now - have, (System.nanoTime() - started) / 1e9);
            return now;
        } finally {
            axon.shutdown();
        }
    }

    static long count(AgroalDataSource dataSource) throws SQLException {
        return longQuery(dataSource, "SELECT count(*) FROM domainevententry");
    }

    /** The global index of the store's last event (0 when empty). */
    static long maxGlobalIndex(AgroalDataSource dataSource) throws SQLException {
        return longQuery(dataSource, "SELECT coalesce(max(globalindex), 0) FROM domainevententry");
    }

    /**
     * Deletes the events after global index {@code last} and sets the index's sequence back to it, so the next event
     * appended gets {@code last + 1}: no hole that a tracking token would carry as gaps. Returns the events deleted.
     */
    static long truncateAfter(AgroalDataSource dataSource, long last) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            long deleted = statement.executeUpdate("DELETE FROM domainevententry WHERE globalindex > " + last);
            statement.execute("SELECT setval(pg_get_serial_sequence('domainevententry', 'globalindex'), "
                    + Math.max(last, 1) + ", " + (last > 0) + ")");
            return deleted;
        }
    }

    static long longQuery(AgroalDataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    static void execute(AgroalDataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
