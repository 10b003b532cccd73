package io.leakwatch.bench.append;

import io.agroal.api.AgroalDataSource;
import io.leakwatch.bench.BenchLogging;
import io.leakwatch.bench.ProcessCpu;
import io.leakwatch.bench.Stats;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;

/**
 * The append benchmark as the issue states it, in one run: commands per second through a running intake-service
 * ({@code POST /api/v1/incidents}: HTTP, JWT, Axon, Narayana JTA, commit) against a plain JDBC loop inserting intake's
 * own {@code IncidentReported} row into a copy of {@code domainevententry}, one transaction per row, at each
 * concurrency; Axon in this JVM (as {@link AppendBench} wires it) alongside for its commit latency; a plain fdatasync
 * loop on the disk of PostgreSQL's data directory as the latency floor. The four sides take turns in one-second
 * slices. Then a million (or the given number of) appends through the in-process Axon into a fresh store, and the
 * global index of both stores (that one and intake's) checked for holes.
 *
 * <p>Arguments: {@code intakeBaseUrl benchJdbcUrl intakeJdbcUrl fsyncFile seconds concurrencies(comma) runs appends
 * intakePid warmUpSeconds};
 * environment {@code LEAKWATCH_BENCH_TOKEN}: a reporter's bearer token.
 */
public final class HttpAppendBench {

    private static final String HTTP = "http";
    private static final String AXON = "axon";
    private static final String JDBC = "jdbc";
    private static final String FSYNC = "fsync";
    private static final String[] SIDES = {HTTP, AXON, JDBC, FSYNC};
    private static final int GAP_THREADS = 16;
    private static final int WARM_UP_THREADS = 16;

    private HttpAppendBench() {}

    public static void main(String[] args) throws Exception {
        BenchLogging.infoToStderr();
        String intakeUrl = args[0];
        String benchJdbcUrl = args[1];
        String intakeJdbcUrl = args[2];
        Path fsyncFile = Path.of(args[3]);
        int seconds = Integer.parseInt(args[4]);
        int[] concurrencies =
                Arrays.stream(args[5].split(",")).mapToInt(Integer::parseInt).toArray();
        int runs = Integer.parseInt(args[6]);
        long appends = Long.parseLong(args[7]);
        long intakePid = Long.parseLong(args[8]);
        double warmUpSeconds = Double.parseDouble(args[9]);
        int poolSize = Math.max(GAP_THREADS, Arrays.stream(concurrencies).max().orElse(1)) + 2;

        try (AgroalDataSource bench = AppendBench.pool(benchJdbcUrl, poolSize);
                AgroalDataSource intakeStore = AppendBench.pool(intakeJdbcUrl, 1);
                FdatasyncLoop fsync = new FdatasyncLoop(fsyncFile);
                IncidentReports reports = new IncidentReports(
                        intakeUrl,
                        System.getenv("LEAKWATCH_BENCH_TOKEN"),
                        Math.max(
                                WARM_UP_THREADS,
                                Arrays.stream(concurrencies).max().orElse(1)))) {
            AppendBench.createSchema(bench);
            Configuration axon = AppendBench.axon(bench);
            axon.start();
            CommandGateway gateway = axon.commandGateway();

            // Warm-up, not recorded: the service's and this JVM's JIT, the pools, PostgreSQL's caches. Note: intake's
            // rate climbs for a minute or more on two shared cores (C2 compiling Quarkus' request path, Axon and
            // the processors): after 5 s it answered at half its rate after 90 s.
            TimedSlice.run(HTTP, WARM_UP_THREADS, warmUpSeconds, reports::fileOne);
            TimedSlice.run(AXON, 4, 2, () -> AppendBench.axonCommand(gateway));
            TimedSlice.run(FSYNC, 1, 1, fsync::writeAndSync);
            PlainEventRows rows = rowAsIntakeWritesIt(bench, intakeStore);
            TimedSlice.run(JDBC, 4, 2, rows::insertOne);

            Map<String, List<Double>> figures = new LinkedHashMap<>();
            double intakeCpuBefore = ProcessCpu.seconds(intakePid);
            long posts = 0;
            for (int run = 1; run <= runs; run++) {
                for (int c : concurrencies) {
                    Map<String, TimedSlice.Result> cell = new LinkedHashMap<>();
                    for (int slice = 0; slice < seconds; slice++) {
                        // Note: the order rotates so that no side always follows the same one (the service's
                        // projections and forwarder catch up in whatever slice follows HTTP).
                        for (int i = 0; i < SIDES.length; i++) {
                            String side = SIDES[(i + slice + run) % SIDES.length];
                            TimedSlice.Result r = switch (side) {
                                case HTTP -> TimedSlice.run(side, c, 1, reports::fileOne);
                                case AXON -> TimedSlice.run(side, c, 1, () -> AppendBench.axonCommand(gateway));
                                case JDBC -> TimedSlice.run(side, c, 1, rows::insertOne);
                                default -> TimedSlice.run(side, 1, 1, fsync::writeAndSync);
                            };
                            cell.merge(side, r, TimedSlice.Result::plus);
                        }
                    }
                    record(figures, cell, c, run);
                    posts += cell.get(HTTP).ops();
                }
            }
            // Note: intake serves nothing but these POSTs, so all its CPU (request threads and the tracking
            // processors that catch up in other sides' slices) is theirs.
            double intakeCpuPerPost = (ProcessCpu.seconds(intakePid) - intakeCpuBefore) / posts;
            GapRun gapRun = appendMany(bench, gateway, appends);
            axon.shutdown();
            GapCheck benchGaps = GapCheck.of(bench);
            GapCheck intakeGaps = GapCheck.of(intakeStore);
            System.out.println("MARKDOWN-BEGIN");
            System.out.print(markdown(
                    figures, concurrencies, runs, warmUpSeconds, intakeCpuPerPost, gapRun, benchGaps, intakeGaps));
            System.out.println("MARKDOWN-END");
        }
    }

