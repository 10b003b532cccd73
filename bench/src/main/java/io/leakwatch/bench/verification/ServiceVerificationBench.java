package io.leakwatch.bench.verification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leakwatch.bench.BenchLogging;
import io.leakwatch.bench.Claims;
import io.leakwatch.bench.Stats;
import io.leakwatch.contracts.incident.SampleSubmitted;
import io.leakwatch.contracts.verification.VerificationCompleted;
import io.leakwatch.platform.privacy.RowTokeniser;
import io.leakwatch.platform.privacy.Tokeniser;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.duckdb.DuckDBConnection;

/**
 * Verification through the running services, against DuckDB answering the same question on the same data in this
 * process, in one run: the registry export POSTed to matching-service once (import rows/s; the index build time and
 * bytes from matching's metrics), then, RUNS times with the sides alternating, the sample uploaded to intake-service
 * for a newly filed incident and followed until matching's verification is COMPLETED, and DuckDB's query.
 *
 * <p>The service's verification time is the difference of two event-store timestamps: intake's {@code SampleSubmitted}
 * (recorded once Kafka acknowledged every chunk) and matching's {@code VerificationCompleted}; the upload's start to
 * the COMPLETED seen by polling is reported beside it. Each result is checked against the generator's
 * {@code truth.json} and its counts against DuckDB's.
 *
 * <p>Arguments: {@code dataDir runs intakeUrl matchingUrl intakeJdbcUrl matchingJdbcUrl}; environment:
 * {@code LEAKWATCH_BENCH_REPORTER_TOKEN}, {@code LEAKWATCH_BENCH_ANALYST_TOKEN}, {@code LEAKWATCH_TOKENISATION_KEY}
 * (the services' key; DuckDB's tokens are made with it, and the truth holds for it).
 */
