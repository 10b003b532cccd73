package io.leakwatch.bench.stream;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from its beginning on a thread of its own: when the first {@code backlog} records are in, and for each
 * record after them the time from its CloudEvents {@code time} (the event's timestamp) to its receipt.
 */
final class TopicCounter implements AutoCloseable {

    private static final Pattern TIME = Pattern.compile("\"time\":\"([^\"]+)\"");

    private final KafkaConsumer<String, String> consumer;
    private final long backlog;
    private final long expected;
    private final CountDownLatch backlogIn = new CountDownLatch(1);
    private final CountDownLatch allIn = new CountDownLatch(1);
    private final long[] latenciesMicros;
    private final Thread reader;
    private volatile boolean closed;
    private volatile long backlogDoneNanos;
    private volatile Throwable failure;
    private volatile Instant latencyPhaseStart = Instant.MAX;
    private final Map<String, Instant> latencyReceipts = new HashMap<>();
    private long stale;
    private long oldestStaleMicros;
    private long received;
    private long bytes;

    TopicCounter(String bootstrap, String topic, long backlog, long expected) {
        this.backlog = backlog;
        this.expected = expected;
        this.latenciesMicros = new long[(int) (expected - backlog)];
        consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        2000),
                new StringDeserializer(),
                new StringDeserializer());
        List<TopicPartition> partitions = partitions(topic);
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        partitions.forEach(consumer::position);
        reader = new Thread(this::read, "topic-counter");
        reader.start();
    }

    /**
     * The topic's partitions, once the broker knows them: just after its creation, under load, the metadata may not
     * have them yet and partitionsFor answers an empty list (the bench then failed: "not assigned any partitions").
     */
    private List<TopicPartition> partitions(String topic) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            if (!partitions.isEmpty()) {
                return partitions;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("No partitions of " + topic + " after 30 s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + topic, e);
            }
        }
    }

    private void read() {
        try {
            while (!closed && received < expected) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    Instant receivedAt = Instant.now();
                    received++;
                    bytes += record.serializedValueSize() + Math.max(0, record.serializedKeySize());
                    if (received == backlog) {
                        backlogDoneNanos = System.nanoTime();
                        backlogIn.countDown();
                    } else if (received > backlog && received <= expected) {
                        Matcher time = TIME.matcher(record.value());
                        time.find();
                        Instant appended = Instant.parse(time.group(1));
                        long micros = Duration.between(appended, receivedAt).toNanos() / 1000;
                        latenciesMicros[(int) (received - backlog - 1)] = micros;
                        latencyReceipts.put(record.key(), receivedAt);
                        if (appended.isBefore(latencyPhaseStart)) {
                            stale++;
                            oldestStaleMicros = Math.max(oldestStaleMicros, micros);
                        }
                    }
                }
            }
            allIn.countDown();
        } catch (Throwable e) {
            failure = e;
            backlogIn.countDown();
            allIn.countDown();
        }
    }

    void awaitBacklog(Duration timeout) throws InterruptedException {
        await(backlogIn, timeout, "the first " + backlog + " records");
    }

    void awaitAll(Duration timeout) throws InterruptedException {
        await(allIn, timeout, expected + " records");
    }

    private void await(CountDownLatch latch, Duration timeout, String what) throws InterruptedException {
        if (!latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(
                    "Not all of " + what + " arrived within " + timeout + " (" + received + ")");
        }
        if (failure != null) {
            throw new IllegalStateException("Reading the topic failed", failure);
        }
    }

    /** Records after the backlog appended before this instant are not the latency phase's own (see stale()). */
    void latencyPhaseStarts(Instant start) {
        latencyPhaseStart = start;
    }

    /** Records after the backlog whose event was appended before the latency phase began: another run's events. */
    long stale() {
        return stale;
    }

    /** The largest append-to-receive time of a stale record, in microseconds. */
    long oldestStaleMicros() {
        return oldestStaleMicros;
    }

    long backlogDoneNanos() {
        return backlogDoneNanos;
    }

    /** Mean key plus value bytes of the records read so far. */
    double meanRecordBytes() {
        return (double) bytes / received;
    }

    /** When each record after the backlog arrived, by its key (the incident); read after {@link #awaitAll}. */
    Map<String, Instant> latencyReceipts() {
        return Map.copyOf(latencyReceipts);
    }

    long[] latenciesMicros() {
        return latenciesMicros.clone();
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        reader.join(5_000);
        consumer.close();
    }
}
