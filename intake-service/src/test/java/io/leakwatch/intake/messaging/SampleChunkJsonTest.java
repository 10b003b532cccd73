package io.leakwatch.intake.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leakwatch.contracts.sample.SampleChunk;
import io.leakwatch.contracts.sample.SampleRow;
import io.leakwatch.platform.axon.AxonJson;
import io.leakwatch.platform.privacy.CanonicalField;
import io.leakwatch.platform.privacy.RowTokeniser;
import io.leakwatch.platform.privacy.TokenisedRow;
import io.leakwatch.platform.privacy.Tokeniser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What intake sends is what it sent before: Jackson's {@code writeValueAsString} of the {@link SampleChunk} with its
 * {@link SampleRow}s, in UTF-8 (the String serializer's bytes), byte for byte but for the order of each row's
 * {@code fieldTokens} (the JVM's hash order before, canonical now), so matching reads it unchanged.
 */
class SampleChunkJsonTest {

    private static final ObjectMapper JSON = AxonJson.mapper();

    private final RowTokeniser rowTokeniser = new RowTokeniser(
            new Tokeniser("sample-chunk-json-test-key-0123456789".getBytes(StandardCharsets.US_ASCII)));

    @Test
    void aRowIsJacksonsJsonOfItsSampleRowWithFieldTokensInCanonicalOrder() throws Exception {
        for (int i = 0; i < 2_000; i++) {
            TokenisedRow tokenised = rowTokeniser.tokenise(cells(i));
            long line = i * 7_919L + 2;

            byte[] json = SampleChunkJson.row(line, tokenised);

            SampleRow before = sampleRow(line, tokenised);
            byte[] jackson = JSON.writeValueAsBytes(before);
            assertThat(JSON.readValue(json, SampleRow.class)).isEqualTo(before);
            assertThat(new String(json, StandardCharsets.UTF_8))
                    .isEqualTo(new String(inCanonicalOrder(jackson), StandardCharsets.UTF_8));
        }
    }

    @Test
    void chunksAreTheBytesOfTheWholeChunksJson() throws Exception {
        // Names that JSON must escape, and non-ASCII ones, in the envelope (the rows hold tokens only).
        String incidentId = "incident \"42\" \\ Dürüm ✓";
        String sampleId = "5b0c3c2e-6a7d-4f0e-9b1a-0d6f3f1e2a77";
        SampleChunkJson.Rows buffer = new SampleChunkJson.Rows(64); // grows, and is reused chunk after chunk
        for (int chunkNumber = 0; chunkNumber < 3; chunkNumber++) {
            List<SampleRow> rows = new ArrayList<>();
            for (int i = 0; i < 500 - 100 * chunkNumber; i++) {
                // At most one field token, whose order cannot differ: the bytes must be the same.
                Map<String, String> cells = new HashMap<>();
                cells.put("nik", "3171015505900002");
                if (i % 3 == 0) {
                    cells.put("full_name", "Person Number " + i);
                } else if (i % 3 == 1) {
                    cells.put("birth_date", "10-05-19" + (10 + i % 90));
                }
                cells.put("updated_at", i % 2 == 0 ? "2021-05-01" : "");
                TokenisedRow tokenised = rowTokeniser.tokenise(cells);
                rows.add(sampleRow(i + 2, tokenised));
                buffer.add(SampleChunkJson.row(i + 2, tokenised));
            }
            assertThat(buffer.count()).isEqualTo(rows.size());
            SampleChunk whole = new SampleChunk(incidentId, sampleId, chunkNumber, 7, rows);

            SampleChunkJson.Encoded encoded = buffer.takeChunk(incidentId, sampleId, chunkNumber, 7);

            assertThat(encoded.json()).isEqualTo(JSON.writeValueAsString(whole).getBytes(StandardCharsets.UTF_8));
            assertThat(encoded.partitionKey()).isEqualTo(whole.partitionKey());
            assertThat(buffer.isEmpty()).isTrue();
        }
    }

    @Test
    void aChunkOfRowsWithEveryFieldReadsBackAsTheSameChunk() throws Exception {
        SampleChunkJson.Rows buffer = new SampleChunkJson.Rows(0);
        List<SampleRow> rows = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            TokenisedRow tokenised = rowTokeniser.tokenise(cells(i));
            rows.add(sampleRow(i + 2, tokenised));
            buffer.add(SampleChunkJson.row(i + 2, tokenised));
        }
        SampleChunk whole = new SampleChunk("incident", "sample", 4, 11, rows);

        byte[] json = buffer.takeChunk("incident", "sample", 4, 11).json();

        assertThat(JSON.readValue(json, SampleChunk.class)).isEqualTo(whole);
        assertThat(JSON.readTree(json)).isEqualTo(JSON.readTree(JSON.writeValueAsString(whole)));
    }

    /** A row of varied fields: some without a name, a phone or a date, dates in several forms. */
    private static Map<String, String> cells(int i) {
        Map<String, String> cells = new HashMap<>();
        cells.put("nik", "3171015505900002");
        cells.put("card_no", String.format("%013d", i));
        if (i % 3 != 0) {
            cells.put("full_name", "Person Ñumber " + i);
        }
        cells.put("birth_date", i % 2 == 0 ? "1990-05-" + (10 + i % 18) : (10 + i % 18) + "-05-1990");
        cells.put("sex", i % 2 == 0 ? "L" : "P");
        if (i % 5 != 0) {
            cells.put("phone", "08123456" + (1000 + i));
        }
        cells.put("regency_code", "3171");
        cells.put("updated_at", i % 4 == 0 ? "" : "2021-05-" + (10 + i % 18) + " 10:15:00");
        return cells;
    }

    /** The row as intake built it before, for Jackson. */
    private static SampleRow sampleRow(long line, TokenisedRow tokenised) {
        Map<String, String> fieldTokens = new HashMap<>();
        tokenised.fieldTokens().forEach((field, token) -> fieldTokens.put(field.column(), token.base64Url()));
        return new SampleRow(
                line,
                tokenised.nikToken().base64Url(),
                fieldTokens,
                tokenised
                        .nameBloomBytes()
                        .map(Base64.getUrlEncoder().withoutPadding()::encodeToString)
                        .orElse(null),
                tokenised.updatedAt());
    }

    /** Jackson's JSON of a row again, its field tokens put in canonical order (and nothing else changed). */
    private static byte[] inCanonicalOrder(byte[] jackson) throws Exception {
        ObjectNode row = (ObjectNode) JSON.readTree(jackson);
        JsonNode tokens = row.get("fieldTokens");
        ObjectNode ordered = JSON.createObjectNode();
        for (CanonicalField field : CanonicalField.values()) {
            if (tokens.has(field.column())) {
                ordered.set(field.column(), tokens.get(field.column()));
            }
        }
        assertThat(ordered.size()).isEqualTo(tokens.size());
        row.set("fieldTokens", ordered);
        return JSON.writeValueAsBytes(row);
    }
}
