package io.leakwatch.statement.audit;

import io.agroal.api.AgroalDataSource;
import io.leakwatch.contracts.CloudEvent;
import io.leakwatch.contracts.IntegrationEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The audit trails, over JDBC. {@link #append} runs inside the consuming transaction (see {@code Inbox}), so an event
 * is appended exactly once however often Kafka delivers it; reads run on worker threads.
 */
@ApplicationScoped
public class AuditTrail {

    private final AgroalDataSource dataSource;
    private final String entries;
    private final String heads;

    @Inject
    AuditTrail(AgroalDataSource dataSource) {
        this(dataSource, null);
    }

    /** The trails in another schema with the same tables, e.g. a replay's fresh schema; null for the live ones. */
    public AuditTrail(AgroalDataSource dataSource, String schema) {
        this.dataSource = dataSource;
        String prefix = schema == null ? "" : schema + ".";
        this.entries = prefix + "audit_entry";
        this.heads = prefix + "audit_head";
    }

    /** One entry of a trail. */
    public record Entry(
            long seq,
            String eventId,
            String topic,
            String type,
            Instant time,
            String canonical,
            String prevHash,
            String hash) {}

    /** The outcome of checking a trail: valid, or the first entry whose hash does not hold. */
    public record Verification(String incidentId, boolean valid, long entries, String head, FirstInvalid firstInvalid) {

        public record FirstInvalid(long seq, String eventId, String reason) {}
    }

    /** An event as it came from {@code topic} in {@code record}, to be appended to its incident's trail. */
    public record Appended(String topic, CloudEvent<IntegrationEvent> event, String record) {}

    /** Appends {@code record}, the event as it came from {@code topic}, to its incident's trail. */
    public void append(String topic, CloudEvent<IntegrationEvent> event, String record) {
        appendAll(List.of(new Appended(topic, event, record)));
    }

    /** Appends each event to its incident's trail, in the order given. Must run inside the consuming transaction. */
    public void appendAll(List<Appended> appended) {
        try (Connection connection = dataSource.getConnection()) {
            appendAll(connection, appended);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot append " + appended.size() + " events to the audit trails", e);
        }
    }

    /**
     * Appends each event to its incident's trail, in the order given, on {@code connection}: the heads of the
     * incidents concerned are created if new and locked (in one order, so that two batches never wait on each other in
     * a cycle), the chains are extended in memory, and the entries and the heads written in batches.
     */
    public void appendAll(Connection connection, List<Appended> appended) throws SQLException {
        if (appended.isEmpty()) {
            return;
        }
        Object[] incidentIds = appended.stream()
                .map(a -> a.event().subject())
                .distinct()
                .sorted()
                .toArray();
        try (PreparedStatement create = connection.prepareStatement("INSERT INTO " + heads
                + " (incident_id, seq, hash) SELECT id, 0, ? FROM unnest(?::text[]) AS id ON CONFLICT DO NOTHING")) {
            create.setString(1, AuditChain.GENESIS);
            create.setArray(2, connection.createArrayOf("text", incidentIds));
            create.executeUpdate();
        }
        Map<String, Head> chains = new HashMap<>();
        try (PreparedStatement lock = connection.prepareStatement("SELECT incident_id, seq, hash FROM " + heads
                + " WHERE incident_id = ANY(?::text[]) ORDER BY incident_id FOR UPDATE")) {
            lock.setArray(1, connection.createArrayOf("text", incidentIds));
            try (ResultSet rows = lock.executeQuery()) {
                while (rows.next()) {
                    chains.put(rows.getString(1), new Head(rows.getLong(2), rows.getString(3)));
                }
            }
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + entries
                + " (incident_id, seq, event_id, topic, type, event_time, canonical, prev_hash, hash)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Appended next : appended) {
                CloudEvent<IntegrationEvent> event = next.event();
                Head head = chains.get(event.subject());
                String canonical = CanonicalJson.of(next.record());
                Head extended = new Head(head.seq() + 1, AuditChain.hash(head.hash(), canonical));
                insert.setString(1, event.subject());
                insert.setLong(2, extended.seq());
                insert.setString(3, event.id());
                insert.setString(4, next.topic());
                insert.setString(5, event.type());
                insert.setTimestamp(6, Timestamp.from(event.time()));
                insert.setString(7, canonical);
                insert.setString(8, head.hash());
                insert.setString(9, extended.hash());
                insert.addBatch();
                chains.put(event.subject(), extended);
            }
            insert.executeBatch();
        }
        try (PreparedStatement move = connection.prepareStatement("UPDATE " + heads + " AS head"
                + " SET seq = moved.seq, hash = moved.hash"
                + " FROM unnest(?::text[], ?::bigint[], ?::text[]) AS moved(incident_id, seq, hash)"
                + " WHERE head.incident_id = moved.incident_id")) {
            List<String> ids = new ArrayList<>(chains.keySet());
            move.setArray(1, connection.createArrayOf("text", ids.toArray()));
            move.setArray(
                    2,
                    connection.createArrayOf(
                            "bigint",
                            ids.stream().map(id -> chains.get(id).seq()).toArray()));
            move.setArray(
                    3,
                    connection.createArrayOf(
                            "text",
                            ids.stream().map(id -> chains.get(id).hash()).toArray()));
            move.executeUpdate();
        }
    }

    /** Every entry of an incident's trail in order, handed one by one to {@code sink}; false when there is none. */
    public boolean read(String incidentId, Consumer<Entry> sink) {
        return read(incidentId, null, sink);
    }

    /**
     * The entries the trail had recorded by {@code asOf} (its {@code appended_at}, not the event's time), in order;
     * every entry when {@code asOf} is null. Appends to one incident are serialised, so this is a prefix of the chain.
     */
    public boolean read(String incidentId, Instant asOf, Consumer<Entry> sink) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT seq, event_id, topic, type, event_time, canonical, prev_hash, hash FROM " + entries
                                + " WHERE incident_id = ?" + (asOf == null ? "" : " AND appended_at <= ?")
                                + " ORDER BY seq")) {
            select.setString(1, incidentId);
            if (asOf != null) {
                select.setTimestamp(2, Timestamp.from(asOf));
            }
            select.setFetchSize(500);
            boolean any = false;
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    any = true;
                    sink.accept(new Entry(
                            rows.getLong(1),
                            rows.getString(2),
                            rows.getString(3),
                            rows.getString(4),
                            rows.getTimestamp(5).toInstant(),
                            rows.getString(6),
                            rows.getString(7),
                            rows.getString(8)));
                }
            }
            return any;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the audit trail of incident " + incidentId, e);
        }
    }

    public List<Entry> entries(String incidentId) {
        return entries(incidentId, null);
    }

    public List<Entry> entries(String incidentId, Instant asOf) {
        List<Entry> found = new ArrayList<>();
        read(incidentId, asOf, found::add);
        return found;
    }

    /**
     * Recomputes the chain from the stored events: an entry holds when its prevHash is the previous entry's hash and
     * its hash is SHA-256 of that and its canonical event, and the last entry is the trail's head (so that entries cut off
     * its end are found too). Empty when the incident has no trail.
     */
    public Optional<Verification> verify(String incidentId) {
        // The head first: appends go on meanwhile, and each moves the head only after its entry is written, so every
        // entry up to this head is there to read below.
        Optional<Head> head = head(incidentId);
        Verification[] outcome = new Verification[1];
        String[] prev = {AuditChain.GENESIS};
        String[] atHead = {null};
        long[] count = {0};
        boolean any = read(incidentId, entry -> {
            if (outcome[0] != null) {
                return;
            }
            String reason = entry.seq() != count[0] + 1
                    ? "expected seq " + (count[0] + 1)
                    : !entry.prevHash().equals(prev[0])
                            ? "prevHash is not the previous entry's hash"
                            : !AuditChain.hash(prev[0], entry.canonical()).equals(entry.hash())
                                    ? "hash does not match the event"
                                    : null;
            if (reason != null) {
                outcome[0] = new Verification(
                        incidentId,
                        false,
                        count[0],
                        prev[0],
                        new Verification.FirstInvalid(entry.seq(), entry.eventId(), reason));
                return;
            }
            if (head.isPresent() && entry.seq() == head.get().seq()) {
                atHead[0] = entry.hash();
            }
            prev[0] = entry.hash();
            count[0]++;
        });
        if (!any && head.isEmpty()) {
            return Optional.empty();
        }
        if (outcome[0] != null) {
            return Optional.of(outcome[0]);
        }
        // The chain cannot show that entries were cut off its end: the head, moved with every append, can.
        String cut = head.isEmpty()
                ? (head(incidentId).isEmpty() ? "the trail has no head: it was altered" : null)
                : count[0] < head.get().seq()
                        ? "the trail ends at seq " + count[0] + " but its head was seq "
                                + head.get().seq() + ": entries were deleted from its end"
                        : !head.get().hash().equals(atHead[0])
                                ? "entry " + head.get().seq() + " is not the head's hash: the trail was rewritten"
                                : null;
        if (cut != null) {
            // Where the trail stops holding: its first missing entry, or the entry that should be the head.
            long at = head.isPresent() && count[0] >= head.get().seq()
                    ? head.get().seq()
                    : count[0] + 1;
            return Optional.of(new Verification(
                    incidentId, false, count[0], prev[0], new Verification.FirstInvalid(at, null, cut)));
        }
        return Optional.of(new Verification(incidentId, true, count[0], prev[0], null));
    }

    /** Where a chain ends: its last entry's number and hash. */
    private record Head(long seq, String hash) {}

    private Optional<Head> head(String incidentId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select =
                        connection.prepareStatement("SELECT seq, hash FROM " + heads + " WHERE incident_id = ?")) {
            select.setString(1, incidentId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new Head(row.getLong(1), row.getString(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the audit head of incident " + incidentId, e);
        }
    }
}
