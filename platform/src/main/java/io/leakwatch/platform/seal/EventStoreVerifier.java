package io.leakwatch.platform.seal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a service's event store against its seal ({@code event_seal}) over plain JDBC, for the service's verify
 * endpoint and for the offline {@link EventStoreCheck} alike. Every seal must find its event at its global index, with
 * the same aggregate and sequence number and the same bytes; every event the seal processor has passed must be sealed.
 * Events it has not reached yet are counted as pending, not judged: that is the window in which an edit goes unseen.
 */
public final class EventStoreVerifier {

    /** The most findings a report lists; the count is always complete. */
    static final int MAX_FINDINGS = 100;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One place where the store and its seal disagree. */
    public record Finding(long globalIndex, String aggregateId, Long sequenceNumber, Long sealNo, String problem) {}

    /** The last seal: write its hash down elsewhere, since whoever can rewrite the store can rewrite the chain too. */
    public record Head(long sealNo, long globalIndex, String hash) {}

    /** What a check found. */
    public record Report(boolean valid, long sealed, long pending, Head head, long problems, List<Finding> findings) {}

    private EventStoreVerifier() {}

    public static Report verify(Connection connection) throws SQLException {
        Findings findings = new Findings();
        Head head = checkSeals(connection, findings);
        Position position = sealerPosition(connection);
        long pending = checkUnsealed(connection, position, findings);
        return new Report(
                findings.count == 0,
                head == null ? 0 : head.sealNo(),
                pending,
                head,
                findings.count,
                List.copyOf(findings.listed));
    }

    private static Head checkSeals(Connection connection, Findings findings) throws SQLException {
        String prev = EventSealChain.GENESIS;
        long expectedSealNo = 1;
        Head head = null;
        boolean linkKnown = true;
        try (PreparedStatement seals = connection.prepareStatement("SELECT s.seal_no, s.global_index, s.aggregate_id, "
                + "s.sequence_number, s.hash, e.globalindex IS NOT NULL AS present, " + prefixed("e")
                + " FROM event_seal s LEFT JOIN domainevententry e ON e.globalindex = s.global_index"
                + " ORDER BY s.seal_no")) {
            seals.setFetchSize(1000);
            try (ResultSet seal = seals.executeQuery()) {
                while (seal.next()) {
                    long sealNo = seal.getLong("seal_no");
                    long globalIndex = seal.getLong("global_index");
                    String aggregateId = seal.getString("aggregate_id");
                    long sequence = seal.getLong("sequence_number");
                    String hash = seal.getString("hash");
                    if (sealNo != expectedSealNo) {
                        // The previous hash is gone with the missing seals: this seal's link cannot be checked.
                        linkKnown = false;
                        findings.add(new Finding(
                                globalIndex,
                                aggregateId,
                                sequence,
                                sealNo,
                                "seals " + expectedSealNo + " to " + (sealNo - 1) + " are missing from event_seal"));
                    }
                    if (!seal.getBoolean("present")) {
                        findings.add(new Finding(
                                globalIndex, aggregateId, sequence, sealNo, "the sealed event was deleted"));
                    } else if (!aggregateId.equals(seal.getString("aggregateidentifier"))
                            || sequence != seal.getLong("sequencenumber")) {
                        findings.add(new Finding(
                                globalIndex,
                                aggregateId,
                                sequence,
                                sealNo,
                                "the event at this position is now sequence " + seal.getLong("sequencenumber")
                                        + " of aggregate " + seal.getString("aggregateidentifier")
                                        + ": events were moved or reordered"));
                    } else if (linkKnown && !EventSealChain.hash(prev, seal).equals(hash)) {
                        findings.add(new Finding(
                                globalIndex, aggregateId, sequence, sealNo, "the event's stored bytes were altered"));
                    }
                    prev = hash;
                    linkKnown = true;
                    expectedSealNo = sealNo + 1;
                    head = new Head(sealNo, globalIndex, hash);
                }
            }
        }
        return head;
    }

    /** Events without a seal: pending when the seal processor has not reached them yet, a finding when it has. */
    private static long checkUnsealed(Connection connection, Position position, Findings findings) throws SQLException {
        long pending = 0;
        try (PreparedStatement unsealed = connection.prepareStatement("SELECT e.globalindex, e.aggregateidentifier, "
                        + "e.sequencenumber FROM domainevententry e WHERE NOT EXISTS "
                        + "(SELECT 1 FROM event_seal s WHERE s.global_index = e.globalindex) ORDER BY e.globalindex");
                ResultSet event = unsealed.executeQuery()) {
            while (event.next()) {
                long globalIndex = event.getLong(1);
                if (position.notReached(globalIndex)) {
                    pending++;
                } else {
                    findings.add(new Finding(
                            globalIndex,
                            event.getString(2),
                            event.getLong(3),
                            null,
                            "an event the seal has passed is not sealed: inserted afterwards, or its seal deleted"));
                }
            }
        }
        return pending;
    }

    /** Where the seal processor stands: its token's index and the gaps it still waits for. */
    private record Position(long index, Set<Long> gaps) {

        boolean notReached(long globalIndex) {
            return globalIndex > index || gaps.contains(globalIndex);
        }
    }

    private static Position sealerPosition(Connection connection) throws SQLException {
        try (PreparedStatement token =
                connection.prepareStatement("SELECT token FROM tokenentry WHERE processorname = ? AND segment = 0")) {
            token.setString(1, EventSealer.PROCESSING_GROUP);
            try (ResultSet row = token.executeQuery()) {
                if (!row.next() || row.getBytes(1) == null) {
                    return new Position(-1, Set.of());
                }
                JsonNode gapAware = JSON.readTree(row.getBytes(1));
                Set<Long> gaps = new HashSet<>();
                gapAware.path("gaps").forEach(gap -> gaps.add(gap.asLong()));
                return new Position(gapAware.path("index").asLong(-1), gaps);
            } catch (IOException e) {
                throw new SQLException("The token of " + EventSealer.PROCESSING_GROUP + " is not readable", e);
            }
        }
    }

    private static String prefixed(String alias) {
        return alias + "." + EventSealChain.COLUMNS.replace(", ", ", " + alias + ".");
    }

    private static final class Findings {
        private final List<Finding> listed = new ArrayList<>();
        private long count;

        void add(Finding finding) {
            count++;
            if (listed.size() < MAX_FINDINGS) {
                listed.add(finding);
            }
        }
    }
}