public final class ServiceVerificationBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SAMPLE_SUBMITTED = SampleSubmitted.class.getName();
    private static final String VERIFICATION_COMPLETED = VerificationCompleted.class.getName();
    private static final Duration POLL = Duration.ofMillis(200);

    private ServiceVerificationBench() {}

    public static void main(String[] args) throws Exception {
        BenchLogging.infoToStderr();
        Path dir = Path.of(args[0]);
        int runs = Integer.parseInt(args[1]);
        Api intake = new Api(args[2], System.getenv("LEAKWATCH_BENCH_REPORTER_TOKEN"));
        Api matching = new Api(args[3], System.getenv("LEAKWATCH_BENCH_ANALYST_TOKEN"));
        String intakeJdbc = args[4];
        String matchingJdbc = args[5];
        int threads = Runtime.getRuntime().availableProcessors();

        // DuckDB's side first, while the services are idle: its tokens (cached beside the data) and its tables.
        RowTokeniser tokeniser = new RowTokeniser(Tokeniser.fromBase64(System.getenv("LEAKWATCH_TOKENISATION_KEY")));
        double tokeniseS = TokenisedData.prepare(dir, tokeniser, threads);
        List<String> canaries = Files.readAllLines(dir.resolve("canaries.txt")).stream()
                .filter(line -> !line.isBlank())
                .toList();
        VerificationBench.SampleData sample = VerificationBench.readSample(dir);
        long l0 = System.nanoTime();
        Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        VerificationBench.loadDuck((DuckDBConnection) duck, dir.resolve("registry.tok"), canaries, sample);
        double duckLoadS = (System.nanoTime() - l0) / 1e9;
        System.out.printf(Locale.ROOT, "DUCKDB tokeniseS=%.1f loadS=%.1f%n", tokeniseS, duckLoadS);

        Imported imported = importRegistry(matching, dir.resolve("registry.csv"), matchingJdbc);
        System.out.printf(
                Locale.ROOT,
                "IMPORT rows=%d rejected=%d seconds=%.1f bodySeconds=%.1f rowsPerS=%.0f buildS=%.2f members=%d"
                        + " indexBytes=%d load=%s%n",
                imported.rows,
                imported.rejected,
                imported.seconds,
                imported.bodySeconds,
                imported.rows / imported.seconds,
                imported.buildSeconds,
                imported.members,
                imported.indexBytes,
                VerificationBench.loadAverage());
        int shares = createShares(matching, dir.resolve("shares.json"));
        Path mappingFile = dir.resolve("mapping.txt");
        String mapping =
                Files.exists(mappingFile) ? Files.readString(mappingFile).strip() : null;

        VerificationBench.duckQuery(duck); // DuckDB's warm-up; the services warm with run 1
        List<Double> eventS = new ArrayList<>();
        List<Double> wallS = new ArrayList<>();
        List<Double> acceptedS = new ArrayList<>();
        List<Double> duckS = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        Verified last = null;
        Map<String, Long> duckCounts = null;
        boolean same = true;
        for (int run = 1; run <= runs; run++) {
            for (int side = 0; side < 2; side++) {
                if ((side == 0) == (run % 2 == 1)) {
                    last = verify(intake, matching, dir.resolve("sample.csv"), mapping, intakeJdbc, matchingJdbc);
                    VerificationBench.check(dir, last.result, "The service's result");
                    eventS.add(last.eventSeconds);
                    wallS.add(last.wallSeconds);
                    acceptedS.add(last.acceptedSeconds);
                } else {
                    long s0 = System.nanoTime();
                    duckCounts = VerificationBench.duckQuery(duck);
                    duckS.add((System.nanoTime() - s0) / 1e9);
                }
            }
            same &= VerificationBench.sameCounts(last.result, duckCounts);
            ratios.add(duckS.get(run - 1) / eventS.get(run - 1));
            System.out.printf(
                    Locale.ROOT,
                    "RESULT run=%d submittedToCompletedS=%.3f uploadToCompletedS=%.3f uploadTo202S=%.3f duckdbS=%.3f"
                            + " chunks=%d load=%s%n",
                    run,
                    last.eventSeconds,
                    last.wallSeconds,
                    last.acceptedSeconds,
                    duckS.get(run - 1),
                    last.chunks,
                    VerificationBench.loadAverage());
        }
        duck.close();

        double event = Stats.median(eventS);
        double wall = Stats.median(wallS);
        double duckdb = Stats.median(duckS);
        JsonNode r = last.result;
        System.out.println("MARKDOWN-BEGIN");
        System.out.printf(
                Locale.ROOT,
                "| registry members (versions read) | rows rejected | import wall s | import rows/s | index build s"
                        + " | index bytes per member |%n|---|---|---|---|---|---|%n"
                        + "| %,d (%,d) | %,d | %.1f | %s | %.2f | %.1f |%n%n",
                imported.members,
                imported.rows,
                imported.rejected,
                imported.seconds,
                Stats.fmt(imported.rows / imported.seconds),
                imported.buildSeconds,
                (double) imported.indexBytes / imported.members);
        System.out.printf(
                Locale.ROOT,
                "| sample rows (chunks) | `SampleSubmitted` to `VerificationCompleted` s | upload start to COMPLETED s"
                        + " | upload to 202 s | DuckDB query s | ratio DuckDB/service of medians | median of per-run"
                        + " ratios | ratio DuckDB/(upload to COMPLETED) | runs | same counts as DuckDB and truth |%n"
                        + "|---|---|---|---|---|---|---|---|---|---|%n"
                        + "| %,d (%,d) | %.3f | %.3f | %.3f | %.3f | **%.3f** | %.3f | %.4f | %d | %s |%n",
                last.rows,
                last.chunks,
                event,
                wall,
                Stats.median(acceptedS),
                duckdb,
                duckdb / event,
                Stats.median(ratios),
                duckdb / wall,
                runs,
                same ? "yes" : "**no**");
        System.out.println("MARKDOWN-END");
        System.out.printf(
                Locale.ROOT,
                "NOTE %,d members: the service matched %d, not found %d, duplicates %d, fully agreeing %d, verdict %s"
                        + " (equal to the generator's truth.json); DuckDB matched %d, not found %d, duplicates %d,"
                        + " canary rows %d. Data shares created: %d. Import: body in (202) after %.1f s, COMPLETED"
                        + " after %.1f s. DuckDB: tokenising (cached, 0 when reused) %.1f s, loading %.1f s.%n",
                imported.members,
                r.path("matchedRows").asLong(),
                r.path("notFoundRows").asLong(),
                r.path("duplicateRows").asLong(),
                r.path("fullyAgreeingRows").asLong(),
                r.path("verdict").asText(),
                duckCounts.get("matched"),
                duckCounts.get("not_found"),
                duckCounts.get("duplicates"),
                duckCounts.get("canary_rows"),
                shares,
                imported.bodySeconds,
                imported.seconds,
                tokeniseS,
                duckLoadS);
    }

    private record Imported(
            long rows,
            long rejected,
            double bodySeconds,
            double seconds,
            double buildSeconds,
            long members,
            long indexBytes) {}

    /**
     * POSTs the export streamed from the file, polls until COMPLETED (the new generation serves), then waits for the
     * index of that generation in matching's metrics ({@code RegistryIndexMetrics}).
     */
    private static Imported importRegistry(Api matching, Path export, String matchingJdbc) throws Exception {
        long start = System.nanoTime();
        JsonNode accepted = matching.postFile("/api/v1/registry/imports", "text/csv", export);
        double bodySeconds = (System.nanoTime() - start) / 1e9;
        String importId = accepted.path("importId").asText();
        JsonNode progress;
        while (true) {
            progress = matching.get("/api/v1/registry/imports/" + importId);
            String status = progress.path("status").asText();
            if (status.equals("COMPLETED")) {
                break;
            }
            if (!status.equals("RUNNING")) {
                throw new IllegalStateException("Registry import " + importId + " ended " + progress);
            }
            Thread.sleep(POLL.toMillis());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long generation;
        try (Connection db = DriverManager.getConnection(matchingJdbc, "postgres", "");
                ResultSet row = db.createStatement().executeQuery("SELECT generation FROM registry_current")) {
            row.next();
            generation = row.getLong(1);
        }
        while (matching.metrics().getOrDefault("leakwatch_registry_index_generation", -1.0) != generation) {
            Thread.sleep(POLL.toMillis());
        }
        // Scraped again: a scrape reads the gauges one by one, so the one that saw the generation change may hold
        // another gauge's value from before it; every scrape after it reads the new index alone.
        Map<String, Double> metrics = matching.metrics();
        return new Imported(
                progress.path("rowsRead").asLong(),
                progress.path("rowsRejected").asLong(),
                bodySeconds,
                seconds,
                metrics.get("leakwatch_registry_index_build_seconds"),
                metrics.get("leakwatch_registry_index_members").longValue(),
                metrics.get("leakwatch_registry_index_bytes").longValue());
    }

    /** The generator's data shares (with their canary sets), so that schema matches and canary hits have a share. */
    private static int createShares(Api matching, Path sharesFile) throws Exception {
        if (!Files.exists(sharesFile)) {
            return 0;
        }
        int created = 0;
        for (JsonNode share : JSON.readTree(sharesFile.toFile())) {
            String body = ((ObjectNode) share).put("recipient", "bench").toString();
            matching.send(
                    matching.request("/api/v1/data-shares")
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)),
                    201);
            created++;
        }
        return created;
    }

    private record Verified(
            JsonNode result, long rows, int chunks, double acceptedSeconds, double wallSeconds, double eventSeconds) {}

    /** A new incident, the sample uploaded to it, matching's verification followed to COMPLETED. */
    private static Verified verify(
            Api intake, Api matching, Path sample, String mapping, String intakeJdbc, String matchingJdbc)
            throws Exception {
        String incidentId = intake.send(
                        intake.request("/api/v1/incidents")
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(Claims.the2021Claim())),
                        201)
                .path("incidentId")
                .asText();
        String path = "/api/v1/incidents/" + incidentId + "/samples"
                + (mapping == null ? "" : "?mapping=" + URLEncoder.encode(mapping, StandardCharsets.UTF_8));
        long start = System.nanoTime();
        JsonNode receipt = intake.postFile(path, "text/csv; charset=UTF-8", sample);
        double acceptedSeconds = (System.nanoTime() - start) / 1e9;
        String sampleId = receipt.path("sampleId").asText();
        JsonNode view;
        while (true) {
            HttpResponse<String> response = matching.http.send(
                    matching.request("/api/v1/verifications/" + sampleId).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                view = JSON.readTree(response.body());
                String status = view.path("status").asText();
                if (status.equals("COMPLETED")) {
                    break;
                }
                if (status.equals("FAILED")) {
                    throw new IllegalStateException("Verification of " + sampleId + " failed: " + view);
                }
            } else if (response.statusCode() != 404) { // 404 until matching has heard of the sample
                throw new IllegalStateException("Verification of " + sampleId + ": " + response.statusCode());
            }
            Thread.sleep(POLL.toMillis());
        }
        double wallSeconds = (System.nanoTime() - start) / 1e9;
        Instant submitted = eventTime(intakeJdbc, SAMPLE_SUBMITTED, sampleId);
        Instant completed = eventTime(matchingJdbc, VERIFICATION_COMPLETED, sampleId);
        return new Verified(
                view,
                receipt.path("rows").asLong(),
                receipt.path("chunks").asInt(),
                acceptedSeconds,
                wallSeconds,
                Duration.between(submitted, completed).toNanos() / 1e9);
    }

    /** When the service's event store recorded the sample's event of this type (Axon's {@code timestamp} column). */
    private static Instant eventTime(String jdbcUrl, String payloadType, String sampleId) throws Exception {
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "");
                PreparedStatement select = db.prepareStatement("SELECT timestamp FROM domainevententry"
                        + " WHERE payloadtype = ? AND convert_from(payload, 'UTF8')::jsonb ->> 'sampleId' = ?")) {
            select.setString(1, payloadType);
            select.setString(2, sampleId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("No " + payloadType + " of sample " + sampleId + " in " + jdbcUrl);
                }
                Instant at = Instant.parse(row.getString(1));
                if (row.next()) {
                    throw new IllegalStateException("Two " + payloadType + " of sample " + sampleId);
                }
                return at;
            }
        }
    }

    /** A service's REST API with a bearer token. */
    private record Api(HttpClient http, String baseUrl, String token) {

        Api(String baseUrl, String token) {
            this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(), baseUrl, token);
        }

        HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofHours(6));
        }

        /** The file streamed as the body, accepted (202). */
        JsonNode postFile(String path, String contentType, Path file) throws Exception {
            return send(
                    request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofFile(file)),
                    202);
        }

        JsonNode get(String path) throws Exception {
            return send(request(path).GET(), 200);
        }

        JsonNode send(HttpRequest.Builder request, int expected) throws Exception {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(response.request().uri() + " answered " + response.statusCode()
                        + " instead of " + expected + ": " + response.body());
            }
            return JSON.readTree(response.body());
        }

        /** The index's gauges from {@code /q/metrics} by name (each is one series, labelled only by service). */
        Map<String, Double> metrics() throws Exception {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/q/metrics"))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            Map<String, Double> values = new HashMap<>();
            for (String line : response.body().split("\n")) {
                if (line.startsWith("leakwatch_registry_index_")) {
                    String name = line.split("[{ ]", 2)[0];
                    values.put(name, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
                }
            }
            return values;
        }
    }
}
