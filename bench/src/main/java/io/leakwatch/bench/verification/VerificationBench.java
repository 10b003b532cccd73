package io.leakwatch.bench.verification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leakwatch.bench.BenchLogging;
import io.leakwatch.bench.Stats;
import io.leakwatch.contracts.sample.SampleRow;
import io.leakwatch.contracts.verification.VerificationResult;
import io.leakwatch.matching.domain.ChunkTally;
import io.leakwatch.matching.domain.ShareSnapshot;
import io.leakwatch.matching.domain.VerificationCalculator;
import io.leakwatch.matching.registry.ChunkMatcher;
import io.leakwatch.matching.registry.RegistryIndex;
import io.leakwatch.matching.registry.RegistryIndexBuilder;
import io.leakwatch.matching.synthetic.GeneratorMain;
import io.leakwatch.platform.axon.AxonJson;
import io.leakwatch.platform.privacy.RowTokeniser;
import io.leakwatch.platform.privacy.Token;
import io.leakwatch.platform.privacy.Tokeniser;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Matching's verification computation in process (the {@link RegistryIndex}, {@link ChunkMatcher} over the sample's
 * chunks, {@link ChunkTally#plus} and {@link VerificationCalculator}) against DuckDB answering the same question (the
 * join of the sample's tokens with the registry's, the counts) over the same tokens loaded into DuckDB tables.
 *
 * <p>Both sides start from tokenised rows ({@link TokenisedData}, cached beside the generator's files); neither
 * side's timing includes tokenising. Java matches the chunks on a pool of one thread per core; DuckDB runs with its
 * default (one thread per core). Java's result is also checked against the generator's {@code truth.json}.
 *
 * <p>Arguments: {@code dataDir runs [java-only]}. With {@code java-only} the run builds the index, verifies three
 * times and reports the process's peak memory without DuckDB in it (DuckDB's memory is in the same process otherwise).
 */
public final class VerificationBench {

    private static final int SLOTS = TokenisedData.SLOTS;
    private static final int BUCKETS = 12; // intake's default leakwatch.sample.buckets
    private static final int CHUNK_ROWS = 500; // intake's default leakwatch.sample.chunk-rows
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private VerificationBench() {}

