package io.leakwatch.bench.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leakwatch.bench.BenchLogging;
import io.leakwatch.bench.ProcessCpu;
import io.leakwatch.bench.Stats;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Rows per second from the HTTP upload of a sample to a running intake-service until it answers 202, that is until
 * Kafka acknowledged every chunk and the Incident recorded {@code SampleSubmitted} (intake answers only then), against
 * the bare HMAC-SHA256 loop over the same seven fields of the same rows, one thread per core, in the same run, the two
 * sides alternating which goes first.
 *
 * <p>Arguments: {@code intakeBaseUrl sample.csv runs}; environment: {@code LEAKWATCH_BENCH_TOKEN} (a reporter's bearer
 * token), {@code LEAKWATCH_TOKENISATION_KEY} (the service's key, for the baseline's MAC) and, optionally,
 * {@code LEAKWATCH_BENCH_CPU_PIDS} ({@code name=pid,...}: processes whose CPU time during each upload is reported beside
 * this bench's own, which sends the file).
 */
public final class UploadBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    private UploadBench() {}

    public static void main(String[] args) throws Exception {
        BenchLogging.infoToStderr();
        String intake = args[0];
        Path sample = Path.of(args[1]);
        int runs = Integer.parseInt(args[2]);
        String token = System.getenv("LEAKWATCH_BENCH_TOKEN");
        BareHmac bareHmac = new BareHmac(System.getenv("LEAKWATCH_TOKENISATION_KEY"));
        List<String[]> cells = BareHmac.fields(BareHmac.readRows(sample));
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads, work -> {
            Thread thread = new Thread(work, "bare-hmac");
            thread.setDaemon(true); // a failed upload ends the bench (and its script) instead of leaving it idle
            return thread;
        });
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        Uploader uploader = new Uploader(http, intake, token, watchedProcesses());

        bareHmac.rowsPerSecond(pool, threads, cells, 1); // warm-up of the baseline; the service warms with run 1
        List<Double> uploadRates = new ArrayList<>();
        List<Double> uploadSeconds = new ArrayList<>();
        List<Double> bareRates = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        Map<String, List<Double>> cpu = new LinkedHashMap<>();
        long rows = 0;
        long chunks = 0;
        for (int r = 1; r <= runs; r++) {
            boolean uploadFirst = r % 2 == 1;
            double bare = uploadFirst ? 0 : baselineOnIdleCores(bareHmac, pool, threads, cells, uploader.watched());
            Upload upload = uploader.upload(sample);
            if (uploadFirst) {
                bare = baselineOnIdleCores(bareHmac, pool, threads, cells, uploader.watched());
            }
            rows = upload.rows;
            chunks = upload.chunks;
            upload.cpuSeconds.forEach((name, seconds) ->
                    cpu.computeIfAbsent(name, n -> new ArrayList<>()).add(seconds));
            double rate = upload.rows / upload.seconds;
            uploadRates.add(rate);
            uploadSeconds.add(upload.seconds);
            bareRates.add(bare);
            ratios.add(rate / bare);
            System.out.printf(
                    Locale.ROOT,
                    "RESULT run=%d uploadSeconds=%.2f uploadRowsPerS=%.0f bareHmacRowsPerS=%.0f ratio=%.3f chunks=%d"
                            + " cpuSeconds=%s%n",
                    r,
                    upload.seconds,
                    rate,
                    bare,
                    rate / bare,
                    upload.chunks,
                    upload.cpuSeconds);
        }
        pool.shutdown();
        double a = Stats.median(uploadRates);
        double b = Stats.median(bareRates);
        System.out.println("MARKDOWN-BEGIN");
        System.out.printf(
                Locale.ROOT,
                "| sample rows | chunks acknowledged | HTTP upload to 202 rows/s | bare HMAC-SHA256 rows/s (%d threads)"
                        + " | ratio of medians | median of per-run ratios | runs |%n|---|---|---|---|---|---|---|%n"
                        + "| %,d | %,d | %s | %s | **%.2f** | %.2f | %d |%n",
                threads,
                rows,
                chunks,
                Stats.fmt(a),
                Stats.fmt(b),
                a / b,
                Stats.median(ratios),
                runs);
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "CPU seconds used during an upload, median of the runs (%d cores x %.1f s of upload = %.1f): %s.%n",
                threads,
                Stats.median(uploadSeconds),
                threads * Stats.median(uploadSeconds),
                String.join(
                        ", ",
                        cpu.entrySet().stream()
                                .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), Stats.median(e.getValue())))
                                .toList()));
        System.out.println("MARKDOWN-END");
    }

    /** The baseline's rows per second, one thread per core, once the watched processes are idle. */
    private static double baselineOnIdleCores(
            BareHmac bareHmac, ExecutorService pool, int threads, List<String[]> cells, Map<String, Long> watched)
            throws Exception {
        awaitIdle(watched);
        return bareHmac.rowsPerSecond(pool, threads, cells, 1);
    }

    /**
     * Waits (at most 30 s) until the watched processes use less than a twentieth of a core: after an upload the broker
     * flushes and intake's event processors catch up for seconds, and a baseline run beside them measured up to half
     * its quiet rate, flattering the ratio.
     */
    private static void awaitIdle(Map<String, Long> watched) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        double before = cpuOf(watched);
        while (System.nanoTime() < deadline) {
            Thread.sleep(1_000);
            double now = cpuOf(watched);
            if (now - before < 0.05) {
                return;
            }
            before = now;
        }
    }

    private static double cpuOf(Map<String, Long> watched) {
        return watched.values().stream().mapToDouble(ProcessCpu::seconds).sum();
    }

    /** {@code LEAKWATCH_BENCH_CPU_PIDS}, {@code name=pid,...}, in its order; empty when unset. */
    private static Map<String, Long> watchedProcesses() {
        Map<String, Long> pids = new LinkedHashMap<>();
        String spec = System.getenv().getOrDefault("LEAKWATCH_BENCH_CPU_PIDS", "");
        for (String entry : spec.split(",")) {
            String[] nameAndPid = entry.strip().split("=", 2);
            if (nameAndPid.length == 2) {
                pids.put(nameAndPid[0], Long.parseLong(nameAndPid[1]));
            }
        }
        return pids;
    }

    private record Upload(long rows, long chunks, double seconds, Map<String, Double> cpuSeconds) {}

    /** Files a new incident per run (a sample belongs to one incident) and uploads the file to it. */
    private record Uploader(HttpClient http, String intake, String token, Map<String, Long> watched) {

        Upload upload(Path sample) throws Exception {
            String incidentId = fileIncident();
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create(intake + "/api/v1/incidents/" + incidentId + "/samples"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "text/csv; charset=UTF-8")
                    .timeout(Duration.ofMinutes(30))
                    .POST(HttpRequest.BodyPublishers.ofFile(sample))
                    .build();
            Map<String, Double> cpuBefore = cpuSeconds();
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            double seconds = (System.nanoTime() - start) / 1e9;
            Map<String, Double> cpuUsed = cpuSeconds();
            cpuUsed.replaceAll((name, after) -> after - cpuBefore.get(name));
            JsonNode receipt = expect(response, 202);
            return new Upload(
                    receipt.get("rows").asLong(), receipt.get("chunks").asLong(), seconds, cpuUsed);
        }

        private Map<String, Double> cpuSeconds() {
            Map<String, Double> seconds = new LinkedHashMap<>();
            watched.forEach((name, pid) -> seconds.put(name, ProcessCpu.seconds(pid)));
            seconds.put("bench client", ProcessCpu.self());
            return seconds;
        }

        private String fileIncident() throws Exception {
            String claim = JSON.writeValueAsString(JSON.createObjectNode()
                    .put("title", "Upload benchmark")
                    .put("claimedRecordCount", 1_000_000)
                    .put("discoveredAt", "2021-05-20T09:00:00Z")
                    .<com.fasterxml.jackson.databind.node.ObjectNode>set(
                            "source",
                            JSON.createObjectNode()
                                    .put("kind", "FORUM")
                                    .put("url", "https://forum.example/bench-" + UUID.randomUUID())
                                    .put("actor", "bench"))
                    .<com.fasterxml.jackson.databind.node.ObjectNode>set(
                            "dataCategories", JSON.createArrayNode().add("NIK").add("NAME"))
                    .set("jurisdictions", JSON.createArrayNode().add("ID")));
            HttpRequest request = HttpRequest.newBuilder(URI.create(intake + "/api/v1/incidents"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(claim))
                    .build();
            return expect(http.send(request, HttpResponse.BodyHandlers.ofString()), 201)
                    .get("incidentId")
                    .asText();
        }

        private static JsonNode expect(HttpResponse<String> response, int status) throws Exception {
            if (response.statusCode() != status) {
                throw new IllegalStateException(response.request().uri() + " answered " + response.statusCode()
                        + " instead of " + status + ": " + response.body());
            }
            return JSON.readTree(response.body());
        }
    }
}
