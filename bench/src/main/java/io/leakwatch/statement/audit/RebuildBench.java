package io.leakwatch.statement.audit;

import io.agroal.api.AgroalDataSource;
import io.leakwatch.bench.BenchLogging;
import io.leakwatch.bench.Stats;
import io.leakwatch.platform.axon.StandaloneAxon;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A full rebuild of statement-service's read models by its own replay ({@link ProjectionReplay}: read the event topics
 * to their end, project every record into a fresh schema as the live consumers do), against a plain-SQL rebuild from
 * the same input: the same topics read by the same consumer code, then the same rows (the live read models, loaded
 * into memory before the clock starts) written into a fresh schema of the same tables with batched INSERTs, one
 * transaction per table. The comparison with the live tables that a replay does afterwards is left out of both.
 *
 * <p>Lives in {@link ProjectionReplay}'s package (in the bench module) to reach its package-visible steps.
 *
 * <p>Arguments: {@code jdbcUrl bootstrapServers runs}.
 */
public final class RebuildBench {

    private static final int INSERT_BATCH = 1000;

    private RebuildBench() {}

    public static void main(String[] args) throws Exception {
        BenchLogging.infoToStderr();
        String url = args[0];
        int runs = Integer.parseInt(args[2]);
        try (AgroalDataSource dataSource = StandaloneAxon.dataSource(url, 4)) {
            ProjectionReplay replay = new ProjectionReplay(dataSource, args[1]);
            Map<String, Rows> live = new LinkedHashMap<>();
            for (ProjectionReplay.Table table : ProjectionReplay.TABLES) {
                live.put(table.name(), Rows.of(dataSource, table.name()));
            }
            List<Double> replaySeconds = new ArrayList<>();
            List<Double> plainSeconds = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            long records = 0;
            Map<String, Long> replayRows = new LinkedHashMap<>();
            for (int run = 1; run <= runs; run++) {
                double replayed = 0;
                double plain = 0;
                for (String side : run % 2 == 1 ? List.of("replay", "plain") : List.of("plain", "replay")) {
                    String schema = "lwbench_rebuild_" + side;
                    drop(dataSource, schema);
                    Map<String, Long> read = new LinkedHashMap<>();
                    long started = System.nanoTime();
                    if (side.equals("replay")) {
                        replay.createSchema(schema);
                        replay.project(schema, read);
                    } else {
                        replay.readTopics(read);
                        replay.createSchema(schema);
                        for (Rows rows : live.values()) {
                            rows.insertInto(dataSource, schema);
                        }
                    }
                    double seconds = (System.nanoTime() - started) / 1e9;
                    records = read.values().stream().mapToLong(Long::longValue).sum();
                    Map<String, Long> rows = new LinkedHashMap<>();
                    for (String table : live.keySet()) {
                        rows.put(table, count(dataSource, schema + "." + table));
                    }
                    if (side.equals("replay")) {
                        replayed = seconds;
                        replayRows = rows;
                    } else {
                        plain = seconds;
                    }
                    System.out.printf(
                            "RESULT side=%s run=%d records=%d seconds=%.2f recordsPerSecond=%.0f rows=%s%n",
                            side, run, records, seconds, records / seconds, rows);
                    drop(dataSource, schema);
                }
                replaySeconds.add(replayed);
                plainSeconds.add(plain);
                ratios.add(plain / replayed);
            }
            double r = Stats.median(replaySeconds);
            double p = Stats.median(plainSeconds);
            Map<String, Long> liveRows = new LinkedHashMap<>();
            live.forEach((table, rows) -> liveRows.put(table, (long) rows.values.size()));
            System.out.println("MARKDOWN-BEGIN");
            System.out.println(
                    "| topic records | rows written (live) | replay s | records/s | plain SQL s | records/s |"
                            + " ratio (plain time / replay time) of medians | median of per-run ratios |");
            System.out.println("|---|---|---|---|---|---|---|---|");
            System.out.printf(
                    "| %,d | %s | %s | %s | %s | %s | **%s** | %s |%n",
                    records,
                    liveRows,
                    Stats.fmt(r),
                    Stats.fmt(records / r),
                    Stats.fmt(p),
                    Stats.fmt(records / p),
                    Stats.fmt(p / r),
                    Stats.fmt(Stats.median(ratios)));
            System.out.println("MARKDOWN-END");
            System.out.println("Rows the replay wrote (last run): " + replayRows);
        }
    }

    /** A table's rows, every column as the driver returns it. */
    private record Rows(String table, List<String> columns, List<Object[]> values) {

        static Rows of(AgroalDataSource dataSource, String table) throws SQLException {
            try (Connection connection = dataSource.getConnection();
                    Statement select = connection.createStatement();
                    ResultSet rows = select.executeQuery("SELECT * FROM " + table)) {
                ResultSetMetaData meta = rows.getMetaData();
                List<String> columns = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    columns.add(meta.getColumnName(i));
                }
                List<Object[]> values = new ArrayList<>();
                while (rows.next()) {
                    Object[] row = new Object[columns.size()];
                    for (int i = 0; i < row.length; i++) {
                        row[i] = rows.getObject(i + 1);
                    }
                    values.add(row);
                }
                return new Rows(table, columns, values);
            }
        }

        void insertInto(AgroalDataSource dataSource, String schema) throws SQLException {
            String sql = "INSERT INTO " + schema + "." + table + " (" + String.join(", ", columns) + ") VALUES ("
                    + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement insert = connection.prepareStatement(sql)) {
                connection.setAutoCommit(false);
                int pending = 0;
                for (Object[] row : values) {
                    for (int i = 0; i < row.length; i++) {
                        insert.setObject(i + 1, row[i]);
                    }
                    insert.addBatch();
                    if (++pending == INSERT_BATCH) {
                        insert.executeBatch();
                        pending = 0;
                    }
                }
                insert.executeBatch();
                connection.commit();
                connection.setAutoCommit(true);
            }
        }
    }

    private static long count(AgroalDataSource dataSource, String table) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void drop(AgroalDataSource dataSource, String schema) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement ddl = connection.createStatement()) {
            ddl.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
