package io.leakwatch.intake.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leakwatch.contracts.sample.SampleChunk;
import io.leakwatch.contracts.sample.SampleRow;
import io.leakwatch.platform.axon.AxonJson;
import io.leakwatch.platform.privacy.CanonicalField;
import io.leakwatch.platform.privacy.Token;
import io.leakwatch.platform.privacy.TokenisedRow;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A sample chunk's JSON, written straight to UTF-8 bytes from rows encoded one at a time: what
 * {@code AxonJson.mapper().writeValueAsString(chunk)} gives in UTF-8 (byte for byte, but for the order of a row's
 * {@code fieldTokens}, canonical here and the JVM's hash order there), which matching reads as a {@link SampleChunk}.
 *
 * <p>Note: Jackson writes a list as {@code [a,b,...]} without spaces, so a chunk is the envelope of a chunk without
 * rows, cut before its closing {@code ]}, its rows' JSON joined by commas, and {@code ]}}. Rows are encoded where they
 * are tokenised, on every core, straight from their tokens (no {@link SampleRow}, no token strings), and a chunk never
 * exists as objects or as a {@code String}: building and checking that {@code String} of ~300 KB was half the reading
 * thread's time, and the row objects and Jackson's walk over them a sixth of the tokeniser pool's.
 */
public final class SampleChunkJson {

    private static final ObjectMapper JSON = AxonJson.mapper();
    private static final byte[] EMPTY_ROWS_END = "[]}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "]}".getBytes(StandardCharsets.US_ASCII);

    // A row's fixed parts as bytes, made once: writing them char by char was a sixth of a row's encoding.
    private static final byte[] LINE = ascii("{\"line\":");
    private static final byte[] NIK_TOKEN = ascii(",\"nikToken\":");
    private static final byte[] FIELD_TOKENS = ascii(",\"fieldTokens\":{");
    private static final byte[] NAME_BLOOM = ascii("},\"nameBloom\":");
    private static final byte[] UPDATED_AT = ascii(",\"updatedAt\":");
    private static final byte[] NULL = ascii("null");
    /** Each compared field's key, {@code "column":}, by ordinal: as the first token of a row and after another. */
    private static final byte[][] FIELD_KEYS_FIRST = fieldKeys("\"");

    private static final byte[][] FIELD_KEYS_NEXT = fieldKeys(",\"");

    private SampleChunkJson() {}

    /**
     * The JSON of the {@link SampleRow} of a row with a valid NIK, written straight from its tokens: what Jackson writes
     * for that row, field tokens in canonical order. Thread-safe.
     */
    public static byte[] row(long line, TokenisedRow row) {
        if (!row.nikValid()) {
            throw new IllegalArgumentException("only rows with a valid NIK are sent");
        }
        RowWriter out = new RowWriter();
        out.bytes(LINE).ascii(Long.toString(line));
        out.bytes(NIK_TOKEN).base64Url(row.nikToken().bytes());
        out.bytes(FIELD_TOKENS);
        boolean first = true;
        for (CanonicalField field : CanonicalField.COMPARED) { // canonical order
            Token token = row.fieldTokens().get(field);
            if (token != null) {
                out.bytes(first ? FIELD_KEYS_FIRST[field.ordinal()] : FIELD_KEYS_NEXT[field.ordinal()]);
                out.base64Url(token.bytes());
                first = false;
            }
        }
        out.bytes(NAME_BLOOM);
        if (row.nameBloom() == null) {
            out.bytes(NULL);
        } else {
            out.base64Url(row.nameBloom().toBytes());
        }
        out.bytes(UPDATED_AT);
        if (row.updatedAt() == null) {
            out.bytes(NULL);
        } else {
            out.ascii("\"").ascii(row.updatedAt().toString()).ascii("\"");
        }
        return out.ascii("}").toBytes();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[][] fieldKeys(String before) {
        byte[][] keys = new byte[CanonicalField.values().length][];
        for (CanonicalField field : CanonicalField.values()) {
            keys[field.ordinal()] = ascii(before + field.column() + "\":");
        }
        return keys;
    }

    /** A chunk ready to send: its Kafka key ({@link SampleChunk#partitionKey()}) and its JSON. */
    public record Encoded(String partitionKey, byte[] json) {}

    /** One bucket's rows as JSON, gathered until they make a chunk; reused for the bucket's next chunk. */
    public static final class Rows {

        private byte[] bytes;
        private int length;
        private int count;

        public Rows(int initialBytes) {
            this.bytes = new byte[Math.max(initialBytes, 16)];
        }

        /** Adds a row as {@link #row(long, TokenisedRow)} encoded it. */
        public void add(byte[] row) {
            int needed = length + row.length + 1;
            if (needed > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(needed, 2 * bytes.length));
            }
            if (count > 0) {
                bytes[length++] = ',';
            }
            System.arraycopy(row, 0, bytes, length, row.length);
            length += row.length;
            count++;
        }

        public int count() {
            return count;
        }

        public boolean isEmpty() {
            return count == 0;
        }

        /** The chunk of the rows added so far, which are then forgotten. */
        public Encoded takeChunk(String incidentId, String sampleId, int chunkNumber, int bucket) {
            SampleChunk envelope = new SampleChunk(incidentId, sampleId, chunkNumber, bucket, List.of());
            byte[] head = head(envelope);
            byte[] json = new byte[head.length + length + END.length];
            System.arraycopy(head, 0, json, 0, head.length);
            System.arraycopy(bytes, 0, json, head.length, length);
            System.arraycopy(END, 0, json, head.length + length, END.length);
            length = 0;
            count = 0;
            return new Encoded(envelope.partitionKey(), json);
        }
    }

    /** What Jackson writes for a chunk before its first row: the chunk without rows, up to and including its "[". */
    private static byte[] head(SampleChunk withoutRows) {
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(withoutRows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a sample chunk as JSON");
        }
        int cut = json.length - EMPTY_ROWS_END.length;
        if (cut < 0 || !Arrays.equals(json, cut, json.length, EMPTY_ROWS_END, 0, EMPTY_ROWS_END.length)) {
            throw new IllegalStateException("A SampleChunk's rows are no longer the last thing its JSON holds");
        }
        return Arrays.copyOf(json, cut + 1);
    }

    /**
     * A row's JSON as it is written. Note: everything in a row is ASCII that JSON need not escape (canonical column
     * names, base64url, digits, ISO dates), which is what lets it be written without Jackson and without a String.
     */
    private static final class RowWriter {

        private byte[] bytes = new byte[768];
        private int length;

        RowWriter bytes(byte[] ascii) {
            ensure(ascii.length);
            System.arraycopy(ascii, 0, bytes, length, ascii.length);
            length += ascii.length;
            return this;
        }

        RowWriter ascii(String text) {
            ensure(text.length());
            for (int i = 0; i < text.length(); i++) {
                bytes[length++] = (byte) text.charAt(i);
            }
            return this;
        }

        /** A JSON string of the bytes in URL-safe base64 without padding, as {@link Token#base64Url()} has it. */
        RowWriter base64Url(byte[] data) {
            ensure(Base64Url.encodedLength(data.length) + 2);
            bytes[length++] = '"';
            length = Base64Url.encode(data, bytes, length);
            bytes[length++] = '"';
            return this;
        }

        byte[] toBytes() {
            return Arrays.copyOf(bytes, length);
        }

        private void ensure(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(length + more, 2 * bytes.length));
            }
        }
    }
}
