package io.leakwatch.platform.messaging;

import io.leakwatch.contracts.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

/**
 * Lists the records on {@code leakwatch.dead-letters} and puts chosen ones back on the topic they came from (the
 * {@code dead-letter-topic} header), with their key (so the same partition) and their own headers ({@code traceparent}
 * ...), without SmallRye's {@code dead-letter-*} ones and with {@code leakwatch-replayed-from} naming the dead letter.
 * Replaying is safe to repeat: every consumer is idempotent (the inbox by event id, the aggregates by chunk number or
 * verdict), so a record that was handled meanwhile, or is replayed twice, changes nothing.
 */
@ApplicationScoped
public class DeadLetterReplay {

    static final String REPLAYED_FROM = "leakwatch-replayed-from";
    private static final Logger LOG = Logger.getLogger(DeadLetterReplay.class);
    private static final String HEADER_PREFIX = "dead-letter-";
    private static final Duration POLL = Duration.ofMillis(500);
    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final KafkaProducerFactory clients;
    private final Producer<String, String> producer;

    DeadLetterReplay(KafkaProducerFactory clients, Producer<String, String> producer) {
        this.clients = clients;
        this.producer = producer;
    }

    /** One dead letter as an operator sees it: where it is, where it came from, and why it is there. */
    public record DeadLetter(
            int partition,
            long offset,
            String key,
            String sourceTopic,
            Integer sourcePartition,
            Long sourceOffset,
            String reason) {}

    /** Which dead letters: every given criterion must hold; {@code partition} and {@code offset} go together. */
    public record Selection(String key, String sourceTopic, Integer partition, Long offset) {

        boolean isEmpty() {
            return key == null && sourceTopic == null && partition == null && offset == null;
        }

        boolean matches(DeadLetter letter) {
            return (key == null || key.equals(letter.key()))
                    && (sourceTopic == null || sourceTopic.equals(letter.sourceTopic()))
                    && (partition == null || partition == letter.partition())
                    && (offset == null || offset == letter.offset());
        }
    }

    /** The dead letters {@code selection} chooses, oldest first within each partition. */
    public List<DeadLetter> list(Selection selection) {
        List<DeadLetter> found = new ArrayList<>();
        readAll(record -> {
            DeadLetter letter = describe(record);
            if (selection.matches(letter)) {
                found.add(letter);
            }
        });
        return found;
    }

    /**
     * Re-publishes the dead letters {@code selection} chooses to their source topics and waits until the broker has
     * them all. A dead letter whose source is not a Leakwatch topic is left where it is.
     */
    public List<DeadLetter> replay(Selection selection) {
        List<DeadLetter> replayed = new ArrayList<>();
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        readAll(record -> {
            DeadLetter letter = describe(record);
            if (selection.matches(letter) && replayable(letter.sourceTopic())) {
                sends.add(producer.send(republished(record, letter)));
                replayed.add(letter);
            }
        });
        for (Future<RecordMetadata> send : sends) {
            awaitAck(send);
        }
        LOG.infof("Replayed %d dead letter(s)", replayed.size());
        return replayed;
    }

    private static boolean replayable(String topic) {
        return topic != null && Topics.ALL.contains(topic) && !Topics.DEAD_LETTERS.equals(topic);
    }

    private static ProducerRecord<String, String> republished(
            ConsumerRecord<String, String> record, DeadLetter letter) {
        ProducerRecord<String, String> copy =
                new ProducerRecord<>(letter.sourceTopic(), null, record.key(), record.value());
        for (Header header : record.headers()) {
            if (!header.key().startsWith(HEADER_PREFIX)) {
                copy.headers().add(header);
            }
        }
        copy.headers()
                .add(
                        REPLAYED_FROM,
                        (Topics.DEAD_LETTERS + "/" + letter.partition() + "/" + letter.offset())
                                .getBytes(StandardCharsets.UTF_8));
        return copy;
    }

    private static DeadLetter describe(ConsumerRecord<String, String> record) {
        return new DeadLetter(
                record.partition(),
                record.offset(),
                record.key(),
                header(record, "topic"),
                number(header(record, "partition")) == null
                        ? null
                        : number(header(record, "partition")).intValue(),
                number(header(record, "offset")),
                header(record, "reason"));
    }

    /** Reads the dead-letter topic from its start to its end as it is now. */
    private void readAll(Consumer<ConsumerRecord<String, String>> visit) {
        try (KafkaConsumer<String, String> reader = clients.reader()) {
            List<TopicPartition> partitions = reader.partitionsFor(Topics.DEAD_LETTERS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = reader.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> reader.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> record : reader.poll(POLL)) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        visit.accept(record);
                    }
                }
            }
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(HEADER_PREFIX + name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Long number(String text) {
        try {
            return text == null ? null : Long.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void awaitAck(Future<RecordMetadata> send) {
        try {
            send.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while replaying dead letters", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The broker did not take a replayed dead letter", e);
        }
    }
}
