package io.leakwatch.bench.verification;

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
import io.leakwatch.platform.privacy.CanonicalField;
import io.leakwatch.platform.privacy.FieldNormaliser;
import io.leakwatch.platform.privacy.NameBloomEncoder;
import io.leakwatch.platform.privacy.RowTokeniser;
import io.leakwatch.platform.privacy.Token;
import io.leakwatch.platform.privacy.TokenisedRow;
import io.leakwatch.platform.privacy.Tokeniser;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ForkJoinPool;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Matching's verification computation in process (the {@link RegistryIndex}, {@link ChunkMatcher} over the sample's
 * chunks, {@link ChunkTally#plus} and {@link VerificationCalculator}) against DuckDB answering the same question (the
 * join of the sample's tokens with the registry's, the counts) over the same tokens loaded into DuckDB tables.
 *
 * <p>Both sides start from tokenised rows in memory; neither side's timing includes tokenising. Java matches the chunks
 * on a pool of one thread per core; DuckDB runs with its default (one thread per core).
 *
 * <p>Arguments: {@code dataDir runs}; the directory is GeneratorMain's output (registry.csv, sample.csv).
 */
public final class VerificationBench {

    private static final List<CanonicalField> FIELDS = RegistryIndex.FIELDS;
    private static final int BUCKETS = 12; // intake's default leakwatch.sample.buckets
    private static final int CHUNK_ROWS = 500; // intake's default leakwatch.sample.chunk-rows
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private VerificationBench() {}

