package io.leakwatch.platform.seal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;

/**
 * Seals every event of the service's store, in the order a tracking processor reads them: reads the event's stored row
 * (not the deserialized message, so that the bytes sealed are the bytes kept) and appends its {@link EventSealChain}
 * hash to {@code event_seal}. The insert commits in the processor's transaction with its token, so an event is sealed
 * exactly once; the processor has one segment and one thread, so one writer extends the chain.
 */
@ProcessingGroup(EventSealer.PROCESSING_GROUP)
public class EventSealer {

    public static final String PROCESSING_GROUP = "event-seal";

    private final DataSource dataSource;

    public EventSealer(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @EventHandler
    public void seal(EventMessage<?> event) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement row = connection.prepareStatement(
                        "SELECT " + EventSealChain.COLUMNS + " FROM domainevententry WHERE eventidentifier = ?")) {
            row.setString(1, event.getIdentifier());
            try (ResultSet stored = row.executeQuery()) {
                if (!stored.next()) {
                    // A tracking processor reads only stored events; this would be a bug, not tampering.
                    throw new IllegalStateException("Event " + event.getIdentifier() + " is not in the store");
                }
                Head head = head(connection);
                String hash = EventSealChain.hash(head.hash(), stored);
                append(connection, head.sealNo() + 1, stored, hash);
            }
        }
    }

    private record Head(long sealNo, String hash) {}

    private static Head head(Connection connection) throws SQLException {
        try (PreparedStatement last = connection.prepareStatement(
                        "SELECT seal_no, hash FROM event_seal ORDER BY seal_no DESC LIMIT 1");
                ResultSet head = last.executeQuery()) {
            return head.next() ? new Head(head.getLong(1), head.getString(2)) : new Head(0, EventSealChain.GENESIS);
        }
    }

    private static void append(Connection connection, long sealNo, ResultSet stored, String hash) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO event_seal "
                + "(seal_no, global_index, aggregate_id, sequence_number, hash) VALUES (?, ?, ?, ?, ?)")) {
            insert.setLong(1, sealNo);
            insert.setLong(2, stored.getLong("globalindex"));
            insert.setString(3, stored.getString("aggregateidentifier"));
            insert.setLong(4, stored.getLong("sequencenumber"));
            insert.setString(5, hash);
            insert.executeUpdate();
        }
    }
}
