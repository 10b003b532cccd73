package io.leakwatch.platform.seal;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;

/**
 * The seal of one stored event: {@code hash = SHA-256(previous hash || canonical bytes)}, the previous hash as its 32
 * raw bytes (32 zero bytes before the first event). The canonical bytes are every column of the event's
 * {@code domainevententry} row, in a fixed order, each as a 4-byte length (-1 for null) and its bytes (text as UTF-8,
 * numbers as decimal text): so a changed payload, metadata, type, timestamp, identifier, position or sequence number
 * changes the hash. JDK only, so that the offline check computes exactly what the service does.
 */
public final class EventSealChain {

    /** The previous hash of the first seal. */
    public static final String GENESIS = "0".repeat(64);

    /** The columns that are sealed, in the order they are hashed. */
    static final String COLUMNS = "globalindex, aggregateidentifier, sequencenumber, type, eventidentifier, "
            + "payloadtype, payloadrevision, timestamp, metadata, payload";

    private EventSealChain() {}

    /** The hash of the row under {@code row}'s cursor (selected with {@link #COLUMNS}), chained to {@code prevHash}. */
    static String hash(String prevHash, ResultSet row) throws SQLException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            text(out, Long.toString(row.getLong("globalindex")));
            text(out, row.getString("aggregateidentifier"));
            text(out, Long.toString(row.getLong("sequencenumber")));
            text(out, row.getString("type"));
            text(out, row.getString("eventidentifier"));
            text(out, row.getString("payloadtype"));
            text(out, row.getString("payloadrevision"));
            text(out, row.getString("timestamp"));
            field(out, row.getBytes("metadata"));
            field(out, row.getBytes("payload"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return hash(prevHash, bytes.toByteArray());
    }

    static String hash(String prevHash, byte[] canonical) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(HexFormat.of().parseHex(prevHash));
            sha256.update(canonical);
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    private static void text(DataOutputStream out, String value) throws IOException {
        field(out, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static void field(DataOutputStream out, byte[] value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(value.length);
        out.write(value);
    }
}
