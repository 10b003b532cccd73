package io.leakwatch.platform.messaging;

import io.leakwatch.platform.config.LeakwatchConfig;
import io.opentelemetry.api.trace.TracerProvider;
import java.util.Optional;
import org.apache.kafka.clients.producer.Producer;
import org.axonframework.config.Configurer;

/**
 * The forwarder as a service registers it ({@link ForwarderModule}, the producer of {@link KafkaProducerFactory}),
 * outside Quarkus. Lives in the platform's package (in the bench module) only to reach those package-visible classes,
 * so the benchmark measures them and not a copy.
 */
public final class BenchForwarding {

    private BenchForwarding() {}

    /** The services' forwarding producer: acks=all, idempotent, linger 5 ms. */
    public static Producer<String, String> producer(String bootstrapServers) {
        return new KafkaProducerFactory(bootstrapServers).producer();
    }

    /** Registers the "kafka-forwarder" tracking processor sending every integration event of the store to topic. */
    public static void register(Configurer configurer, Producer<String, String> producer, String topic, int batchSize) {
        new ForwarderModule(
                        config(topic, batchSize),
                        producer,
                        TracerProvider.noop().get("bench"))
                .configure(configurer);
    }

    /** What {@link ForwarderModule} reads of the configuration; the rest is not used by it. */
    private static LeakwatchConfig config(String topic, int batchSize) {
        LeakwatchConfig.Forwarder forwarder = new LeakwatchConfig.Forwarder() {
            @Override
            public Optional<String> topic() {
                return Optional.of(topic);
            }

            @Override
            public int batchSize() {
                return batchSize;
            }
        };
        return new LeakwatchConfig() {
            @Override
            public String service() {
                return "intake-service";
            }

            @Override
            public Forwarder forwarder() {
                return forwarder;
            }

            @Override
            public TopicSettings topics() {
                throw new UnsupportedOperationException();
            }

            @Override
            public Metrics metrics() {
                throw new UnsupportedOperationException();
            }

            @Override
            public Health health() {
                throw new UnsupportedOperationException();
            }

            @Override
            public Tracing tracing() {
                throw new UnsupportedOperationException();
            }

            @Override
            public Http http() {
                throw new UnsupportedOperationException();
            }

            @Override
            public Security security() {
                throw new UnsupportedOperationException();
            }

            @Override
            public ConsumerRetry consumerRetry() {
                throw new UnsupportedOperationException();
            }
        };
    }
}
