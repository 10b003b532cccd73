package io.leakwatch.platform.messaging;

import io.leakwatch.platform.tracing.TraceContext;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * What a channel consumed in batches ({@code batch=true}) needs: the batch's own records, a step run over many of them
 * in one go that falls back to one record at a time when it fails for good, and the batch's acknowledgement once its
 * refused records are on the dead letters. A batch pays a consumer's commit and its other fixed costs once, and a
 * poison record still goes to the dead letters alone, without the good records of its batch.
 */
@ApplicationScoped
public class BatchedRecords {

    private final ConsumerRetry retry;
    private final DeadLetterRecords deadLetters;

    BatchedRecords(ConsumerRetry retry, DeadLetterRecords deadLetters) {
        this.retry = retry;
        this.deadLetters = deadLetters;
    }

    /**
     * The records of {@code batch}, each of which can be acknowledged or refused alone (the batch itself comes wrapped
     * by the channel's interceptors, so it is not a {@code KafkaRecordBatch} any more).
     */
    public static List<Message<?>> of(Message<List<String>> batch) {
        return batch.getMetadata(IncomingKafkaRecordBatchMetadata.class)
                .map(metadata -> List.<Message<?>>copyOf(metadata.getBatchedMessages()))
                .orElseThrow(() -> new IllegalStateException("the channel must be consumed in batches (batch=true)"));
    }

    /**
     * The W3C trace context a record carries in its headers ({@code traceparent}, {@code tracestate}), empty without
     * one. A batch has no current span of its own records, so a step that should continue a record's trace (a command
     * it causes) passes this on.
     */
    public static Map<String, String> traceOf(Message<?> record) {
        Map<String, String> trace = new LinkedHashMap<>();
        record.getMetadata(IncomingKafkaRecordMetadata.class).ifPresent(metadata -> {
            for (String name : List.of(TraceContext.TRACEPARENT, TraceContext.TRACESTATE)) {
                Header header = metadata.getHeaders().lastHeader(name);
                if (header != null && header.value() != null) {
                    trace.put(name, new String(header.value(), StandardCharsets.UTF_8));
                }
            }
        });
        return trace;
    }

    /**
     * Runs {@code step} over {@code items} together, again while it fails for a reason that may pass
     * ({@link ConsumerRetry}). If it fails for good, each item is tried alone, so that only the items at fault are
     * refused; if it fails for a transient reason past the retries, every item is refused (each alone would fail the
     * same way).
     *
     * @param consumer the consumer's name, a metrics tag
     * @param recordOf the record an item came in, refused when the item is
     */
    public <T> Refused<T> runTogether(
            String consumer, List<T> items, Function<T, Message<?>> recordOf, Consumer<List<T>> step) {
        try {
            retry.run(consumer, () -> step.accept(items));
            return Refused.none();
        } catch (RuntimeException e) {
            if (items.size() == 1 || TransientFailures.isTransient(e)) {
                return new Refused<>(
                        items,
                        items.stream()
                                .map(item -> deadLetters.refuse(recordOf.apply(item), e))
                                .toList());
            }
            return items.stream()
                    .map(item -> runTogether(consumer, List.of(item), recordOf, step))
                    .reduce(Refused.none(), Refused::and);
        }
    }

    /** Refuses a single record (one that is not even an item, e.g. unreadable) with {@code reason}. */
    public CompletionStage<Void> refuse(Message<?> record, Throwable reason) {
        return deadLetters.refuse(record, reason);
    }

    /**
     * Acknowledges {@code batch} (its partitions' offsets move on) once every refusal is done, i.e. once the refused
     * records are on the dead letters.
     */
    public static CompletionStage<Void> ackAfter(Message<List<String>> batch, List<CompletionStage<Void>> refusals) {
        return CompletableFuture.allOf(refusals.stream()
                        .map(CompletionStage::toCompletableFuture)
                        .toArray(CompletableFuture[]::new))
                .thenCompose(done -> batch.ack());
    }

    /** The items a step refused, and the refusals of their records. */
    public record Refused<T>(List<T> items, List<CompletionStage<Void>> refusals) {

        static <T> Refused<T> none() {
            return new Refused<>(List.of(), List.of());
        }

        Refused<T> and(Refused<T> other) {
            List<T> allItems = new ArrayList<>(items);
            allItems.addAll(other.items);
            return new Refused<>(
                    allItems,
                    Stream.concat(refusals.stream(), other.refusals.stream()).toList());
        }
    }
}
