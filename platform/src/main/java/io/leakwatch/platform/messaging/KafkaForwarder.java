package io.leakwatch.platform.messaging;

import io.leakwatch.contracts.CloudEvent;
import io.leakwatch.contracts.IntegrationEvent;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * Feeds Kafka from the event store: the store is the outbox. Runs in a tracking processor whose token lives in the
 * service's database; the batch's transaction (and with it the token) commits only after the broker acknowledged every
 * record of the batch, so a crash re-sends rather than loses. Consumers dedupe re-sent records by the event id.
 */
@ProcessingGroup(KafkaForwarder.PROCESSING_GROUP)
public class KafkaForwarder {

    public static final String PROCESSING_GROUP = "kafka-forwarder";

    private static final long ACK_TIMEOUT_SECONDS = 30;

    private final Producer<String, String> producer;
    private final CloudEventCodec codec;
    private final String topic;
    private final String source;

    public KafkaForwarder(Producer<String, String> producer, CloudEventCodec codec, String topic, String service) {
        this.producer = producer;
        this.codec = codec;
        this.topic = topic;
        this.source = "/leakwatch/" + service;
    }

    @EventHandler
    void forward(IntegrationEvent event, @MessageIdentifier String eventId, @Timestamp Instant recordedAt) {
        String json = codec.encode(CloudEvent.wrap(eventId, source, recordedAt, event));
        Future<RecordMetadata> sent = producer.send(new ProducerRecord<>(topic, event.incidentId(), json));
        // Records of a batch go out together; the batch commits only once all are acknowledged.
        CurrentUnitOfWork.get().onPrepareCommit(unitOfWork -> awaitAcknowledgement(sent, eventId));
    }

    private static void awaitAcknowledgement(Future<RecordMetadata> sent, String eventId) {
        try {
            sent.get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while forwarding event " + eventId, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge event " + eventId, e);
        }
    }
}
