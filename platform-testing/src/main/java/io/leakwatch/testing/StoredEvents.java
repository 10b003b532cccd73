package io.leakwatch.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** An aggregate's events as the service's Axon store holds them, for tests that check a stream did not fork. */
public final class StoredEvents {

    /** One stored event: its sequence number in the aggregate and its payload's simple class name. */
    public record StoredEvent(long sequence, String type) {}

    private StoredEvents() {}

    /** The events of {@code aggregateId} in the order they were appended (global index). */
    public static List<StoredEvent> of(FreshDatabase database, String aggregateId) {
        List<StoredEvent> events = new ArrayList<>();
        try (Connection connection = database.connect();
                PreparedStatement select = connection.prepareStatement("SELECT sequencenumber, payloadtype FROM "
                        + "domainevententry WHERE aggregateidentifier = ? ORDER BY globalindex")) {
            select.setString(1, aggregateId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String type = rows.getString(2);
                    events.add(new StoredEvent(rows.getLong(1), type.substring(type.lastIndexOf('.') + 1)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the events of " + aggregateId, e);
        }
        return events;
    }

    /** Whether the sequence numbers are 0, 1, 2, ... in append order: one line, no fork, no hole. */
    public static boolean contiguous(List<StoredEvent> events) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).sequence() != i) {
                return false;
            }
        }
        return true;
    }

    /**
     * The types of {@code aggregateId}'s events in append order, after checking that their sequence numbers are
     * contiguous (an {@link AssertionError} naming them otherwise).
     */
    public static List<String> types(FreshDatabase database, String aggregateId) {
        List<StoredEvent> events = of(database, aggregateId);
        if (!contiguous(events)) {
            throw new AssertionError("the sequence numbers of " + aggregateId + " are not 0..n-1: " + events);
        }
        return events.stream().map(StoredEvent::type).toList();
    }
}
