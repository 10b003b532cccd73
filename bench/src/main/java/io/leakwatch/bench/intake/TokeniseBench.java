package io.leakwatch.bench.intake;

import io.leakwatch.bench.Stats;
import io.leakwatch.contracts.sample.SampleRow;
import io.leakwatch.matching.synthetic.GeneratorMain;
import io.leakwatch.platform.privacy.CanonicalField;
import io.leakwatch.platform.privacy.RowTokeniser;
import io.leakwatch.platform.privacy.TokenisedRow;
import io.leakwatch.platform.privacy.Tokeniser;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToLongFunction;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Rows per second of intake's tokenisation path (each parsed CSV row, canonical names to cells, through
 * {@link RowTokeniser} and into the {@link SampleRow} intake sends, as {@code SampleUploader} does) against a bare
 * HMAC-SHA256 of every non-blank cell of the same fields (NIK and the compared ones), one thread per core each.
 *
 * <p>Arguments: {@code sample.csv runs passes}.
 */
public final class TokeniseBench {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final List<String> FIELDS = List.of(
            CanonicalField.NIK.column(),
            CanonicalField.CARD_NO.column(),
            CanonicalField.FULL_NAME.column(),
            CanonicalField.BIRTH_DATE.column(),
            CanonicalField.SEX.column(),
            CanonicalField.PHONE.column(),
            CanonicalField.REGENCY_CODE.column());

    private TokeniseBench() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "/tmp/lwb-data/v1m/sample.csv");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int passes = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        String key = System.getenv().getOrDefault("LEAKWATCH_TOKENISATION_KEY", GeneratorMain.DEVELOPMENT_KEY);
        Tokeniser tokeniser = Tokeniser.fromBase64(key);
        RowTokeniser rows = new RowTokeniser(tokeniser);
        byte[] rawKey = Base64.getDecoder().decode(key.replace('-', '+').replace('_', '/'));
        ThreadLocal<Mac> macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(rawKey, "HmacSHA256"));
                return mac;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        List<Map<String, String>> parsed = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVFormat.DEFAULT
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get()
                        .parse(reader)) {
            for (CSVRecord record : parser) {
                parsed.add(record.toMap());
            }
        }
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads);

        ToLongFunction<Map<String, String>> intake = row -> {
            TokenisedRow t = rows.tokenise(row);
            if (!t.nikValid()) {
                return 0;
            }
            Map<String, String> fieldTokens = new TreeMap<>();
            t.fieldTokens().forEach((field, token) -> fieldTokens.put(field.column(), token.base64Url()));
            SampleRow out = new SampleRow(
                    0,
                    t.nikToken().base64Url(),
                    fieldTokens,
                    t.nameBloomBytes().map(B64::encodeToString).orElse(null),
                    t.updatedAt());
            return out.nikToken().length();
        };
        ToLongFunction<Map<String, String>> bare = row -> {
            Mac mac = macs.get();
            long sink = 0;
            for (String field : FIELDS) {
                String cell = row.get(field);
                if (cell != null && !cell.isBlank()) {
                    sink += mac.doFinal(cell.getBytes(StandardCharsets.UTF_8))[0];
                }
            }
            return sink;
        };

        run(pool, threads, parsed, passes, intake); // warm-up
        run(pool, threads, parsed, passes, bare);
        List<Double> intakeRates = new ArrayList<>();
        List<Double> bareRates = new ArrayList<>();
        for (int r = 1; r <= runs; r++) {
            boolean intakeFirst = r % 2 == 1;
            double a = intakeFirst ? run(pool, threads, parsed, passes, intake) : 0;
            double b = run(pool, threads, parsed, passes, bare);
            if (!intakeFirst) {
                a = run(pool, threads, parsed, passes, intake);
            }
            intakeRates.add(a);
            bareRates.add(b);
            System.out.printf(Locale.ROOT, "RESULT run=%d intakeRowsPerS=%.0f bareHmacRowsPerS=%.0f%n", r, a, b);
        }
        pool.shutdown();
        double a = Stats.median(intakeRates);
        double b = Stats.median(bareRates);
        System.out.println("MARKDOWN-BEGIN");
        System.out.printf(
                Locale.ROOT,
                "| rows | threads | RowTokeniser path rows/s | bare HMAC-SHA256 rows/s | ratio |%n|---|---|---|---|---|%n"
                        + "| %,d x %d passes | %d | %s | %s | **%.2f** |%n",
                parsed.size(),
                passes,
                threads,
                Stats.fmt(a),
                Stats.fmt(b),
                a / b);
        System.out.println("MARKDOWN-END");
    }

    /** Rows per second over all threads, each thread taking a contiguous slice of the rows. */
    private static double run(
            ExecutorService pool,
            int threads,
            List<Map<String, String>> rows,
            int passes,
            ToLongFunction<Map<String, String>> work)
            throws Exception {
        List<Callable<Long>> tasks = new ArrayList<>();
        int slice = (rows.size() + threads - 1) / threads;
        for (int t = 0; t < threads; t++) {
            List<Map<String, String>> mine =
                    rows.subList(Math.min(rows.size(), t * slice), Math.min(rows.size(), (t + 1) * slice));
            tasks.add(() -> {
                long sink = 0;
                for (int p = 0; p < passes; p++) {
                    for (Map<String, String> row : mine) {
                        sink += work.applyAsLong(row);
                    }
                }
                return sink;
            });
        }
        long start = System.nanoTime();
        long sink = 0;
        for (Future<Long> f : pool.invokeAll(tasks)) {
            sink += f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (sink == 42) {
            System.out.print("");
        }
        return (double) rows.size() * passes / seconds;
    }
}
