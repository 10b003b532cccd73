package io.leakwatch.bench.verification;

import io.leakwatch.matching.registry.RegistryIndex;
import io.leakwatch.platform.privacy.CanonicalField;
import io.leakwatch.platform.privacy.FieldNormaliser;
import io.leakwatch.platform.privacy.RowTokeniser;
import io.leakwatch.platform.privacy.Token;
import io.leakwatch.platform.privacy.TokenisedRow;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The generator's CSV files tokenised once and cached beside them as fixed-width binary records, so that a run at ten
 * million members does not spend its time in HMACs: tokenising the registry export takes ~70 s a million versions on one
 * thread. Tokenised on one thread per core (the CSV is parsed on the calling thread and handed out in batches, whose
 * results are written back in file order). The registry's records are written sorted as RegistryIndexHolder's query
 * returns them (NIK token, then {@code COALESCE(valid_from, registered_on)} nulls first, then file order).
 *
 * <p>Registry record: NIK token (32), presence (bit per {@link RegistryIndex#FIELDS} slot, bit 6 the name filter),
 * each field's first 8 token bytes (all the index keeps), the name filter (125), status, registered_on and valid_from
 * as epoch days ({@link RegistryIndex#UNKNOWN_DATE} when empty), canary set (-1 or its number in {@code canaries}).
 * Sample record (valid rows only): line, NIK token, presence, the six field tokens whole (the bench rebuilds the
 * base64url {@code SampleRow}s from them, as intake sends them), the name filter, updated_at.
 */
final class TokenisedData {

    static final int SLOTS = RegistryIndex.FIELDS.size();
    static final int BLOOM = 125;
    static final int REGISTRY_RECORD = Token.LENGTH + 1 + SLOTS * Long.BYTES + BLOOM + 1 + 4 + 4 + 2;
    static final int SAMPLE_RECORD = Long.BYTES + Token.LENGTH + 1 + SLOTS * Token.LENGTH + BLOOM + 4;
    static final List<String> STATUSES = List.of("ACTIVE", "INACTIVE", "DECEASED");
    private static final int BATCH = 20_000;

    private TokenisedData() {}

    /** Creates {@code registry.tok}, {@code sample.tok} and {@code sample.meta} unless they exist; returns seconds. */
    static double prepare(Path dir, RowTokeniser tokeniser, int threads) throws Exception {
        if (Files.exists(dir.resolve("sample.meta"))) {
            return 0;
        }
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<String> canaries = new ArrayList<>();
            Path unsorted = dir.resolve("registry.unsorted");
            long versions;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(unsorted), 1 << 20)) {
                versions = tokenise(
                        dir.resolve("registry.csv"), pool, out, row -> registryRecord(row, tokeniser, canaries))[0];
            }
            sortRegistry(unsorted, dir.resolve("registry.tok"), versions);
            Files.delete(unsorted);
            Files.writeString(dir.resolve("canaries.txt"), String.join("\n", canaries) + "\n");
            long[] counts;
            List<String> header;
            Path sampleTmp = dir.resolve("sample.tok.tmp");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(sampleTmp), 1 << 20)) {
                counts = tokenise(dir.resolve("sample.csv"), pool, out, row -> sampleRecord(row, tokeniser));
            }
            try (Reader reader = Files.newBufferedReader(dir.resolve("sample.csv"), StandardCharsets.UTF_8);
                    CSVParser parser = csv(reader)) {
                header = parser.getHeaderNames();
            }
            Files.move(sampleTmp, dir.resolve("sample.tok"), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(
                    dir.resolve("sample.meta"),
                    counts[1] + "\n" + (counts[1] - counts[0]) + "\n" + String.join(",", header) + "\n");
        } finally {
            pool.shutdown();
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Writes each row's record (null: skipped) in file order; returns {records written, rows read}. */
    private static long[] tokenise(Path csvFile, ExecutorService pool, OutputStream out, Function<Row, byte[]> record)
            throws Exception {
        long written = 0;
        long read = 0;
        List<Future<List<byte[]>>> pending = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(csvFile, StandardCharsets.UTF_8);
                CSVParser parser = csv(reader)) {
            List<Row> batch = new ArrayList<>(BATCH);
            for (CSVRecord csvRecord : parser) {
                read++;
                batch.add(new Row(csvRecord.getRecordNumber() + 1, csvRecord.toMap(), read - 1));
                if (batch.size() == BATCH) {
                    written += submit(batch, pool, pending, out, record, false);
                    batch = new ArrayList<>(BATCH);
                }
            }
            written += submit(batch, pool, pending, out, record, true);
        }
        return new long[] {written, read};
    }

    private static long submit(
            List<Row> batch,
            ExecutorService pool,
            List<Future<List<byte[]>>> pending,
            OutputStream out,
            Function<Row, byte[]> record,
            boolean last)
            throws Exception {
        List<Row> rows = batch;
        pending.add(pool.submit(() -> {
            List<byte[]> records = new ArrayList<>(rows.size());
            for (Row row : rows) {
                byte[] r = record.apply(row);
                if (r != null) {
                    records.add(r);
                }
            }
            return records;
        }));
        long written = 0;
        // Keep a few batches in flight per thread; write finished ones in order.
        while (!pending.isEmpty() && (last || pending.size() > 8)) {
            for (byte[] r : pending.remove(0).get()) {
                out.write(r);
                written++;
            }
        }
        return written;
    }

    record Row(long line, Map<String, String> cells, long order) {}

    private static byte[] registryRecord(Row row, RowTokeniser tokeniser, List<String> canaries) {
        Map<String, String> cells = new HashMap<>(row.cells());
        TokenisedRow tokens = tokeniser.tokenise(cells);
        if (!tokens.nikValid()) {
            return null;
        }
        ByteBuffer b = ByteBuffer.allocate(REGISTRY_RECORD);
        b.put(tokens.nikToken().bytes());
        int presence = 0;
        long[] keys = new long[SLOTS];
        for (int slot = 0; slot < SLOTS; slot++) {
            var token = tokens.token(RegistryIndex.FIELDS.get(slot));
            if (token.isPresent()) {
                presence |= 1 << slot;
                keys[slot] = token.get().indexKey();
            }
        }
        byte[] bloom = tokens.nameBloomBytes().orElse(null);
        b.put((byte) (presence | (bloom != null ? 1 << SLOTS : 0)));
        for (long key : keys) {
            b.putLong(key);
        }
        b.put(bloom != null ? bloom : new byte[BLOOM]);
        b.put((byte) STATUSES.indexOf(cells.get("status").strip().toUpperCase(Locale.ROOT)));
        b.putInt(epochDay(FieldNormaliser.date(cells.get("registered_on")).orElse(null)));
        b.putInt(epochDay(FieldNormaliser.date(cells.get("valid_from")).orElse(null)));
        String canary = cells.get("canary_set");
        short set = -1;
        if (canary != null && !canary.isBlank()) {
            synchronized (canaries) {
                if (!canaries.contains(canary.strip())) {
                    canaries.add(canary.strip());
                }
                set = (short) canaries.indexOf(canary.strip());
            }
        }
        b.putShort(set);
        return b.array();
    }

    private static byte[] sampleRecord(Row row, RowTokeniser tokeniser) {
        TokenisedRow tokens = tokeniser.tokenise(row.cells());
        if (!tokens.nikValid()) {
            return null;
        }
        ByteBuffer b = ByteBuffer.allocate(SAMPLE_RECORD);
        b.putLong(row.line());
        b.put(tokens.nikToken().bytes());
        int presence = 0;
        byte[][] fields = new byte[SLOTS][];
        for (int slot = 0; slot < SLOTS; slot++) {
            CanonicalField field = RegistryIndex.FIELDS.get(slot);
            var token = tokens.token(field);
            if (token.isPresent()) {
                presence |= 1 << slot;
                fields[slot] = token.get().bytes();
            }
        }
        byte[] bloom = tokens.nameBloomBytes().orElse(null);
        b.put((byte) (presence | (bloom != null ? 1 << SLOTS : 0)));
        for (byte[] field : fields) {
            b.put(field != null ? field : new byte[Token.LENGTH]);
        }
        b.put(bloom != null ? bloom : new byte[BLOOM]);
        b.putInt(epochDay(tokens.updatedAt()));
        return b.array();
    }

    static int epochDay(LocalDate date) {
        return date == null ? RegistryIndex.UNKNOWN_DATE : (int) date.toEpochDay();
    }

    /** Sorts the records as the database's ORDER BY does, reading them through memory maps (no heap copy). */
    private static void sortRegistry(Path unsorted, Path sorted, long records) throws IOException {
        try (FileChannel in = FileChannel.open(unsorted, StandardOpenOption.READ)) {
            int perSegment = (1 << 30) / REGISTRY_RECORD;
            List<MappedByteBuffer> segments = new ArrayList<>();
            for (long start = 0; start < records; start += perSegment) {
                long count = Math.min(perSegment, records - start);
                segments.add(in.map(FileChannel.MapMode.READ_ONLY, start * REGISTRY_RECORD, count * REGISTRY_RECORD));
            }
            int n = Math.toIntExact(records);
            long[] high = new long[n];
            long[] low = new long[n];
            int[] effective = new int[n];
            for (int i = 0; i < n; i++) {
                ByteBuffer s = segments.get(i / perSegment);
                int at = (i % perSegment) * REGISTRY_RECORD;
                high[i] = s.getLong(at);
                low[i] = s.getLong(at + 8);
                int registered = s.getInt(at + REGISTRY_RECORD - 10);
                int validFrom = s.getInt(at + REGISTRY_RECORD - 6);
                effective[i] = validFrom != RegistryIndex.UNKNOWN_DATE ? validFrom : registered;
            }
            Integer[] order = new Integer[n];
            Arrays.setAll(order, i -> i);
            Arrays.sort(order, (a, b) -> {
                int c = Long.compareUnsigned(high[a], high[b]);
                if (c == 0) {
                    c = Long.compareUnsigned(low[a], low[b]);
                }
                if (c == 0) {
                    c = Arrays.compareUnsigned(token(segments, perSegment, a), token(segments, perSegment, b));
                }
                if (c == 0) {
                    c = Integer.compare(effective[a], effective[b]); // UNKNOWN_DATE is the smallest: nulls first
                }
                return c != 0 ? c : Integer.compare(a, b);
            });
            try (DataOutputStream out =
                    new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(sorted), 1 << 20))) {
                out.writeLong(records);
                byte[] record = new byte[REGISTRY_RECORD];
                for (int i : order) {
                    segments.get(i / perSegment).get((i % perSegment) * REGISTRY_RECORD, record);
                    out.write(record);
                }
            }
        }
    }

    private static byte[] token(List<MappedByteBuffer> segments, int perSegment, int i) {
        byte[] token = new byte[Token.LENGTH];
        segments.get(i / perSegment).get((i % perSegment) * REGISTRY_RECORD, token);
        return token;
    }

    static CSVParser csv(Reader reader) throws IOException {
        return CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(reader);
    }
}
