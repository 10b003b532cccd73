package io.leakwatch.testing;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Puts records on a topic as another service would, for tests that feed a consumer directly. */
public final class TopicWriter {

    private TopicWriter() {}

    /** Sends each value under {@code key}, in order, and waits until the broker has them all. */
    public static void publish(String bootstrapServers, String topic, String key, String... values) {
        publish(bootstrapServers, topic, key, Map.of(), values);
    }

    /** Sends each value under {@code key} with {@code headers} (a {@code traceparent}, say), in order. */
    public static void publish(
            String bootstrapServers, String topic, String key, Map<String, String> headers, String... values) {
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(),
                new StringSerializer())) {
            for (String value : values) {
                ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
                headers.forEach((name, header) ->
                        record.headers().add(name, header.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                producer.send(record).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing to " + topic, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not publish to " + topic, e.getCause());
        }
    }
}
