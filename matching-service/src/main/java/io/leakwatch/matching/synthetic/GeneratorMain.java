package io.leakwatch.matching.synthetic;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.leakwatch.contracts.verification.VerificationResult;
import io.leakwatch.platform.axon.AxonJson;
import io.leakwatch.platform.privacy.NameBloomEncoder;
import io.leakwatch.platform.privacy.Tokeniser;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a synthetic registry export, a sample derived from it and the expected result, deterministic from a seed:
 *
 * <pre>
 * java -cp "matching-service/target/classes:matching-service/target/quarkus-app/lib/main/*" \
 *     io.leakwatch.matching.synthetic.GeneratorMain --out /tmp/synthetic --seed 7 --members 1000 \
 *     --as-of 2021-05-01 --genuine 80 --typos 5 --fabricated 5 --outsiders 10 --invalid 3 --repeats 4 \
 *     --canaries 1 --dump2021 true --claimed 279000000
 * </pre>
 *
 * Files: {@code registry.csv} (for {@code POST /api/v1/registry/imports}), {@code sample.csv} (with
 * {@code mapping.txt} for the dump's header), {@code shares.json} (for {@code POST /api/v1/data-shares}) and
 * {@code truth.json} (the expected {@link VerificationResult}). Names are compared by Dice under the tokenisation key
 * ({@code LEAKWATCH_TOKENISATION_KEY}, else the development key), so the truth holds for that key.
 */
public final class GeneratorMain {

    /** The development key of {@code %dev}/{@code %test}; never for real data. */
    public static final String DEVELOPMENT_KEY = "bGVha3dhdGNoIGRldmVsb3BtZW50IGtleSwgbmV2ZXIgZm9yIHByb2R1Y3Rpb24";

    /** The shares the generator seeds: a partner with the 2021 dump's columns and an internal warehouse. */
    public static final List<GroundTruth.Share> SHARES = List.of(
            new GroundTruth.Share("partner-claims-export", SyntheticSample.DUMP_2021, "canary-partner"),
            new GroundTruth.Share(
                    "internal-warehouse",
                    List.of("nik", "card_no", "full_name", "birth_date", "sex", "phone", "regency_code", "status"),
                    "canary-warehouse"));

    private GeneratorMain() {}

    public static void main(String[] args) throws IOException {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value pairs, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        Path out = Path.of(options.getOrDefault("out", "synthetic"));
        long seed = Long.parseLong(options.getOrDefault("seed", "1"));
        SyntheticRegistry registry = SyntheticRegistry.generate(
                seed,
                Integer.parseInt(options.getOrDefault("members", "1000")),
                List.of("canary-partner", "canary-warehouse"),
                Integer.parseInt(options.getOrDefault("canaries-per-set", "5")));
        SyntheticSample.Composition composition = new SyntheticSample.Composition(
                integer(options, "genuine", 80),
                integer(options, "typos", 5),
                integer(options, "fabricated", 5),
                integer(options, "outsiders", 10),
                integer(options, "invalid", 3),
                integer(options, "repeats", 4),
                integer(options, "canaries", 0),
                options.getOrDefault("canary-set", "canary-partner"),
                Boolean.parseBoolean(options.getOrDefault("dump2021", "false")));
        LocalDate asOf = LocalDate.parse(options.getOrDefault("as-of", "2021-05-01"));
        SyntheticSample sample = SyntheticSample.generate(seed + 1, registry, asOf, composition);
        String key = System.getenv().getOrDefault("LEAKWATCH_TOKENISATION_KEY", DEVELOPMENT_KEY);
        VerificationResult truth = GroundTruth.expected(
                registry,
                sample,
                SHARES,
                Long.parseLong(options.getOrDefault("claimed", "279000000")),
                new NameBloomEncoder(Tokeniser.fromBase64(key)));

        Files.createDirectories(out);
        try (Writer csv = Files.newBufferedWriter(out.resolve("registry.csv"), StandardCharsets.UTF_8)) {
            registry.writeCsv(csv);
        }
        Files.writeString(out.resolve("sample.csv"), sample.toCsv(), StandardCharsets.UTF_8);
        if (composition.dump2021()) {
            StringBuilder mapping = new StringBuilder();
            SyntheticSample.DUMP_2021_MAPPING.forEach(
                    (canonical, source) -> mapping.append(mapping.isEmpty() ? "" : ",")
                            .append(canonical)
                            .append(':')
                            .append(source));
            Files.writeString(out.resolve("mapping.txt"), mapping + "\n");
        }
        ObjectMapper json = AxonJson.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT);
        Files.writeString(out.resolve("shares.json"), json.writeValueAsString(SHARES));
        Files.writeString(out.resolve("truth.json"), json.writeValueAsString(truth));
        System.out.printf(
                "Wrote %d registry members (%d versions), a sample of %d rows as of %s, verdict %s, to %s%n",
                registry.members().size(),
                registry.members().stream().mapToInt(m -> m.versions().size()).sum(),
                sample.rows().size(),
                asOf,
                truth.verdict(),
                out.toAbsolutePath());
    }

    private static int integer(Map<String, String> options, String name, int fallback) {
        return Integer.parseInt(options.getOrDefault(name, String.valueOf(fallback)));
    }
}