    /** One tokenised registry version. */
    private record Version(
            byte[] nik,
            byte[][] fields,
            byte[] bloom,
            String status,
            LocalDate registeredOn,
            LocalDate validFrom,
            String canarySet,
            long order) {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/lwb-data/v1m");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        RowTokeniser tokeniser = new RowTokeniser(Tokeniser.fromBase64(
                System.getenv().getOrDefault("LEAKWATCH_TOKENISATION_KEY", GeneratorMain.DEVELOPMENT_KEY)));

        long t0 = System.nanoTime();
        List<Version> versions = readRegistry(dir.resolve("registry.csv"), tokeniser);
        double registryTokeniseS = (System.nanoTime() - t0) / 1e9;

        List<Double> sortS = new ArrayList<>();
        List<Double> buildS = new ArrayList<>();
        RegistryIndex index = null;
        for (int run = 0; run < Math.min(runs, 3); run++) {
            long b0 = System.nanoTime();
            Version[] sorted = sortLikeTheDatabase(versions);
            long b1 = System.nanoTime();
            index = buildIndex(sorted);
            sortS.add((b1 - b0) / 1e9);
            buildS.add((System.nanoTime() - b1) / 1e9);
        }
        long members = index.size();
        long layoutBytes = members * (Long.BYTES + Integer.BYTES + Token.LENGTH + Short.BYTES)
                + (long) index.versions()
                        * (FIELDS.size() * Long.BYTES
                                + 1
                                + (NameBloomEncoder.DEFAULT_BITS + 7) / 8
                                + 2 * Integer.BYTES
                                + 1);

        SampleData sample = readSample(dir.resolve("sample.csv"), tokeniser);
        System.out.printf(
                Locale.ROOT,
                "DATA members=%d versions=%d sampleRows=%d validRows=%d chunks=%d registryTokeniseS=%.1f%n",
                members,
                index.versions(),
                sample.rows,
                sample.valid.size(),
                sample.chunks.size(),
                registryTokeniseS);

        // DuckDB: the same tokens, loaded once (timed separately).
        long l0 = System.nanoTime();
        Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        loadDuck((DuckDBConnection) duck, versions, sample);
        double duckLoadS = (System.nanoTime() - l0) / 1e9;
        versions = null; // the index and DuckDB hold what is needed

        ForkJoinPool pool = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
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
                    "RESULT run=%d javaS=%.3f duckdbS=%.3f%n",
                    run,
                    javaS.get(run - 1),
                    duckS.get(run - 1));
        }
        pool.shutdown();
        System.out.printf(
                "CHECK java matched=%d notFound=%d duplicates=%d canaryRows=%d fullyAgreeing=%d%n",
                result.matchedRows(),
                result.notFoundRows(),
                result.duplicateRows(),
                result.canaryHits().stream()
                        .mapToLong(VerificationResult.CanaryHit::rows)
                        .sum(),
                result.fullyAgreeingRows());
        System.out.println("CHECK duckdb " + duckCounts);

        double java = Stats.median(javaS);
        double duckdb = Stats.median(duckS);
        System.out.println("MARKDOWN-BEGIN");
        System.out.printf(
                Locale.ROOT,
                "| registry members (versions) | sample rows (valid) | Java verification s | DuckDB query s | ratio"
                        + " DuckDB/Java of medians | median of per-run ratios | runs |%n|---|---|---|---|---|---|---|%n"
                        + "| %,d (%,d) | %,d (%,d) | %.3f | %.3f | **%.2f** | %.2f | %d |%n%n",
                members,
                index.versions(),
                sample.rows,
                sample.valid.size(),
                java,
                duckdb,
                duckdb / java,
                Stats.median(ratios),
                runs);
        System.out.printf(
                Locale.ROOT,
                "Index build (RegistryIndexBuilder over versions already in NIK token order, median): %.2f s; the"
                        + " bench's own sort into that order, which PostgreSQL's ORDER BY does in production: %.2f s."
                        + " Layout %,d bytes, %.0f bytes per member"
                        + " (key index %d bytes per member, RegistryIndex.keyIndexBytesPerMember). Tokenising the"
                        + " registry export (not timed above): %.1f s. Loading the tokens into DuckDB (not timed above):"
                        + " %.1f s.%n%n",
                Stats.median(buildS),
                Stats.median(sortS),
                layoutBytes,
                (double) layoutBytes / members,
                RegistryIndex.keyIndexBytesPerMember(),
                registryTokeniseS,
                duckLoadS);
        System.out.printf(
                "Same answer: Java matched %d, not found %d, duplicates %d, canary rows %d; DuckDB matched %d, not"
                        + " found %d, duplicates %d, canary rows %d. Fully agreeing: Java %d (tokens or Bloom Dice on"
                        + " names), DuckDB %d (equal tokens only).%n",
                result.matchedRows(),
                result.notFoundRows(),
                result.duplicateRows(),
                result.canaryHits().stream()
                        .mapToLong(VerificationResult.CanaryHit::rows)
                        .sum(),
                duckCounts.get("matched"),
                duckCounts.get("not_found"),
                duckCounts.get("duplicates"),
                duckCounts.get("canary_rows"),
                result.fullyAgreeingRows(),
                duckCounts.get("fully_agreeing"));
        System.out.println("MARKDOWN-END");
        duck.close();
    }

    // ---- Java side -------------------------------------------------------------------------------------------

    private static Version[] sortLikeTheDatabase(List<Version> versions) {
        Version[] sorted = versions.toArray(new Version[0]);
        // The order of RegistryIndexHolder's query: NIK token, then valid_from (else registered_on), nulls first.
        Arrays.sort(sorted, (a, b) -> {
            int c = Arrays.compareUnsigned(a.nik, b.nik);
            if (c != 0) {
                return c;
            }
            LocalDate da = a.validFrom != null ? a.validFrom : a.registeredOn;
            LocalDate db = b.validFrom != null ? b.validFrom : b.registeredOn;
            if (da == null || db == null) {
                c = da == null ? (db == null ? 0 : -1) : 1;
            } else {
                c = da.compareTo(db);
            }
            return c != 0 ? c : Long.compare(a.order, b.order);
        });
        return sorted;
    }

    private static RegistryIndex buildIndex(Version[] sorted) {
        RegistryIndexBuilder builder = new RegistryIndexBuilder(1);
        for (Version v : sorted) {
            builder.add(v.nik, v.fields, v.bloom, v.status, v.registeredOn, v.validFrom, v.canarySet);
        }
        return builder.build();
    }

    private static final class SampleData {
        long rows;
        long invalid;
        List<String> header;
        final List<SampleRow> valid = new ArrayList<>();
        final List<List<SampleRow>> chunks = new ArrayList<>();
    }

    /** The chunks as intake cuts them: rows bucketed by NIK token index key, a chunk per CHUNK_ROWS of a bucket. */
    private static SampleData readSample(Path file, RowTokeniser tokeniser) throws Exception {
        SampleData data = new SampleData();
        List<List<SampleRow>> buckets = new ArrayList<>();
        for (int b = 0; b < BUCKETS; b++) {
            buckets.add(new ArrayList<>());
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVFormat.DEFAULT
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get()
                        .parse(reader)) {
            data.header = parser.getHeaderNames();
            for (CSVRecord record : parser) {
                data.rows++;
                TokenisedRow row = tokeniser.tokenise(record.toMap());
                if (!row.nikValid()) {
                    data.invalid++;
                    continue;
                }
                Map<String, String> fieldTokens = new TreeMap<>();
                row.fieldTokens().forEach((field, token) -> fieldTokens.put(field.column(), token.base64Url()));
                SampleRow sampleRow = new SampleRow(
                        record.getRecordNumber() + 1,
                        row.nikToken().base64Url(),
                        fieldTokens,
                        row.nameBloomBytes().map(B64::encodeToString).orElse(null),
                        row.updatedAt());
                data.valid.add(sampleRow);
                List<SampleRow> bucket =
                        buckets.get((int) Math.floorMod(row.nikToken().indexKey(), (long) BUCKETS));
                bucket.add(sampleRow);
                if (bucket.size() == CHUNK_ROWS) {
                    data.chunks.add(List.copyOf(bucket));
                    bucket.clear();
                }
            }
        }
        for (List<SampleRow> bucket : buckets) {
            if (!bucket.isEmpty()) {
                data.chunks.add(List.copyOf(bucket));
            }
        }
        return data;
    }

    /** Which chunk holds each NIK's first occurrence (matching keeps these facts in its database), then tally. */
    private static VerificationResult verify(RegistryIndex index, SampleData sample, ForkJoinPool pool)
            throws Exception {
        Set<String> seen = new HashSet<>();
        List<Set<String>> firsts = new ArrayList<>();
        for (List<SampleRow> chunk : sample.chunks) {
            Set<String> first = new HashSet<>();
            for (SampleRow row : chunk) {
                if (seen.add(row.nikToken())) {
                    first.add(row.nikToken());
                }
            }
            firsts.add(first);
        }
        ChunkTally total = pool.submit(() -> java.util.stream.IntStream.range(0, sample.chunks.size())
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

    private static List<Version> readRegistry(Path file, RowTokeniser tokeniser) throws Exception {
        List<Version> versions = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVFormat.DEFAULT
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get()
                        .parse(reader)) {
            long order = 0;
            for (CSVRecord record : parser) {
                Map<String, String> row = new HashMap<>(record.toMap());
                TokenisedRow tokens = tokeniser.tokenise(row);
                if (!tokens.nikValid()) {
                    continue;
                }
                byte[][] fields = new byte[FIELDS.size()][];
                for (int slot = 0; slot < FIELDS.size(); slot++) {
                    fields[slot] =
                            tokens.token(FIELDS.get(slot)).map(Token::bytes).orElse(null);
                }
                String canary = row.get("canary_set");
                versions.add(new Version(
                        tokens.nikToken().bytes(),
                        fields,
                        tokens.nameBloomBytes().orElse(null),
                        row.get("status").strip().toUpperCase(Locale.ROOT),
                        FieldNormaliser.date(row.get("registered_on")).orElse(null),
                        FieldNormaliser.date(row.get("valid_from")).orElse(null),
                        canary == null || canary.isBlank() ? null : canary.strip(),
                        order++));
            }
        }
        return versions;
    }

    // ---- DuckDB side -----------------------------------------------------------------------------------------

    private static final String[] COLS = {"card_no", "full_name", "birth_date", "sex", "phone", "regency_code"};

    private static void loadDuck(DuckDBConnection duck, List<Version> versions, SampleData sample) throws Exception {
        String fieldCols = String.join(" BIGINT, ", COLS) + " BIGINT";
        try (Statement s = duck.createStatement()) {
            s.execute("CREATE TABLE registry (nik VARCHAR, " + fieldCols + ", status VARCHAR, canary_set VARCHAR)");
            s.execute("CREATE TABLE sample (line BIGINT, nik VARCHAR, " + fieldCols + ")");
        }
        try (DuckDBAppender app = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "registry")) {
            for (Version v : versions) {
                app.beginRow();
                app.append(B64.encodeToString(v.nik));
                for (byte[] field : v.fields) {
                    if (field == null) {
                        app.appendNull();
                    } else {
                        app.append(Token.of(field).indexKey());
                    }
                }
                app.append(v.status);
                if (v.canarySet == null) {
                    app.appendNull();
                } else {
                    app.append(v.canarySet);
                }
                app.endRow();
            }
        }
        try (DuckDBAppender app = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "sample")) {
            for (SampleRow row : sample.valid) {
                app.beginRow();
                app.append(row.line());
                app.append(row.nikToken());
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
    private static Map<String, Long> duckQuery(Connection duck) throws Exception {
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
                "WITH firsts AS (SELECT * FROM sample QUALIFY row_number() OVER (PARTITION BY nik ORDER BY line) = 1),"
                        + " members AS (SELECT nik, any_value(canary_set) AS canary_set FROM registry GROUP BY nik),"
                        + " classified AS (SELECT f.*, m.nik IS NOT NULL AS found, m.canary_set FROM firsts f"
                        + " LEFT JOIN members m ON m.nik = f.nik),"
                        + " agreement AS (SELECT f.line" + fieldAgree + ", bool_or(" + allAgree + ") AS fully"
                        + " FROM classified f JOIN registry r ON r.nik = f.nik WHERE f.found AND f.canary_set IS NULL"
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