    public static void main(String[] args) throws Exception {
        BenchLogging.infoToStderr();
        Path dir = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        boolean javaOnly = args.length > 2 && args[2].equals("java-only");
        int threads = Runtime.getRuntime().availableProcessors();
        RowTokeniser tokeniser = new RowTokeniser(Tokeniser.fromBase64(
                System.getenv().getOrDefault("LEAKWATCH_TOKENISATION_KEY", GeneratorMain.DEVELOPMENT_KEY)));
        double tokeniseS = TokenisedData.prepare(dir, tokeniser, threads);
        List<String> canaries = Files.readAllLines(dir.resolve("canaries.txt")).stream()
                .filter(line -> !line.isBlank())
                .toList();

        List<Double> buildS = new ArrayList<>();
        RegistryIndex index = null;
        for (int run = 0; run < (javaOnly ? 1 : 3); run++) {
            index = null; // the previous build is garbage before the next starts, as in the service
            long b0 = System.nanoTime();
            index = buildIndex(dir.resolve("registry.tok"), canaries);
            buildS.add((System.nanoTime() - b0) / 1e9);
        }
        SampleData sample = readSample(dir);
        ForkJoinPool pool = new ForkJoinPool(threads);
        System.out.printf(
                Locale.ROOT,
                "DATA members=%d versions=%d sampleRows=%d validRows=%d chunks=%d tokeniseS=%.1f buildS=%s%n",
                index.size(),
                index.versions(),
                sample.rows,
                sample.valid.size(),
                sample.chunks.size(),
                tokeniseS,
                buildS);
        if (javaOnly) {
            List<Double> javaS = new ArrayList<>();
            VerificationResult result = null;
            for (int run = 0; run < 3; run++) {
                long s0 = System.nanoTime();
                result = verify(index, sample, pool);
                javaS.add((System.nanoTime() - s0) / 1e9);
            }
            check(dir, result);
            System.gc();
            long heapLive =
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            System.out.printf(
                    Locale.ROOT,
                    "MEMORY members=%d versions=%d javaS=%.3f buildS=%.2f peakRssMiB=%d peakHeapMiB=%d"
                            + " heapLiveMiB=%d layoutBytes=%d keyIndexBytes=%d widths=%s%n",
                    index.size(),
                    index.versions(),
                    Stats.median(javaS),
                    buildS.get(0),
                    peakRssKiB() / 1024,
                    peakHeapBytes() >> 20,
                    heapLive >> 20,
                    index.layoutBytes(),
                    index.keyIndexBytes(),
                    index.columnWidths());
            pool.shutdown();
            return;
        }

        long l0 = System.nanoTime();
        Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        loadDuck((DuckDBConnection) duck, dir.resolve("registry.tok"), canaries, sample);
        double duckLoadS = (System.nanoTime() - l0) / 1e9;

        List<Double> javaS = new ArrayList<>();
        List<Double> duckS = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        VerificationResult result = null;
        Map<String, Long> duckCounts = null;
        // One warm-up of each, then the runs, alternating which goes first.
        verify(index, sample, pool);
        duckQuery(duck);
        for (int run = 1; run <= runs; run++) {
            for (int side = 0; side < 2; side++) {
                boolean javaSide = (side == 0) == (run % 2 == 1);
                long s0 = System.nanoTime();
                if (javaSide) {
                    result = verify(index, sample, pool);
                    javaS.add((System.nanoTime() - s0) / 1e9);
                } else {
                    duckCounts = duckQuery(duck);
                    duckS.add((System.nanoTime() - s0) / 1e9);
                }
            }
            ratios.add(duckS.get(run - 1) / javaS.get(run - 1));
            System.out.printf(
                    Locale.ROOT,
                    "RESULT run=%d javaS=%.3f duckdbS=%.3f load=%s%n",
                    run,
                    javaS.get(run - 1),
                    duckS.get(run - 1),
                    loadAverage());
        }
        pool.shutdown();
        String truth = check(dir, result);
        long canaryRows = result.canaryHits().stream()
                .mapToLong(VerificationResult.CanaryHit::rows)
                .sum();
        boolean same = sameCounts(AxonJson.mapper().valueToTree(result), duckCounts);
        double java = Stats.median(javaS);
        double duckdb = Stats.median(duckS);
        System.out.printf(
                Locale.ROOT,
                "ROW | %,d (%,d) | %,d (%,d) | %.3f | %.3f | **%.2f** | %.2f | %d | %.2f | %.1f | %.1f | %s |%n",
                index.size(),
                index.versions(),
                sample.rows,
                sample.valid.size(),
                java,
                duckdb,
                duckdb / java,
                Stats.median(ratios),
                runs,
                Stats.median(buildS),
                (double) index.layoutBytes() / index.size(),
                (double) index.keyIndexBytes() / index.size(),
                same ? "yes" : "**no**");
        System.out.printf(
                Locale.ROOT,
                "NOTE %,d members: Java matched %d, not found %d, duplicates %d, canary rows %d, fully agreeing %d (%s);"
                        + " DuckDB matched %d, not found %d, duplicates %d, canary rows %d, fully agreeing %d (equal"
                        + " tokens only). Tokenising (cached, 0 when reused): %.1f s; loading DuckDB: %.1f s."
                        + " Columns: %s.%n",
                index.size(),
                result.matchedRows(),
                result.notFoundRows(),
                result.duplicateRows(),
                canaryRows,
                result.fullyAgreeingRows(),
                truth,
                duckCounts.get("matched"),
                duckCounts.get("not_found"),
                duckCounts.get("duplicates"),
                duckCounts.get("canary_rows"),
                duckCounts.get("fully_agreeing"),
                tokeniseS,
                duckLoadS,
                index.columnWidths());
        duck.close();
    }

