package io.leakwatch.platform.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.IncomingInterceptor;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * {@code leakwatch_dead_letters_total{channel}}: records of an incoming channel that its consumer refused. Every
 * incoming channel is configured with {@code failure-strategy=dead-letter-queue}, so a refused record is on
 * {@code leakwatch.dead-letters} by the time this counts it (the interceptor runs once the nack completed), and its
 * partition goes on with the next record.
 *
 * <p>Note: an interceptor without {@code @Identifier} applies to every incoming channel that has none of its own.
 */
@ApplicationScoped
class DeadLetterMetrics implements IncomingInterceptor {

    static final String DEAD_LETTERS = "leakwatch.dead.letters";
    private static final Logger LOG = Logger.getLogger(DeadLetterMetrics.class);

    private final MeterRegistry registry;

    DeadLetterMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onMessageAck(Message<?> message) {
        // Nothing to count.
    }

    @Override
    public void onMessageNack(Message<?> message, Throwable failure) {
        String channel = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(IncomingKafkaRecordMetadata::getChannel)
                // A channel consumed by several copies (its `concurrency`) names each copy `channel$N`: one label.
                .map(name -> name.replaceFirst("\\$\\d+$", ""))
                .orElse("unknown");
        // The class only: a message may quote the record, and a record is not for the log.
        LOG.warnf(
                "A record of channel %s went to the dead letters: %s",
                channel, failure.getClass().getSimpleName());
        Counter.builder(DEAD_LETTERS)
                .tag("channel", channel)
                .description("Records a consumer could not process, sent to leakwatch.dead-letters")
                .register(registry)
                .increment();
    }
}
