package io.leakwatch.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A new, empty PostgreSQL database for one test run, so that runs never see each other's data and can run side by
 * side. Dropped again on close. PostgreSQL comes from {@code LEAKWATCH_PG_HOST}/{@code LEAKWATCH_PG_PORT} (default
 * 127.0.0.1:5432), user {@code postgres}.
 */
public final class FreshDatabase implements AutoCloseable {

    private final String name;

    private FreshDatabase(String name) {
        this.name = name;
    }

    public static FreshDatabase create(String prefix) {
        String name =
                prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE DATABASE " + name);
        return new FreshDatabase(name);
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + hostAndPort() + "/" + name;
    }

    public String reactiveUrl() {
        return "postgresql://" + hostAndPort() + "/" + name;
    }

    public static String user() {
        return "postgres";
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user(), "");
    }

    @Override
    public void close() {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void execute(String sql) {
        try (Connection admin =
                        DriverManager.getConnection("jdbc:postgresql://" + hostAndPort() + "/postgres", user(), "");
                Statement statement = admin.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "PostgreSQL at " + hostAndPort() + " refused '" + sql
                            + "'; is it running (infra/local/postgres.sh)?",
                    e);
        }
    }

    private static String hostAndPort() {
        String host = System.getenv().getOrDefault("LEAKWATCH_PG_HOST", "127.0.0.1");
        String port = System.getenv().getOrDefault("LEAKWATCH_PG_PORT", "5432");
        return host + ":" + port;
    }
}
