package io.leakwatch.testing;

import io.leakwatch.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** What is on {@code leakwatch.dead-letters}, for tests of poison records and of their replay. */
public final class DeadLetters {

    private DeadLetters() {}

    /** The dead letters whose Kafka key is {@code key} (an incident id, say), in partition order. */
    public static List<ConsumerRecord<String, String>> keyed(String bootstrapServers, String key) {
        return TopicReader.readAll(bootstrapServers, Topics.DEAD_LETTERS).stream()
                .filter(r -> key.equals(r.key()))
                .toList();
    }

    /** A header's value as text, or null when the record has none of that name. */
    public static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
