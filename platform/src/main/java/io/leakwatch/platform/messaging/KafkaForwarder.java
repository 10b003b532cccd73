package io.leakwatch.platform.messaging;

import io.leakwatch.contracts.CloudEvent;
import io.leakwatch.contracts.IntegrationEvent;
import io.leakwatch.platform.logging.IncidentMdc;
import io.leakwatch.platform.tracing.TraceContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
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
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * Feeds Kafka from the event store: the store is the outbox. Runs in a tracking processor whose token lives in the
 * service's database; the batch's transaction (and with it the token) commits only after the broker acknowledged every
 * record of the batch, so a crash re-sends rather than loses. Consumers dedupe re-sent records by the event id.
 *
 * <p>Each record carries the W3C trace context of the request that caused its event ({@code traceparent} in the
 * event's metadata, see {@code TraceContextDispatchInterceptor}) as Kafka headers, through a producer span of its own,
 * so the consumers' spans join the same trace although this runs later, on a processor thread.
 */
@ProcessingGroup(KafkaForwarder.PROCESSING_GROUP)
public class KafkaForwarder {

    public static final String PROCESSING_GROUP = "kafka-forwarder";

    private static final long ACK_TIMEOUT_SECONDS = 30;

    private final Producer<String, String> producer;
    private final CloudEventCodec codec;
    private final String topic;
    private final String source;
    private final Tracer tracer;

    public KafkaForwarder(Producer<String, String> producer, CloudEventCodec codec, String topic, String service) {
        this(producer, codec, topic, service, TracerProvider.noop().get(PROCESSING_GROUP));
    }

    public KafkaForwarder(
            Producer<String, String> producer, CloudEventCodec codec, String topic, String service, Tracer tracer) {
        this.producer = producer;
        this.codec = codec;
        this.topic = topic;
        this.source = "/leakwatch/" + service;
        this.tracer = tracer;
    }

    @EventHandler
    void forward(
            IntegrationEvent event,
            @MessageIdentifier String eventId,
            @Timestamp Instant recordedAt,
            MetaData metaData) {
        try (IncidentMdc.Scope scope = IncidentMdc.put(event.incidentId())) {
            String json = codec.encode(CloudEvent.wrap(eventId, source, recordedAt, event));
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, event.incidentId(), json);
            Span span = null;
            if (metaData.containsKey(TraceContext.TRACEPARENT)) {
                span = tracer.spanBuilder(topic + " publish")
                        .setParent(TraceContext.from(metaData))
                        .setSpanKind(SpanKind.PRODUCER)
                        .setAttribute("messaging.system", "kafka")
                        .setAttribute("messaging.destination.name", topic)
                        .setAttribute("messaging.message.id", eventId)
                        .startSpan();
                for (Map.Entry<String, String> header : TraceContext.of(
                                span.storeInContext(io.opentelemetry.context.Context.root()))
                        .entrySet()) {
                    record.headers().add(header.getKey(), header.getValue().getBytes(StandardCharsets.UTF_8));
                }
            }
            Span sending = span;
            Future<RecordMetadata> sent = producer.send(record, (metadata, failure) -> {
                if (sending != null) {
                    if (failure != null) {
                        sending.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
                    }
                    sending.end();
                }
            });
            // Records of a batch go out together; the batch commits only once all are acknowledged.
            CurrentUnitOfWork.get().onPrepareCommit(unitOfWork -> awaitAcknowledgement(sent, eventId));
        }
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
