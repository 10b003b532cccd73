package io.leakwatch.bench.append;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Whether an event store's global index has holes: rows against {@code max - min + 1}, the first holes found, and the
 * sequence's last value (a value drawn but never committed, by a rolled-back insert, leaves the sequence ahead of the
 * table's maximum or a hole inside it; PostgreSQL never gives a sequence value back).
 *
 * @param gaps the first holes, as {@code from-to} ranges of missing indexes
 */
record GapCheck(long rows, long min, long max, long sequenceLastValue, List<String> gaps) {

    private static final int MAX_LISTED = 20;

    long missing() {
        return rows == 0 ? 0 : max - min + 1 - rows;
    }

    static GapCheck of(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            long rows;
            long min;
            long max;
            try (ResultSet r = statement.executeQuery(
                    "SELECT count(*), coalesce(min(globalindex), 0), coalesce(max(globalindex), 0) FROM domainevententry")) {
                r.next();
                rows = r.getLong(1);
                min = r.getLong(2);
                max = r.getLong(3);
            }
            long sequence;
            try (ResultSet r = statement.executeQuery("SELECT coalesce(pg_sequence_last_value("
                    + "pg_get_serial_sequence('domainevententry', 'globalindex')::regclass), 0)")) {
                r.next();
                sequence = r.getLong(1);
            }
            List<String> gaps = new ArrayList<>();
            if (rows > 0 && max - min + 1 != rows) {
                try (ResultSet r = statement.executeQuery("SELECT globalindex + 1, next - 1 FROM (SELECT globalindex,"
                        + " lead(globalindex) OVER (ORDER BY globalindex) AS next FROM domainevententry) t"
                        + " WHERE next > globalindex + 1 ORDER BY 1 LIMIT " + MAX_LISTED)) {
                    while (r.next()) {
                        gaps.add(r.getLong(1) + "-" + r.getLong(2));
                    }
                }
            }
            connection.commit();
            return new GapCheck(rows, min, max, sequence, gaps);
        }
    }
}
