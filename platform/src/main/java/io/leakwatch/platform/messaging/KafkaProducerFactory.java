package io.leakwatch.platform.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Kafka clients the platform uses outside SmallRye's channels: the forwarder's producer (and one alike for values
 * that are bytes), the topic admin, and a reader of whole topics (dead-letter replay).
 */
@ApplicationScoped
class KafkaProducerFactory {

    private final String bootstrapServers;

    KafkaProducerFactory(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Made at its first use, once the topic check has made every topic (see {@link KafkaTopicsInitializer}). */
    @Produces
    @ApplicationScoped
    Producer<String, String> producerOnceTopicsExist(KafkaTopicsInitializer topics) {
        topics.awaitChecked();
        return producer();
    }

    /** Idempotent and acks=all: a record the broker acknowledged is on every in-sync replica, once, in order. */
    Producer<String, String> producer() {
        return new KafkaProducer<>(producerSettings(), new StringSerializer(), new StringSerializer());
    }

    void close(@Disposes Producer<String, String> producer) {
        producer.close();
    }

    /**
     * The same settings for values that are bytes already: sample chunks, whose JSON is written straight to UTF-8
     * (a {@code String} of each ~300 KB chunk cost more than the rest of the reading thread's work).
     */
    @Produces
    @ApplicationScoped
    Producer<String, byte[]> bytesProducerOnceTopicsExist(KafkaTopicsInitializer topics) {
        topics.awaitChecked();
        return new KafkaProducer<>(producerSettings(), new StringSerializer(), new ByteArraySerializer());
    }

    void closeBytes(@Disposes Producer<String, byte[]> producer) {
        producer.close();
    }

    private Map<String, Object> producerSettings() {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.LINGER_MS_CONFIG,
                5,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                30_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                10_000);
    }

    /** A reader of whole topics without a consumer group (it assigns partitions itself and commits nothing). */
    KafkaConsumer<String, String> reader() {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                        30_000),
                new StringDeserializer(),
                new StringDeserializer());
    }

    Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                30_000));
    }
}