    static String loadAverage() throws Exception {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    /** Java's result against the generator's ground truth: the counts and the verdict must be equal. */
    private static String check(Path dir, VerificationResult result) throws Exception {
        return check(dir, AxonJson.mapper().valueToTree(result), "Java's result");
    }

    /** A result (DESIGN.md's field names) against the generator's ground truth: counts and verdict equal, or it throws. */
    static String check(Path dir, JsonNode result, String whose) throws Exception {
        JsonNode truth = new ObjectMapper().readTree(dir.resolve("truth.json").toFile());
        for (String field : List.of(
                "matchedRows", "notFoundRows", "duplicateRows", "fullyAgreeingRows", "deceasedRows", "verdict")) {
            if (!truth.path(field).asText().equals(result.path(field).asText())) {
                throw new IllegalStateException(whose + " differs from truth.json in " + field + ": " + result);
            }
        }
        return "equal to the generator's truth.json";
    }

    /** The counts DuckDB answers (duplicates, matched, not found, canary rows) equal to the result's. */
    static boolean sameCounts(JsonNode result, Map<String, Long> duckCounts) {
        long canaryRows = 0;
        for (JsonNode hit : result.path("canaryHits")) {
            canaryRows += hit.path("rows").asLong();
        }
        return result.path("matchedRows").asLong() == duckCounts.get("matched")
                && result.path("notFoundRows").asLong() == duckCounts.get("not_found")
                && result.path("duplicateRows").asLong() == duckCounts.get("duplicates")
                && canaryRows == duckCounts.get("canary_rows");
    }

    private static long peakRssKiB() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static long peakHeapBytes() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    // ---- Java side -------------------------------------------------------------------------------------------

    /** One registry record as the index builder takes it. */
    private static final class RegistryRecord {
        final byte[] raw = new byte[TokenisedData.REGISTRY_RECORD];
        final byte[] nik = new byte[Token.LENGTH];
        final byte[][] fields = new byte[SLOTS][];
        final byte[][] fieldBuffers = new byte[SLOTS][Token.LENGTH];
        final byte[] bloom = new byte[TokenisedData.BLOOM];
        boolean hasBloom;
        String status;
        LocalDate registeredOn;
        LocalDate validFrom;
        String canarySet;

        /** The index keeps only a field token's first 8 bytes: the rest of each buffer stays zero. */
        void read(List<String> canaries) {
            ByteBuffer b = ByteBuffer.wrap(raw);
            b.get(nik);
            int presence = b.get();
            for (int slot = 0; slot < SLOTS; slot++) {
                long key = b.getLong();
                fields[slot] = (presence & (1 << slot)) != 0 ? fieldBuffers[slot] : null;
                ByteBuffer.wrap(fieldBuffers[slot]).putLong(key);
            }
            b.get(bloom);
            hasBloom = (presence & (1 << SLOTS)) != 0;
            status = TokenisedData.STATUSES.get(b.get());
            registeredOn = date(b.getInt());
            validFrom = date(b.getInt());
            short canary = b.getShort();
            canarySet = canary < 0 ? null : canaries.get(canary);
        }
    }

    /** RegistryIndexBuilder fed from the sorted records, as RegistryIndexHolder feeds it from PostgreSQL's rows. */
    private static RegistryIndex buildIndex(Path file, List<String> canaries) throws Exception {
        RegistryIndexBuilder builder = new RegistryIndexBuilder(1);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
            long records = in.readLong();
            RegistryRecord r = new RegistryRecord();
            for (long i = 0; i < records; i++) {
                in.readFully(r.raw);
                r.read(canaries);
                builder.add(
                        r.nik.clone(),
                        r.fields,
                        r.hasBloom ? r.bloom : null,
                        r.status,
                        r.registeredOn,
                        r.validFrom,
                        r.canarySet);
            }
        }
        return builder.build();
    }

    private static LocalDate date(int epochDay) {
        return epochDay == RegistryIndex.UNKNOWN_DATE ? null : LocalDate.ofEpochDay(epochDay);
    }

    static final class SampleData {
        long rows;
        long invalid;
        List<String> header;
        final List<SampleRow> valid = new ArrayList<>();
        final List<List<SampleRow>> chunks = new ArrayList<>();
        /** Each chunk's bucket: a NIK's rows all fall in its token's bucket. */
        final List<Integer> chunkBuckets = new ArrayList<>();
    }