    /** The row intake wrote for the warm-up's last report: the plain loop inserts its payload and metadata. */
    private static PlainEventRows rowAsIntakeWritesIt(AgroalDataSource bench, AgroalDataSource intakeStore)
            throws Exception {
        try (Connection connection = intakeStore.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT type, payloadtype, payload, metadata"
                        + " FROM domainevententry WHERE payloadtype LIKE '%.IncidentReported'"
                        + " ORDER BY globalindex DESC LIMIT 1")) {
            if (!row.next()) {
                throw new IllegalStateException("intake's store holds no IncidentReported after the warm-up");
            }
            String type = row.getString(1);
            String payloadType = row.getString(2);
            byte[] payload = row.getBytes(3);
            byte[] metadata = row.getBytes(4);
            connection.commit();
            System.out.printf(
                    Locale.ROOT,
                    "baseline row: %s, payload %d bytes, metadata %d bytes%n",
                    payloadType,
                    payload.length,
                    metadata.length);
            return new PlainEventRows(
                    bench, "baseline_evententry", type, payloadType, id -> payload, messageId -> metadata);
        }
    }

    private static void record(Map<String, List<Double>> figures, Map<String, TimedSlice.Result> cell, int c, int run) {
        for (Map.Entry<String, TimedSlice.Result> e : cell.entrySet()) {
            TimedSlice.Result r = e.getValue();
            System.out.printf(
                    Locale.ROOT,
                    "RESULT side=%s concurrency=%d run=%d ops=%d perSecond=%.1f p50ms=%.2f p99ms=%.2f%n",
                    e.getKey(),
                    e.getKey().equals(FSYNC) ? 1 : c,
                    run,
                    r.ops(),
                    r.perSecond(),
                    r.percentileMs(50),
                    r.percentileMs(99));
            add(figures, e.getKey() + ".rate." + c, r.perSecond());
            add(figures, e.getKey() + ".p50." + c, r.percentileMs(50));
            add(figures, e.getKey() + ".p99." + c, r.percentileMs(99));
        }
        double jdbc = cell.get(JDBC).perSecond();
        add(figures, "ratio.http." + c, cell.get(HTTP).perSecond() / jdbc);
        add(figures, "ratio.axon." + c, cell.get(AXON).perSecond() / jdbc);
        add(
                figures,
                "p99ratio.http." + c,
                cell.get(HTTP).percentileMs(99) / cell.get(FSYNC).percentileMs(99));
        add(
                figures,
                "p99ratio.axon." + c,
                cell.get(AXON).percentileMs(99) / cell.get(FSYNC).percentileMs(99));
    }

    private static void add(Map<String, List<Double>> figures, String key, double value) {
        figures.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }

    private record GapRun(long appends, double seconds) {}

    /** {@code appends} commands through the in-process Axon on 16 threads into an emptied store. */
    private static GapRun appendMany(AgroalDataSource bench, CommandGateway gateway, long appends) throws Exception {
        AppendBench.truncate(bench);
        AtomicLong left = new AtomicLong(appends);
        AtomicLong done = new AtomicLong();
        long start = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < GAP_THREADS; t++) {
            Thread worker = new Thread(
                    () -> {
                        try {
                            while (left.getAndDecrement() > 0) {
                                AppendBench.axonCommand(gateway);
                                long n = done.incrementAndGet();
                                if (n % 100_000 == 0) {
                                    System.out.printf(
                                            Locale.ROOT,
                                            "appended %,d in %.0f s%n",
                                            n,
                                            (System.nanoTime() - start) / 1e9);
                                }
                            }
                        } catch (Throwable e) {
                            failures.add(e);
                        }
                    },
                    "append-" + t);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.size() + " appending threads failed", failures.get(0));
        }
        return new GapRun(done.get(), (System.nanoTime() - start) / 1e9);
    }

    private static String markdown(
            Map<String, List<Double>> f,
            int[] concurrencies,
            int runs,
            double warmUpSeconds,
            double intakeCpuPerPost,
            GapRun gapRun,
            GapCheck benchGaps,
            GapCheck intakeGaps) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(
                        Locale.ROOT,
                        "Throughput (medians of %d runs, after %.0f s of POSTs on %d threads to warm up; target:"
                                + " HTTP / plain JDBC >= 0.7). intake-service used **%.2f ms of CPU per POST** over"
                                + " the runs (all its threads, the tracking processors included):%n%n",
                        runs,
                        warmUpSeconds,
                        WARM_UP_THREADS,
                        intakeCpuPerPost * 1000))
                .append("| concurrency | HTTP POST commands/s | plain JDBC rows/s | HTTP / JDBC, ratio of medians |"
                        + " median of per-run ratios | in-process Axon commands/s | Axon / JDBC (median of"
                        + " per-run ratios) |\n|---|---|---|---|---|---|---|\n");
        for (int c : concurrencies) {
            double http = median(f, "http.rate." + c);
            double jdbc = median(f, "jdbc.rate." + c);
            md.append(String.format(
                    Locale.ROOT,
                    "| %d | %s | %s | **%s** | %s | %s | %s |%n",
                    c,
                    Stats.fmt(http),
                    Stats.fmt(jdbc),
                    Stats.fmt(http / jdbc),
                    Stats.fmt(median(f, "ratio.http." + c)),
                    Stats.fmt(median(f, "axon.rate." + c)),
                    Stats.fmt(median(f, "ratio.axon." + c))));
        }
        md.append("\nLatency per call in ms (medians over the runs of each cell's p50 / p99; target: p99 <= 2x the"
                        + " fdatasync p99 of the same cell):\n\n")
                .append("| concurrency | HTTP request p50 | HTTP request p99 | Axon commit p50 | Axon commit p99 |"
                        + " JDBC commit p99 | fdatasync p50 | fdatasync p99 | HTTP p99 / fdatasync p99 |"
                        + " Axon p99 / fdatasync p99 |\n|---|---|---|---|---|---|---|---|---|---|\n");
        for (int c : concurrencies) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %d | %s | %s | %s | %s | %s | %s | %s | **%s** | **%s** |%n",
                    c,
                    Stats.fmt(median(f, "http.p50." + c)),
                    Stats.fmt(median(f, "http.p99." + c)),
                    Stats.fmt(median(f, "axon.p50." + c)),
                    Stats.fmt(median(f, "axon.p99." + c)),
                    Stats.fmt(median(f, "jdbc.p99." + c)),
                    Stats.fmt(median(f, "fsync.p50." + c)),
                    Stats.fmt(median(f, "fsync.p99." + c)),
                    Stats.fmt(median(f, "p99ratio.http." + c)),
                    Stats.fmt(median(f, "p99ratio.axon." + c))));
        }
        md.append(String.format(
                Locale.ROOT,
                "%nGlobal index after the appends (%,d commands through the in-process Axon on %d threads into an"
                        + " emptied store, %.0f s, %s commands/s; intake's store holds every event of this run's"
                        + " HTTP side and warm-up):%n%n",
                gapRun.appends(),
                GAP_THREADS,
                gapRun.seconds(),
                Stats.fmt(gapRun.appends() / gapRun.seconds())));
        md.append("| store | rows | min | max | missing (max - min + 1 - rows) | sequence last value | first holes |\n"
                + "|---|---|---|---|---|---|---|\n");
        gapRow(md, "in-process Axon, after the appends", benchGaps);
        gapRow(md, "intake-service (HTTP side)", intakeGaps);
        return md.toString();
    }

    private static void gapRow(StringBuilder md, String store, GapCheck check) {
        md.append(String.format(
                Locale.ROOT,
                "| %s | %,d | %,d | %,d | **%,d** | %,d | %s |%n",
                store,
                check.rows(),
                check.min(),
                check.max(),
                check.missing(),
                check.sequenceLastValue(),
                check.gaps().isEmpty() ? "none" : String.join(", ", check.gaps())));
    }

    private static double median(Map<String, List<Double>> figures, String key) {
        return Stats.median(figures.get(key));
    }
}
