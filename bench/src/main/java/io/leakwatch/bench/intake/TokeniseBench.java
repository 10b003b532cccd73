package io.leakwatch.bench.intake;

import io.leakwatch.bench.Stats;
import io.leakwatch.contracts.sample.SampleRow;
import io.leakwatch.matching.synthetic.GeneratorMain;
import io.leakwatch.platform.privacy.RowTokeniser;
import io.leakwatch.platform.privacy.TokenisedRow;
import io.leakwatch.platform.privacy.Tokeniser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.ToLongFunction;

/**
 * Rows per second of intake's tokenisation path (each parsed CSV row, canonical names to cells, through
 * {@link RowTokeniser} and into the {@link SampleRow} intake sends, as {@code SampleUploader} does) against a bare
 * HMAC-SHA256 of every non-blank cell of the same fields (NIK and the compared ones), one thread per core each.
 *
 * <p>Arguments: {@code sample.csv runs passes}.
 */
public final class TokeniseBench {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private TokeniseBench() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "/tmp/lwb-data/v1m/sample.csv");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int passes = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        String key = System.getenv().getOrDefault("LEAKWATCH_TOKENISATION_KEY", GeneratorMain.DEVELOPMENT_KEY);
        Tokeniser tokeniser = Tokeniser.fromBase64(key);
        RowTokeniser rows = new RowTokeniser(tokeniser);
        BareHmac bareHmac = new BareHmac(key);
        List<Map<String, String>> parsed = BareHmac.readRows(file);
        List<String[]> cells = BareHmac.fields(parsed);
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
        Throughput.rowsPerSecond(pool, threads, parsed, passes, intake); // warm-up
        bareHmac.rowsPerSecond(pool, threads, cells, passes);
        List<Double> intakeRates = new ArrayList<>();
        List<Double> bareRates = new ArrayList<>();
        for (int r = 1; r <= runs; r++) {
            boolean intakeFirst = r % 2 == 1;
            double a = intakeFirst ? Throughput.rowsPerSecond(pool, threads, parsed, passes, intake) : 0;
            double b = bareHmac.rowsPerSecond(pool, threads, cells, passes);
            if (!intakeFirst) {
                a = Throughput.rowsPerSecond(pool, threads, parsed, passes, intake);
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
}
