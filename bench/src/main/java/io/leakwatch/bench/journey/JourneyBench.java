package io.leakwatch.bench.journey;

import io.leakwatch.bench.BenchLogging;
import io.leakwatch.bench.Claims;
import io.leakwatch.bench.Stats;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The whole journey under an open-loop load: incidents filed at intake on a fixed schedule ({@code rate} a second for
 * {@code seconds}), each followed by polling statement-service until its first statement draft is readable; the latency
 * of an incident runs from its scheduled send time (not the moment it was actually sent, so a stalled system cannot
 * hide its queue: no coordinated omission) to the first 200 of {@code .../statements/latest}.
 *
 * <p>Note: only every {@code observeEvery}-th incident is followed to its draft (every one is filed and its POST
 * checked). Polling every incident every {@code pollMillis} made the bench its own load: at 50 incidents a second,
 * once a few hundred were pending, thousands of authenticated GETs a second starved the services and timed out, while
 * statement-service had drafted nearly every incident (its event store said so).
 *
 * <p>Arguments: {@code intakeUrl statementUrl rate seconds pollMillis runs [observeEvery (1)]}; bearer tokens in the
 * environment
 * ({@code LW_REPORTER_TOKEN}, {@code LW_COMMS_TOKEN}).
 */
public final class JourneyBench {

    private static final Pattern INCIDENT_ID = Pattern.compile("\"incidentId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Duration GIVE_UP = Duration.ofSeconds(60);

    private final String intake;
    private final String statement;
    private final String reporter = System.getenv("LW_REPORTER_TOKEN");
    private final String comms = System.getenv("LW_COMMS_TOKEN");
    private final Duration poll;
    private final int observeEvery;
    private final HttpClient http;
    private final ScheduledExecutorService timers;

    private JourneyBench(String intake, String statement, Duration poll, int observeEvery) {
        this.intake = intake;
        this.statement = statement;
        this.poll = poll;
        this.observeEvery = observeEvery;
        this.timers = Executors.newScheduledThreadPool(4);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newFixedThreadPool(8))
                .build();
    }

    public static void main(String[] args) throws Exception {
        BenchLogging.infoToStderr();
        int rate = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        int runs = Integer.parseInt(args[5]);
        int observeEvery = args.length > 6 ? Integer.parseInt(args[6]) : 1;
        JourneyBench bench =
                new JourneyBench(args[0], args[1], Duration.ofMillis(Long.parseLong(args[4])), observeEvery);
        List<Double> p50s = new ArrayList<>();
        List<Double> p99s = new ArrayList<>();
        List<Double> maxes = new ArrayList<>();
        List<Double> errors = new ArrayList<>();
        List<Double> postP99s = new ArrayList<>();
        // Warm-up, not recorded: JIT, pools, consumer groups; a tenth of a run at the same rate.
        bench.run(rate, Math.max(5, seconds / 10));
        for (int run = 1; run <= runs; run++) {
            Run r = bench.run(rate, seconds);
            System.out.printf(
                    "RESULT run=%d incidents=%d drafted=%d errors=%d %s p50ms=%.0f p99ms=%.0f maxms=%.0f"
                            + " postP50ms=%.0f postP99ms=%.0f%n",
                    run,
                    r.incidents,
                    r.drafted(),
                    r.errorCount(),
                    r.errors,
                    r.percentile(r.draftedMicros, 50),
                    r.percentile(r.draftedMicros, 99),
                    r.percentile(r.draftedMicros, 100),
                    r.percentile(r.postedMicros, 50),
                    r.percentile(r.postedMicros, 99));
            p50s.add(r.percentile(r.draftedMicros, 50));
            p99s.add(r.percentile(r.draftedMicros, 99));
            maxes.add(r.percentile(r.draftedMicros, 100));
            postP99s.add(r.percentile(r.postedMicros, 99));
            errors.add((double) r.errorCount());
        }
        System.out.println("MARKDOWN-BEGIN");
        System.out.println("| rate/s | seconds | incidents per run | POST to first draft p50 ms | p99 ms | max ms |"
                + " errors per run | POST answered p99 ms | runs |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        System.out.printf(
                "| %d | %d | %,d | %s | **%s** | %s | **%s** | %s | %d |%n",
                rate,
                seconds,
                (long) rate * seconds,
                Stats.fmt(Stats.median(p50s)),
                Stats.fmt(Stats.median(p99s)),
                Stats.fmt(Stats.median(maxes)),
                errors.stream().map(e -> String.valueOf(e.longValue())).toList(),
                Stats.fmt(Stats.median(postP99s)),
                runs);
        System.out.println("MARKDOWN-END");
        System.exit(0);
    }

