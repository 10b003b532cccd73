package io.leakwatch.bench.intake;

import io.leakwatch.bench.BenchLogging;
import io.leakwatch.bench.Stats;
import io.leakwatch.contracts.sample.SampleRow;
import io.leakwatch.intake.messaging.SampleChunkJson;
import io.leakwatch.matching.synthetic.GeneratorMain;
import io.leakwatch.platform.privacy.CanonicalField;
import io.leakwatch.platform.privacy.RowTokeniser;
import io.leakwatch.platform.privacy.TokenisedRow;
import io.leakwatch.platform.privacy.Tokeniser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.ToLongFunction;

/**
 * Rows per second of intake's tokenisation path (each parsed CSV row, its cells by canonical field, through
 * {@link RowTokeniser} and into the JSON of the {@link SampleRow} intake sends, {@link SampleChunkJson#row}, as
 * {@code SampleUploader} does) against a bare
 * HMAC-SHA256 of every non-blank cell of the same fields (NIK and the compared ones), one thread per core each.
 *
 * <p>Arguments: {@code sample.csv runs passes}.
 */
public final class TokeniseBench {

    private TokeniseBench() {}

    public static void main(String[] args) throws Exception {
        BenchLogging.infoToStderr();
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

        // Rows as the upload's reading thread hands them over (each canonical field's cell at its ordinal), made before
        // timing as the maps the baseline reads are.
        List<String[]> byField =
                parsed.stream().map(TokeniseBench::cellsByField).toList();
        ToLongFunction<String[]> intake = row -> {
            TokenisedRow t = rows.tokenise(row);
            return t.nikValid() ? SampleChunkJson.row(0, t).length : 0;
        };
        Throughput.rowsPerSecond(pool, threads, byField, passes, intake); // warm-up
        bareHmac.rowsPerSecond(pool, threads, cells, passes);
        List<Double> intakeRates = new ArrayList<>();
        List<Double> bareRates = new ArrayList<>();
        for (int r = 1; r <= runs; r++) {
            boolean intakeFirst = r % 2 == 1;
            double a = intakeFirst ? Throughput.rowsPerSecond(pool, threads, byField, passes, intake) : 0;
            double b = bareHmac.rowsPerSecond(pool, threads, cells, passes);
            if (!intakeFirst) {
                a = Throughput.rowsPerSecond(pool, threads, byField, passes, intake);
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

    private static String[] cellsByField(Map<String, String> row) {
        CanonicalField[] fields = CanonicalField.values();
        String[] cells = new String[fields.length];
        for (CanonicalField field : fields) {
            cells[field.ordinal()] = row.get(field.column());
        }
        return cells;
    }
}