    /**
     * The valid rows as intake sends them (base64url tokens), cut as intake cuts them: bucketed by NIK token index key,
     * a chunk per CHUNK_ROWS of a bucket.
     */
    static SampleData readSample(Path dir) throws Exception {
        SampleData data = new SampleData();
        List<String> meta = Files.readAllLines(dir.resolve("sample.meta"));
        data.rows = Long.parseLong(meta.get(0));
        data.invalid = Long.parseLong(meta.get(1));
        data.header = List.of(meta.get(2).split(","));
        List<List<SampleRow>> buckets = new ArrayList<>();
        for (int b = 0; b < BUCKETS; b++) {
            buckets.add(new ArrayList<>());
        }
        byte[] raw = new byte[TokenisedData.SAMPLE_RECORD];
        byte[] nik = new byte[Token.LENGTH];
        byte[] field = new byte[Token.LENGTH];
        byte[] bloom = new byte[TokenisedData.BLOOM];
        try (DataInputStream in = new DataInputStream(
                new BufferedInputStream(Files.newInputStream(dir.resolve("sample.tok")), 1 << 20))) {
            while (in.available() > 0) {
                in.readFully(raw);
                ByteBuffer b = ByteBuffer.wrap(raw);
                long line = b.getLong();
                b.get(nik);
                int presence = b.get();
                Map<String, String> fieldTokens = new TreeMap<>();
                for (int slot = 0; slot < SLOTS; slot++) {
                    b.get(field);
                    if ((presence & (1 << slot)) != 0) {
                        fieldTokens.put(RegistryIndex.FIELDS.get(slot).column(), B64.encodeToString(field));
                    }
                }
                b.get(bloom);
                Token nikToken = Token.of(nik);
                SampleRow row = new SampleRow(
                        line,
                        nikToken.base64Url(),
                        fieldTokens,
                        (presence & (1 << SLOTS)) != 0 ? B64.encodeToString(bloom) : null,
                        date(b.getInt()));
                data.valid.add(row);
                int bucketIndex = (int) Math.floorMod(nikToken.indexKey(), (long) BUCKETS);
                List<SampleRow> bucket = buckets.get(bucketIndex);
                bucket.add(row);
                if (bucket.size() == CHUNK_ROWS) {
                    data.chunks.add(List.copyOf(bucket));
                    data.chunkBuckets.add(bucketIndex);
                    bucket.clear();
                }
            }
        }
        for (int b = 0; b < BUCKETS; b++) {
            if (!buckets.get(b).isEmpty()) {
                data.chunks.add(List.copyOf(buckets.get(b)));
                data.chunkBuckets.add(b);
            }
        }
        return data;
    }

    /**
     * Which chunk holds each NIK's first occurrence, then tally. Note: worked out per bucket, the buckets in parallel, as
     * matching claims first occurrences per bucket ({@code SampleClaims}); a NIK's rows all share one bucket. One set
     * over the whole sample on one thread was a fifth of the Java side's time at 3M members.
     */
    private static VerificationResult verify(RegistryIndex index, SampleData sample, ForkJoinPool pool)
            throws Exception {
        List<Set<String>> firsts = new ArrayList<>(Collections.nCopies(sample.chunks.size(), Set.of()));
        Map<Integer, List<Integer>> chunksByBucket = IntStream.range(0, sample.chunks.size())
                .boxed()
                .collect(Collectors.groupingBy(sample.chunkBuckets::get));
        pool.submit(() -> chunksByBucket.values().parallelStream().forEach(chunkNumbers -> {
                    Set<String> seen = new HashSet<>();
                    for (int c : chunkNumbers) { // in chunk order: groupingBy keeps the stream's order
                        Set<String> first = new HashSet<>();
                        for (SampleRow row : sample.chunks.get(c)) {
                            if (seen.add(row.nikToken())) {
                                first.add(row.nikToken());
                            }
                        }
                        firsts.set(c, first);
                    }
                }))
                .get();
        ChunkTally total = pool.submit(() -> IntStream.range(0, sample.chunks.size())
                        .parallel()
                        .mapToObj(i -> ChunkMatcher.tally(sample.chunks.get(i), firsts.get(i), index))
                        .reduce(ChunkTally.EMPTY, ChunkTally::plus))
                .get();
        List<ShareSnapshot> shares = GeneratorMain.SHARES.stream()
                .map(s -> new ShareSnapshot(s.name(), s.columns(), s.canarySet()))
                .toList();
        return VerificationCalculator.result(
                total,
                sample.rows,
                sample.invalid,
                sample.header,
                new HashSet<>(sample.header),
                shares,
                279_000_000L,
                index.registryMembers());
    }

    // ---- DuckDB side -----------------------------------------------------------------------------------------

    private static final String[] COLS = {"card_no", "full_name", "birth_date", "sex", "phone", "regency_code"};

