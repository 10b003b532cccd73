package io.leakwatch.platform.messaging;

import io.leakwatch.contracts.Topics;
import io.leakwatch.platform.config.LeakwatchConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

/**
 * Creates the {@code leakwatch.*} topics a service finds missing, before its consumers subscribe: a consumer that
 * subscribes to a missing topic waits for metadata refreshes before it sees its first record. Event topics keep their
 * records forever; where an operator (Strimzi) owns the topics, {@code leakwatch.topics.create=false} turns this off.
 */
@ApplicationScoped
class KafkaTopicsInitializer {

    private static final Logger LOG = Logger.getLogger(KafkaTopicsInitializer.class);

    private final LeakwatchConfig config;
    private final KafkaProducerFactory clients;

    KafkaTopicsInitializer(LeakwatchConfig config, KafkaProducerFactory clients) {
        this.config = config;
        this.clients = clients;
    }

    void createMissing(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE - 1) StartupEvent event)
            throws InterruptedException {
        if (!config.topics().create()) {
            return;
        }
        try (Admin admin = clients.admin()) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = Topics.ALL.stream()
                    .filter(topic -> !existing.contains(topic))
                    .map(this::newTopic)
                    .toList();
            if (missing.isEmpty()) {
                return;
            }
            try {
                admin.createTopics(missing).all().get();
                LOG.infof(
                        "Created Kafka topics %s",
                        missing.stream().map(NewTopic::name).toList());
            } catch (ExecutionException e) {
                // Another service created them at the same moment: that is fine.
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("Cannot create Kafka topics", e.getCause());
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot reach Kafka to check its topics", e.getCause());
        }
    }

    private NewTopic newTopic(String name) {
        NewTopic topic =
                new NewTopic(name, config.topics().partitions(), config.topics().replicationFactor());
        // Dead letters came off topics that keep everything: they are kept as long, until someone has looked at them.
        if (Topics.EVENT_TOPICS.contains(name) || Topics.DEAD_LETTERS.equals(name)) {
            topic.configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1"));
        }
        return topic;
    }
}
