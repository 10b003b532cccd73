package io.leakwatch.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes a database briefly unusable for a service under test, as a PostgreSQL restart or a network cut would: until
 * closed, it terminates every other backend connected to the database ({@code pg_terminate_backend}) every few
 * milliseconds, so the service's statements fail with SQL state 57P01 or a class 08 connection error.
 */
public final class ConnectionKiller implements AutoCloseable {

    private final FreshDatabase database;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger terminated = new AtomicInteger();
    private final Thread thread;

    private ConnectionKiller(FreshDatabase database) {
        this.database = database;
        this.thread = new Thread(this::loop, "connection-killer");
        this.thread.setDaemon(true);
    }

    public static ConnectionKiller start(FreshDatabase database) {
        ConnectionKiller killer = new ConnectionKiller(database);
        killer.thread.start();
        return killer;
    }

    /** How many backends were terminated so far. */
    public int terminated() {
        return terminated.get();
    }

    private void loop() {
        try (Connection admin = database.connect();
                PreparedStatement kill = admin.prepareStatement("SELECT count(pg_terminate_backend(pid)) FROM "
                        + "pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
            kill.setString(1, database.name());
            while (running.get()) {
                try (var result = kill.executeQuery()) {
                    result.next();
                    terminated.addAndGet(result.getInt(1));
                }
                Thread.sleep(10);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot terminate the backends of " + database.name(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running.set(false);
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
