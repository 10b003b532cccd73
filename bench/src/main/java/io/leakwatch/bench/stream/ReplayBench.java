package io.leakwatch.bench.stream;

import io.agroal.api.AgroalDataSource;
import io.leakwatch.bench.BenchLogging;
import io.leakwatch.bench.Stats;
import io.leakwatch.platform.axon.StandaloneAxon;
import java.io.OutputStream;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.postgresql.PGConnection;

/**
 * Events per second a fresh tracking processor reads from the JDBC event store and hands to a no-op projection, against
 * PostgreSQL's {@code COPY (SELECT ... ORDER BY globalindex) TO STDOUT} of the same table into a null stream.
 *
 * <p>Note: the store is filled through Axon once (kept between runs of the command, topped up when short). Each run
 * takes every processor batch size in turn and one COPY, the order alternating between runs, so all sides see the
 * same neighbours on this shared box. A fresh processor is the same processor name with its token deleted. A side
 * that has not caught up after {@code capSeconds} is stopped there and its rate is what it handled so far.
 *
 * <p>Arguments: {@code jdbcUrl events runs sides(comma) capSeconds}: a side is a tracking processor's batch size (0 = the
 * platform's default configuration), or {@code pooledN}, a pooled streaming processor of N segments with the platform's
 * batch size.
 */
public final class ReplayBench {

    private static final String PROCESSOR = NoOpProjection.class.getPackageName();
    /** The batch size argument that stands for the platform's default configuration, as the projections use it. */
    private static final int PLATFORM_DEFAULT = 0;
    /** The side that stands for a pooled streaming processor: {@code pooled} and its segment count. */
    private static final String POOLED = "pooled";

    private static final String COPY = "COPY (SELECT globalindex, aggregateidentifier, sequencenumber, type,"
            + " eventidentifier, metadata, payload, payloadrevision, payloadtype, timestamp FROM domainevententry"
            + " ORDER BY globalindex) TO STDOUT";

    private ReplayBench() {}

    public static void main(String[] args) throws Exception {
        BenchLogging.infoToStderr();
        String url = args[0];
        long events = Long.parseLong(args[1]);
        int runs = Integer.parseInt(args[2]);
        List<String> sides = List.of(args[3].split(","));
        long capNanos = Long.parseLong(args[4]) * 1_000_000_000L;
        StandaloneAxon.migrate(url);
        try (AgroalDataSource dataSource = StandaloneAxon.dataSource(url, 8)) {
            long total = StreamStore.fill(dataSource, events, 4);
            Map<String, List<Double>> rates = new LinkedHashMap<>();
            Map<String, List<Double>> ratios = new LinkedHashMap<>();
            List<Boolean> capped = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                double copyRate = 0;
                Map<String, Double> processorRates = new LinkedHashMap<>();
                boolean copyFirst = run % 2 == 1;
                if (copyFirst) {
                    copyRate = copy(dataSource, run);
                }
                for (String name : sides) {
                    Side side = processor(dataSource, name, total, capNanos);
                    capped.add(side.capped());
                    System.out.printf(
                            "RESULT side=processor batchSize=%s run=%d events=%d seconds=%.2f perSecond=%.0f capped=%s%n",
                            name, run, side.events(), side.seconds(), side.rate(), side.capped());
                    processorRates.put(name, side.rate());
                }
                if (!copyFirst) {
                    copyRate = copy(dataSource, run);
                }
                rates.computeIfAbsent("copy", k -> new ArrayList<>()).add(copyRate);
                for (Map.Entry<String, Double> e : processorRates.entrySet()) {
                    rates.computeIfAbsent("b" + e.getKey(), k -> new ArrayList<>())
                            .add(e.getValue());
                    ratios.computeIfAbsent("b" + e.getKey(), k -> new ArrayList<>())
                            .add(e.getValue() / copyRate);
                }
            }
            double copy = Stats.median(rates.get("copy"));
            StringBuilder md = new StringBuilder(
                    "| processor batch size | events in the store | processor events/s | COPY rows/s | ratio of medians |"
                            + " median of per-run ratios |\n|---|---|---|---|---|---|\n");
            for (String name : sides) {
                double rate = Stats.median(rates.get("b" + name));
                md.append(String.format(
                        "| %s | %,d | %s | %s | **%s** | %s |%n",
                        describe(name),
                        total,
                        Stats.fmt(rate),
                        Stats.fmt(copy),
                        Stats.fmt(rate / copy),
                        Stats.fmt(Stats.median(ratios.get("b" + name)))));
            }
            System.out.println("MARKDOWN-BEGIN");
            System.out.print(md);
            System.out.println("MARKDOWN-END");
        }
    }

    record Side(long events, double seconds, boolean capped) {
        double rate() {
            return events / seconds;
        }
    }

    private static String describe(String side) {
        if (side.startsWith(POOLED)) {
            return "pooled streaming, " + side.substring(POOLED.length()) + " segments, platform batch size";
        }
        return Integer.parseInt(side) == PLATFORM_DEFAULT ? "platform default" : side;
    }

    /** A fresh processor (token deleted) of the given side, until it has seen every event. */
    private static Side processor(AgroalDataSource dataSource, String side, long total, long capNanos)
            throws Exception {
        StreamStore.execute(dataSource, "DELETE FROM tokenentry WHERE processorname = '" + PROCESSOR + "'");
        AtomicLong handled = new AtomicLong();
        var configurer = StandaloneAxon.configurer(dataSource);
        if (side.startsWith(POOLED)) {
            int segments = Integer.parseInt(side.substring(POOLED.length()));
            configurer
                    .eventProcessing()
                    .registerPooledStreamingEventProcessor(
                            PROCESSOR,
                            c -> c.eventStore(),
                            (c, builder) -> builder.initialSegmentCount(segments)
                                    .maxClaimedSegments(segments)
                                    .batchSize(StandaloneAxon.processorBatchSize()));
        } else if (Integer.parseInt(side) == PLATFORM_DEFAULT) {
            // As the services register their projections: the platform's default configuration.
            configurer.eventProcessing().registerTrackingEventProcessor(PROCESSOR);
        } else {
            int batchSize = Integer.parseInt(side);
            configurer
                    .eventProcessing()
                    .registerTrackingEventProcessor(
                            PROCESSOR,
                            c -> c.eventStore(),
                            c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                    .andBatchSize(batchSize));
        }
        configurer.eventProcessing().registerEventHandler(c -> new NoOpProjection(handled));
        Configuration axon = configurer.buildConfiguration();
        long started = System.nanoTime();
        axon.start();
        try {
            while (handled.get() < total && System.nanoTime() - started < capNanos) {
                Thread.sleep(5);
            }
            return new Side(handled.get(), (System.nanoTime() - started) / 1e9, handled.get() < total);
        } finally {
            axon.shutdown();
        }
    }

    private static double copy(AgroalDataSource dataSource, int run) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            long started = System.nanoTime();
            long rows =
                    connection.unwrap(PGConnection.class).getCopyAPI().copyOut(COPY, OutputStream.nullOutputStream());
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(
                    "RESULT side=copy run=%d rows=%d seconds=%.2f perSecond=%.0f%n",
                    run, rows, seconds, rows / seconds);
            return rows / seconds;
        }
    }
}
