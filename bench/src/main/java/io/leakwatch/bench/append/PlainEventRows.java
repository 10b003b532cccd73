package io.leakwatch.bench.append;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The baseline of the append benches: the row an event store writes for one event, inserted by a plain JDBC loop into
 * a copy of {@code domainevententry}, one transaction per row (new ids each time, the given payload and metadata).
 *
 * @param payload the payload's bytes for a new aggregate id
 * @param metadata the metadata's bytes for a new message id
 */
record PlainEventRows(
        DataSource dataSource,
        String table,
        String aggregateType,
        String payloadType,
        Function<String, byte[]> payload,
        Function<String, byte[]> metadata) {

    private static final String INSERT = "INSERT INTO %s (eventidentifier, aggregateidentifier, sequencenumber, type,"
            + " timestamp, payloadtype, payloadrevision, payload, metadata) VALUES (?,?,?,?,?,?,?,?,?)";

    /** Inserts one row and commits it. */
    void insertOne() throws Exception {
        String id = UUID.randomUUID().toString();
        String messageId = UUID.randomUUID().toString();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT.formatted(table))) {
            insert.setString(1, messageId);
            insert.setString(2, id);
            insert.setLong(3, 0);
            insert.setString(4, aggregateType);
            insert.setString(5, Instant.now().toString());
            insert.setString(6, payloadType);
            insert.setString(7, null);
            insert.setBytes(8, payload.apply(id));
            insert.setBytes(9, metadata.apply(messageId));
            insert.executeUpdate();
            connection.commit();
        }
    }
}
