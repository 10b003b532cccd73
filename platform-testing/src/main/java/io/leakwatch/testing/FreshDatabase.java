package io.leakwatch.testing;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
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

    /** The number a {@code SELECT count(...)} query answers, e.g. to show that a refused request recorded nothing. */
    public long count(String sql) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * Every value of every column of every row of every table in the public schema, as text (bytea, such as Axon's
     * event payloads, decoded as UTF-8): what a scan for plaintext personal data reads.
     */
    public List<String> everyValue() throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            for (String table : tables(statement)) {
                try (ResultSet rows = statement.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int i = 1; i <= columns; i++) {
                            Object value = rows.getObject(i);
                            if (value instanceof byte[] bytes) {
                                values.add(new String(bytes, StandardCharsets.UTF_8));
                            } else if (value != null) {
                                values.add(value.toString());
                            }
                        }
                    }
                }
            }
        }
        return values;
    }

    /** The tables of the public schema. */
    public List<String> tables() throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            return tables(statement);
        }
    }

    private static List<String> tables(Statement statement) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery("SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
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