    /** What one run saw. Latencies in microseconds from the scheduled send time; -1 where the incident failed. */
    private static final class Run {
        final int incidents;
        final AtomicLongArray postedMicros;
        final AtomicLongArray draftedMicros;
        final Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
        final CountDownLatch finished;

        Run(int incidents) {
            this.incidents = incidents;
            postedMicros = filled(incidents);
            draftedMicros = filled(incidents);
            finished = new CountDownLatch(incidents);
        }

        private static AtomicLongArray filled(int n) {
            AtomicLongArray array = new AtomicLongArray(n);
            for (int i = 0; i < n; i++) {
                array.set(i, -1);
            }
            return array;
        }

        void fail(String kind) {
            errors.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
            finished.countDown();
        }

        long drafted() {
            long n = 0;
            for (int i = 0; i < incidents; i++) {
                n += draftedMicros.get(i) >= 0 ? 1 : 0;
            }
            return n;
        }

        long errorCount() {
            return errors.values().stream().mapToLong(AtomicInteger::get).sum();
        }

        /** The p-th percentile in ms of the incidents that got there (failures are counted as errors instead). */
        double percentile(AtomicLongArray micros, double p) {
            long[] values = new long[incidents];
            int n = 0;
            for (int i = 0; i < incidents; i++) {
                if (micros.get(i) >= 0) {
                    values[n++] = micros.get(i);
                }
            }
            return n == 0 ? Double.NaN : Stats.percentile(values, n, p) / 1e3;
        }

        @Override
        public String toString() {
            return new TreeMap<>(errors).toString();
        }
    }

    private Run run(int rate, int seconds) throws InterruptedException {
        Run run = new Run(rate * seconds);
        long start = System.nanoTime() + 100_000_000L;
        long interval = 1_000_000_000L / rate;
        for (int i = 0; i < run.incidents; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            file(run, i, due);
        }
        if (!run.finished.await(GIVE_UP.toSeconds() + 30, TimeUnit.SECONDS)) {
            System.out.println("WARN some incidents neither drafted nor failed in time");
        }
        return run;
    }

    private void file(Run run, int i, long due) {
        HttpRequest post = HttpRequest.newBuilder(URI.create(intake + "/api/v1/incidents"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + reporter)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Claims.the2021Claim()))
                .build();
        http.sendAsync(post, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            if (failure != null) {
                run.fail("post-" + failure.getClass().getSimpleName());
                return;
            }
            if (response.statusCode() != 201) {
                run.fail("post-" + response.statusCode());
                return;
            }
            run.postedMicros.set(i, (System.nanoTime() - due) / 1000);
            Matcher id = INCIDENT_ID.matcher(response.body());
            if (!id.find()) {
                run.fail("post-no-incident-id");
                return;
            }
            if (i % observeEvery == 0) {
                awaitDraft(run, i, due, id.group(1));
            } else {
                run.finished.countDown();
            }
        });
    }

    private void awaitDraft(Run run, int i, long due, String incidentId) {
        HttpRequest get = HttpRequest.newBuilder(
                        URI.create(statement + "/api/v1/incidents/" + incidentId + "/statements/latest"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + comms)
                .GET()
                .build();
        http.sendAsync(get, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            long now = System.nanoTime();
            if (failure != null) {
                run.fail("get-" + failure.getClass().getSimpleName());
            } else if (response.statusCode() == 200) {
                run.draftedMicros.set(i, (now - due) / 1000);
                run.finished.countDown();
            } else if (response.statusCode() != 404) {
                run.fail("get-" + response.statusCode());
            } else if (now - due > GIVE_UP.toNanos()) {
                run.fail("no-draft-within-" + GIVE_UP.toSeconds() + "s");
            } else {
                timers.schedule(() -> awaitDraft(run, i, due, incidentId), poll.toMillis(), TimeUnit.MILLISECONDS);
            }
        });
    }
}
