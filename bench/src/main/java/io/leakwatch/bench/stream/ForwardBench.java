package io.leakwatch.bench.stream;

import io.agroal.api.AgroalDataSource;
import io.leakwatch.bench.BenchLogging;
import io.leakwatch.bench.Stats;
import io.leakwatch.platform.axon.StandaloneAxon;
import io.leakwatch.platform.messaging.BenchForwarding;
import io.leakwatch.platform.messaging.KafkaForwarder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.Producer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;

/**
 * Events per second the platform's {@link KafkaForwarder} takes from the JDBC event store to a topic (a fresh
 * "kafka-forwarder" token over a filled store, timed until a consumer has every record), then the latency from append
 * to a consumer's receipt at a steady rate; against Kafka's own {@code ProducerPerformance} with the same record size,
 * acks, idempotence and linger on the same broker, run as a child process between the forwarder's runs.
 *
 * <p>Arguments: {@code jdbcUrl bootstrapServers events runs latencyRate latencySeconds batchSize}.
 */
public final class ForwardBench {

    private static final int PARTITIONS = 6;
    private static final Pattern PERF_SUMMARY = Pattern.compile(
            "(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency,"
                    + " ([\\d.]+) ms max latency, (\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th");

    private ForwardBench() {}

    public static void main(String[] args) throws Exception {
        BenchLogging.infoToStderr();
        String url = args[0];
        String bootstrap = args[1];
        long events = Long.parseLong(args[2]);
        int runs = Integer.parseInt(args[3]);
        int latencyRate = Integer.parseInt(args[4]);
        int latencySeconds = Integer.parseInt(args[5]);
        int batchSize = Integer.parseInt(args[6]);
        StandaloneAxon.migrate(url);
        List<Double> forwarded = new ArrayList<>();
        List<Double> perf = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        List<Double> p50s = new ArrayList<>();
        List<Double> p99s = new ArrayList<>();
        List<Double> commitP50s = new ArrayList<>();
        List<Double> commitP99s = new ArrayList<>();
        List<Double> perfP99s = new ArrayList<>();
        int recordSize = 0;
        try (AgroalDataSource dataSource = StandaloneAxon.dataSource(url, 8);
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            long total = StreamStore.fill(dataSource, events, 4);
            long filledUpTo = StreamStore.maxGlobalIndex(dataSource);
            for (int run = 1; run <= runs; run++) {
                // The forwarder goes first in odd runs: its first run also gives the record size for the baseline.
                double forwardRate = 0;
                PerfResult perfResult = null;
                for (String side : run % 2 == 1 ? List.of("forwarder", "perf") : List.of("perf", "forwarder")) {
                    String topic = "lwbench.forward." + side + "." + UUID.randomUUID();
                    admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1)))
                            .all()
                            .get();
                    if (side.equals("perf")) {
                        perfResult = producerPerformance(bootstrap, topic, total, recordSize);
                        System.out.printf(
                                "RESULT side=perf run=%d records=%d recordSize=%d perSecond=%.0f p50ms=%d p99ms=%d%n",
                                run, total, recordSize, perfResult.rate(), perfResult.p50(), perfResult.p99());
                    } else {
                        ForwardResult r = forward(
                                dataSource,
                                bootstrap,
                                topic,
                                total,
                                filledUpTo,
                                batchSize,
                                latencyRate,
                                latencySeconds);
                        recordSize = (int) Math.round(r.meanRecordBytes());
                        forwardRate = r.rate();
                        p50s.add(r.p50Millis());
                        p99s.add(r.p99Millis());
                        commitP50s.add(r.commitP50Millis());
                        commitP99s.add(r.commitP99Millis());
                        System.out.printf(
                                "RESULT side=forwarder run=%d records=%d meanRecordBytes=%.0f perSecond=%.0f"
                                        + " latencyRecords=%d p50ms=%.1f p99ms=%.1f commitP50ms=%.1f commitP99ms=%.1f%n",
                                run,
                                total,
                                r.meanRecordBytes(),
                                r.rate(),
                                r.latencyRecords(),
                                r.p50Millis(),
                                r.p99Millis(),
                                r.commitP50Millis(),
                                r.commitP99Millis());
                    }
                    admin.deleteTopics(List.of(topic)).all().get();
                }
                forwarded.add(forwardRate);
                perf.add(perfResult.rate());
                perfP99s.add((double) perfResult.p99());
                ratios.add(forwardRate / perfResult.rate());
            }
            double f = Stats.median(forwarded);
            double p = Stats.median(perf);
            System.out.println("MARKDOWN-BEGIN");
            System.out.println("| events | record bytes | forwarder events/s | ProducerPerformance records/s |"
                    + " ratio of medians | median of per-run ratios | append-to-receive p50 ms | p99 ms |"
                    + " commit-to-receive p50 ms | p99 ms | ProducerPerformance send-to-ack p99 ms |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
            System.out.printf(
                    "| %,d | %d | %s | %s | **%s** | %s | %s | %s | %s | %s | %s |%n",
                    total,
                    recordSize,
                    Stats.fmt(f),
                    Stats.fmt(p),
                    Stats.fmt(f / p),
                    Stats.fmt(Stats.median(ratios)),
                    Stats.fmt(Stats.median(p50s)),
                    Stats.fmt(Stats.median(p99s)),
                    Stats.fmt(Stats.median(commitP50s)),
                    Stats.fmt(Stats.median(commitP99s)),
                    Stats.fmt(Stats.median(perfP99s)));
            System.out.println("MARKDOWN-END");
        }
    }

    record ForwardResult(
            double rate,
            double meanRecordBytes,
            int latencyRecords,
            double p50Millis,
            double p99Millis,
            double commitP50Millis,
            double commitP99Millis) {}

    /**
     * Each latency record's time from its append's return (the commit, seen by the sender) to its receipt: the part of
     * append-to-receive that is the forwarder's (its poll of the store, the send, the acks) and the consumer's.
     */
    private static long[] sinceCommit(Map<String, Instant> committed, Map<String, Instant> received) {
        if (!committed.keySet().equals(received.keySet())) {
            throw new IllegalStateException("The latency phase committed " + committed.size() + " incidents, the topic"
                    + " has " + received.size() + " other than the backlog, and not the same ones");
        }
        return committed.entrySet().stream()
                .mapToLong(e ->
                        Duration.between(e.getValue(), received.get(e.getKey())).toNanos() / 1000)
                .toArray();
    }

    record PerfResult(double rate, long p50, long p99) {}

    /**
     * A fresh forwarder over the whole store, timed from its start to the consumer's receipt of the last record; then
     * {@code latencyRate} new events a second for {@code latencySeconds}, each timed from its timestamp (taken when it
     * is applied, before its commit) to its receipt. The store is first cut back to the {@code total} events filled (up
     * to global index {@code filledUpTo}), so that each run forwards the same backlog and the records after it are this
     * run's latency events only; a record after the backlog that was appended before the latency phase fails the run.
     */
    private static ForwardResult forward(
            AgroalDataSource dataSource,
            String bootstrap,
            String topic,
            long total,
            long filledUpTo,
            int batchSize,
            int latencyRate,
            int latencySeconds)
            throws Exception {
        // Every run starts from the filled store: without this, the earlier runs' latency events stayed in it, the
        // forwarder re-sent them after the backlog, and the counter took them, tens of seconds old, as this run's.
        long removed = StreamStore.truncateAfter(dataSource, filledUpTo);
        long store = StreamStore.count(dataSource);
        if (store != total) {
            throw new IllegalStateException("The store holds " + store + " events, not the " + total + " filled");
        }
        StreamStore.execute(
                dataSource, "DELETE FROM tokenentry WHERE processorname = '" + KafkaForwarder.PROCESSING_GROUP + "'");
        System.out.printf(
                "STORE events=%d removed=%d (left after the filled ones by an earlier run)%n", store, removed);
        long expected = total + (long) latencyRate * latencySeconds;
        try (TopicCounter counter = new TopicCounter(bootstrap, topic, total, expected);
                Producer<String, String> producer = BenchForwarding.producer(bootstrap)) {
            Configurer configurer = StandaloneAxon.configurer(dataSource).configureAggregate(StreamIncident.class);
            BenchForwarding.register(configurer, producer, topic, batchSize);
            Configuration axon = configurer.buildConfiguration();
            long started = System.nanoTime();
            axon.start();
            try {
                counter.awaitBacklog(Duration.ofMinutes(10));
                double rate = total / ((counter.backlogDoneNanos() - started) / 1e9);
                // The store keeps timestamps to the millisecond.
                counter.latencyPhaseStarts(Instant.now().truncatedTo(ChronoUnit.MILLIS));
                Map<String, Instant> committed = appendSteadily(axon.commandGateway(), latencyRate, latencySeconds);
                counter.awaitAll(Duration.ofMinutes(2));
                if (counter.stale() > 0) {
                    throw new IllegalStateException(counter.stale() + " of the latency phase's records were appended"
                            + " before it began (up to " + counter.oldestStaleMicros() / 1000 + " ms old): the"
                            + " forwarder had not caught up with the store");
                }
                long[] latencies = counter.latenciesMicros();
                long[] fromCommit = sinceCommit(committed, counter.latencyReceipts());
                return new ForwardResult(
                        rate,
                        counter.meanRecordBytes(),
                        latencies.length,
                        Stats.percentile(latencies, latencies.length, 50) / 1e3,
                        Stats.percentile(latencies, latencies.length, 99) / 1e3,
                        Stats.percentile(fromCommit, fromCommit.length, 50) / 1e3,
                        Stats.percentile(fromCommit, fromCommit.length, 99) / 1e3);
            } finally {
                axon.shutdown();
                // The kept database holds the filled events only, for the next run and the next invocation.
                StreamStore.truncateAfter(dataSource, filledUpTo);
            }
        }
    }

    /**
     * One new incident (one event, one commit) every 1/rate seconds on a fixed schedule, whatever the commits take;
     * returns when each incident's append returned (committed), by incident.
     */
    private static Map<String, Instant> appendSteadily(CommandGateway gateway, int rate, int seconds)
            throws InterruptedException {
        Map<String, Instant> committed = new ConcurrentHashMap<>();
        ExecutorService senders = Executors.newFixedThreadPool(16);
        AtomicLong failures = new AtomicLong();
        long start = System.nanoTime();
        long interval = 1_000_000_000L / rate;
        for (long i = 0; i < (long) rate * seconds; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            senders.execute(() -> {
                try {
                    String incident = UUID.randomUUID().toString();
                    gateway.sendAndWait(new RecordIncident(incident, 0));
                    committed.put(incident, Instant.now());
                } catch (RuntimeException e) {
                    failures.incrementAndGet();
                }
            });
        }
        senders.shutdown();
        senders.awaitTermination(5, TimeUnit.MINUTES);
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " appends failed in the latency phase");
        }
        return committed;
    }

    /** Kafka's producer perf tool in a JVM of its own, on the bench's class path (kafka-tools at the broker's version). */
    private static PerfResult producerPerformance(String bootstrap, String topic, long records, int recordSize)
            throws Exception {
        Process process = new ProcessBuilder(
                        java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java")
                                .toString(),
                        "-Xmx512m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "org.apache.kafka.tools.ProducerPerformance",
                        "--topic",
                        topic,
                        "--num-records",
                        Long.toString(records),
                        "--record-size",
                        Integer.toString(recordSize),
                        "--throughput",
                        "-1",
                        "--producer-props",
                        "bootstrap.servers=" + bootstrap,
                        "acks=all",
                        "enable.idempotence=true",
                        "linger.ms=5",
                        "delivery.timeout.ms=30000",
                        "request.timeout.ms=10000")
                .redirectErrorStream(true)
                .start();
        String summary = null;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                Matcher m = PERF_SUMMARY.matcher(line);
                if (m.find() && Long.parseLong(m.group(1)) == records) {
                    summary = line;
                }
            }
        }
        if (process.waitFor() != 0 || summary == null) {
            throw new IllegalStateException("ProducerPerformance failed (exit " + process.exitValue() + ")");
        }
        Matcher m = PERF_SUMMARY.matcher(summary);
        m.find();
        return new PerfResult(Double.parseDouble(m.group(2)), Long.parseLong(m.group(6)), Long.parseLong(m.group(8)));
    }
}
