package io.leakwatch.matching.synthetic;

import io.leakwatch.contracts.incident.SampleSubmitted;
import io.leakwatch.contracts.sample.SampleChunk;
import io.leakwatch.contracts.sample.SampleRow;
import io.leakwatch.matching.domain.ChunkTally;
import io.leakwatch.matching.domain.ShareSnapshot;
import io.leakwatch.matching.registry.ChunkMatcher;
import io.leakwatch.matching.registry.RegistryIndex;
import io.leakwatch.matching.registry.RegistryIndexBuilder;
import io.leakwatch.matching.synthetic.SyntheticRegistry.Member;
import io.leakwatch.matching.synthetic.SyntheticRegistry.Version;
import io.leakwatch.platform.privacy.CanonicalField;
import io.leakwatch.platform.privacy.RowTokeniser;
import io.leakwatch.platform.privacy.Token;
import io.leakwatch.platform.privacy.TokenisedRow;
import io.leakwatch.platform.privacy.Tokeniser;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the other side does, for tests: tokenises a synthetic registry into an index (as the import and the index
 * build do) and a synthetic sample into chunks (as intake does: valid rows only, bucketed by NIK token).
 */
public final class SyntheticPipeline {

    public static final Tokeniser TOKENISER = Tokeniser.fromBase64(GeneratorMain.DEVELOPMENT_KEY);
    public static final RowTokeniser ROWS = new RowTokeniser(TOKENISER);

    private SyntheticPipeline() {}

    public static List<ShareSnapshot> shares() {
        return GeneratorMain.SHARES.stream()
                .map(s -> new ShareSnapshot(s.name(), s.columns(), s.canarySet()))
                .toList();
    }

    /** The index the service would build from this registry's import. */
    public static RegistryIndex index(SyntheticRegistry registry, long generation) {
        record Entry(byte[] nik, TokenisedRow row, Version version, int order) {}
        List<Entry> entries = new ArrayList<>();
        int order = 0;
        for (Member member : registry.members()) {
            for (Version v : member.versions()) {
                Map<String, String> cells = new HashMap<>();
                cells.put("nik", v.nik());
                cells.put("card_no", v.cardNo());
                cells.put("full_name", v.fullName());
                cells.put("birth_date", v.birthDate().toString());
                cells.put("sex", v.sex());
                cells.put("phone", v.phone());
                cells.put("regency_code", v.regencyCode());
                TokenisedRow row = ROWS.tokenise(cells);
                entries.add(new Entry(row.nikToken().bytes(), row, v, order++));
            }
        }
        entries.sort(Comparator.<Entry, byte[]>comparing(Entry::nik, Arrays::compareUnsigned)
                .thenComparing(e -> e.version().effectiveFrom(), Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparingInt(Entry::order));
        RegistryIndexBuilder builder = new RegistryIndexBuilder(generation);
        for (Entry e : entries) {
            byte[][] fields = new byte[RegistryIndex.FIELDS.size()][];
            for (int slot = 0; slot < fields.length; slot++) {
                fields[slot] = e.row()
                        .token(RegistryIndex.FIELDS.get(slot))
                        .map(Token::bytes)
                        .orElse(null);
            }
            builder.add(
                    e.nik(),
                    fields,
                    e.row().nameBloomBytes().orElse(null),
                    e.version().status(),
                    e.version().registeredOn(),
                    e.version().validFrom(),
                    e.version().canarySet());
        }
        return builder.build();
    }

    /** A tokenised sample: its chunks and the submission intake would record. */
    public record Tokenised(List<SampleChunk> chunks, SampleSubmitted submitted) {}

    public static Tokenised tokenise(
            SyntheticSample sample, String incidentId, String sampleId, int buckets, int chunkSize) {
        Map<Integer, List<SampleRow>> byBucket = new LinkedHashMap<>();
        long line = 1;
        long invalid = 0;
        for (SyntheticSample.Row row : sample.rows()) {
            line++;
            TokenisedRow tokens = ROWS.tokenise(row.canonical());
            if (!tokens.nikValid()) {
                invalid++;
                continue;
            }
            Map<String, String> fields = tokens.fieldTokens().entrySet().stream()
                    .collect(Collectors.toMap(
                            e -> e.getKey().column(), e -> e.getValue().base64Url()));
            SampleRow sampleRow = new SampleRow(
                    line,
                    tokens.nikToken().base64Url(),
                    fields,
                    tokens.nameBloomBytes()
                            .map(b -> Base64.getUrlEncoder().withoutPadding().encodeToString(b))
                            .orElse(null),
                    tokens.updatedAt());
            int bucket = Math.floorMod(tokens.nikToken().indexKey(), buckets);
            byBucket.computeIfAbsent(bucket, b -> new ArrayList<>()).add(sampleRow);
        }
        List<SampleChunk> chunks = new ArrayList<>();
        for (var entry : byBucket.entrySet()) {
            List<SampleRow> rows = entry.getValue();
            for (int from = 0; from < rows.size(); from += chunkSize) {
                chunks.add(new SampleChunk(
                        incidentId,
                        sampleId,
                        chunks.size(),
                        entry.getKey(),
                        rows.subList(from, Math.min(rows.size(), from + chunkSize))));
            }
        }
        List<String> unmapped = sample.header().stream()
                .filter(h -> sample.header() == SyntheticSample.DUMP_2021
                        && !SyntheticSample.DUMP_2021_MAPPING.containsValue(h))
                .toList();
        SampleSubmitted submitted = new SampleSubmitted(
                incidentId,
                sampleId,
                "0".repeat(64),
                sample.toCsv().length(),
                sample.rows().size(),
                invalid,
                chunks.size(),
                sample.header(),
                sample.mappedColumns(),
                unmapped,
                TOKENISER.keyId(),
                Instant.parse("2021-05-21T08:00:00Z"));
        return new Tokenised(chunks, submitted);
    }

    /**
     * Tallies chunks in the given order as the consumers would: the first chunk to claim a NIK token keeps it
     * ({@code SampleClaims}' part), the rest of its rows are repeats.
     */
    public static List<ChunkTally> tally(List<SampleChunk> chunks, RegistryIndex index) {
        Map<String, Integer> claimed = new HashMap<>();
        List<ChunkTally> tallies = new ArrayList<>();
        for (SampleChunk chunk : chunks) {
            Set<String> first = chunk.rows().stream()
                    .map(SampleRow::nikToken)
                    .filter(t -> claimed.computeIfAbsent(t, x -> chunk.chunkNumber()) == chunk.chunkNumber())
                    .collect(Collectors.toSet());
            tallies.add(ChunkMatcher.tally(chunk.rows(), first, index));
        }
        return tallies;
    }

    static LocalDate date(String iso) {
        return LocalDate.parse(iso);
    }

    static CanonicalField field(String column) {
        return CanonicalField.byColumn(column).orElseThrow();
    }
}