    /**
     * The same tokens as DuckDB's best case: the NIK token's first 16 bytes as two BIGINTs (a join on 128 bits, no
     * string), each field's first 8 bytes as a BIGINT, as the index keeps them.
     */
    static void loadDuck(DuckDBConnection duck, Path registry, List<String> canaries, SampleData sample)
            throws Exception {
        String fieldCols = String.join(" BIGINT, ", COLS) + " BIGINT";
        try (Statement s = duck.createStatement()) {
            s.execute("CREATE TABLE registry (nik_hi BIGINT, nik_lo BIGINT, " + fieldCols
                    + ", status VARCHAR, canary_set VARCHAR)");
            s.execute("CREATE TABLE sample (line BIGINT, nik_hi BIGINT, nik_lo BIGINT, " + fieldCols + ")");
        }
        try (DuckDBAppender app = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "registry");
                DataInputStream in =
                        new DataInputStream(new BufferedInputStream(Files.newInputStream(registry), 1 << 20))) {
            long records = in.readLong();
            RegistryRecord r = new RegistryRecord();
            for (long i = 0; i < records; i++) {
                in.readFully(r.raw);
                r.read(canaries);
                ByteBuffer nik = ByteBuffer.wrap(r.nik);
                app.beginRow();
                app.append(nik.getLong(0));
                app.append(nik.getLong(8));
                for (byte[] field : r.fields) {
                    if (field == null) {
                        app.appendNull();
                    } else {
                        app.append(ByteBuffer.wrap(field).getLong(0));
                    }
                }
                app.append(r.status);
                if (r.canarySet == null) {
                    app.appendNull();
                } else {
                    app.append(r.canarySet);
                }
                app.endRow();
            }
        }
        try (DuckDBAppender app = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "sample")) {
            for (SampleRow row : sample.valid) {
                ByteBuffer nik =
                        ByteBuffer.wrap(Token.ofBase64Url(row.nikToken()).bytes());
                app.beginRow();
                app.append(row.line());
                app.append(nik.getLong(0));
                app.append(nik.getLong(8));
                for (String column : COLS) {
                    String token = row.fieldTokens().get(column);
                    if (token == null) {
                        app.appendNull();
                    } else {
                        app.append(Token.ofBase64Url(token).indexKey());
                    }
                }
                app.endRow();
            }
        }
    }

    /** Duplicates, matched, not found, canary rows, fully agreeing (equal tokens) and per-field agreement. */
    static Map<String, Long> duckQuery(Connection duck) throws Exception {
        StringBuilder fieldAgree = new StringBuilder();
        StringBuilder allAgree = new StringBuilder();
        StringBuilder fieldSums = new StringBuilder();
        for (String c : COLS) {
            fieldAgree
                    .append(", bool_or(r.")
                    .append(c)
                    .append(" = f.")
                    .append(c)
                    .append(") AS ")
                    .append(c);
            allAgree.append(allAgree.isEmpty() ? "" : " AND ")
                    .append("(f.")
                    .append(c)
                    .append(" IS NULL OR r.")
                    .append(c)
                    .append(" = f.")
                    .append(c)
                    .append(")");
            fieldSums
                    .append(", count(*) FILTER (WHERE ")
                    .append(c)
                    .append(") AS agreed_")
                    .append(c);
        }
        String sql =
                "WITH firsts AS (SELECT * FROM sample QUALIFY row_number() OVER (PARTITION BY nik_hi, nik_lo ORDER BY line) = 1),"
                        + " members AS (SELECT nik_hi, nik_lo, any_value(canary_set) AS canary_set FROM registry GROUP BY nik_hi, nik_lo),"
                        + " classified AS (SELECT f.*, m.nik_hi IS NOT NULL AS found, m.canary_set FROM firsts f"
                        + " LEFT JOIN members m ON m.nik_hi = f.nik_hi AND m.nik_lo = f.nik_lo),"
                        + " agreement AS (SELECT f.line" + fieldAgree + ", bool_or(" + allAgree + ") AS fully"
                        + " FROM classified f JOIN registry r ON r.nik_hi = f.nik_hi AND r.nik_lo = f.nik_lo WHERE f.found AND f.canary_set IS NULL"
                        + " GROUP BY f.line)"
                        + " SELECT (SELECT count(*) FROM sample) - (SELECT count(*) FROM firsts) AS duplicates,"
                        + " (SELECT count(*) FROM classified WHERE found AND canary_set IS NULL) AS matched,"
                        + " (SELECT count(*) FROM classified WHERE NOT found) AS not_found,"
                        + " (SELECT count(*) FROM classified WHERE canary_set IS NOT NULL) AS canary_rows,"
                        + " count(*) FILTER (WHERE fully) AS fully_agreeing" + fieldSums
                        + " FROM agreement";
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Statement s = duck.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                counts.put(rs.getMetaData().getColumnName(i), rs.getLong(i));
            }
        }
        return counts;
    }
}
