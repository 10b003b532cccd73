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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

/**
 * Creates the {@code leakwatch.*} topics a service finds missing, before its consumers subscribe (a consumer that
 * subscribes to a missing topic waits for metadata refreshes before it sees its first record) and before any of its
 * producers exists (the broker would auto-create a topic it sends to with the default retention). Event topics keep
 * their records forever; where an operator (Strimzi) owns the topics, {@code leakwatch.topics.create=false} turns this
 * off.
 *
 * <p>The check runs on a thread of its own from the first moment of the start, while Axon is built and started on the
 * main thread: the admin client's classes and round trips had cost the main thread 0.3-0.4 s (docs/BENCHMARKS.md,
 * footprint). It is awaited before the messaging channels start and by {@link KafkaProducerFactory} before it makes a
 * producer; a check that failed fails the start as it did when it ran on the main thread.
 */
@ApplicationScoped
class KafkaTopicsInitializer {

    private static final Logger LOG = Logger.getLogger(KafkaTopicsInitializer.class);

    private final LeakwatchConfig config;
    private final KafkaProducerFactory clients;
    private final CompletableFuture<Void> checked = new CompletableFuture<>();

    KafkaTopicsInitializer(LeakwatchConfig config, KafkaProducerFactory clients) {
        this.config = config;
        this.clients = clients;
    }

    void begin(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE - 1) StartupEvent event) {
        if (!config.topics().create()) {
            checked.complete(null);
            return;
        }
        Thread check = new Thread(this::check, "kafka-topics-check");
        check.setDaemon(true);
        check.start();
    }

    /** Just before SmallRye Reactive Messaging starts the channels (its observer has priority LIBRARY_BEFORE). */
    void awaitBeforeChannels(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE - 1) StartupEvent event) {
        awaitChecked();
    }

    /** Returns once every topic exists; throws what the check failed with. */
    void awaitChecked() {
        try {
            checked.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        }
    }

    private void check() {
        try {
            createMissing();
            checked.complete(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            checked.completeExceptionally(new IllegalStateException("Interrupted while checking Kafka's topics", e));
        } catch (RuntimeException | Error e) {
            checked.completeExceptionally(e);
        }
    }

    private void createMissing() throws InterruptedException {
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
