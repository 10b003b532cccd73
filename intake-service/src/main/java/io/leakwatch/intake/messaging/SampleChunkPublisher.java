package io.leakwatch.intake.messaging;

import io.leakwatch.contracts.Topics;
import io.leakwatch.contracts.sample.SampleChunk;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends a sample's chunks to {@code leakwatch.sample-chunks} as JSON (bytes already, {@link SampleChunkJson}), keyed by
 * {@link SampleChunk#partitionKey()}, with the platform's idempotent, acks=all producer. A {@link Batch} keeps a
 * bounded number of chunks in flight, so memory stays flat however large the sample, and tells at the end whether the
 * broker acknowledged every one.
 */
@ApplicationScoped
public class SampleChunkPublisher {

    /** Kafka header naming the payload's schema, as {@code dataschema} does for events. */
    public static final String SCHEMA_HEADER = "dataschema";

    private final Producer<String, byte[]> producer;

    SampleChunkPublisher(Producer<String, byte[]> producer) {
        this.producer = producer;
    }

    /** A new batch for one sample, with at most {@code maxInFlight} chunks unacknowledged at a time. */
    public Batch batch(int maxInFlight) {
        return new Batch(maxInFlight);
    }

    /** The chunks of one upload. Not thread-safe: one upload thread sends; the producer's thread acknowledges. */
    public final class Batch {

        private final int maxInFlight;
        private final Semaphore permits;
        private final AtomicReference<Exception> failure = new AtomicReference<>();

        private Batch(int maxInFlight) {
            this.maxInFlight = maxInFlight;
            this.permits = new Semaphore(maxInFlight);
        }

        /** Sends a chunk, first waiting while {@code maxInFlight} are unacknowledged. */
        public void send(SampleChunkJson.Encoded chunk) {
            failIfFailed();
            ProducerRecord<String, byte[]> record =
                    new ProducerRecord<>(Topics.SAMPLE_CHUNKS, chunk.partitionKey(), chunk.json());
            record.headers().add(SCHEMA_HEADER, SampleChunk.SCHEMA.getBytes(StandardCharsets.US_ASCII));
            try {
                permits.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ChunksNotAcknowledged("Interrupted while sending sample chunks", e);
            }
            try {
                producer.send(record, (metadata, exception) -> {
                    if (exception != null) {
                        failure.compareAndSet(null, exception);
                    }
                    permits.release();
                });
            } catch (RuntimeException e) {
                permits.release();
                throw new ChunksNotAcknowledged("Kafka refused a sample chunk", e);
            }
        }

        /** Waits until every chunk sent is acknowledged, and fails if any was not. */
        public void awaitAcknowledged(Duration timeout) {
            try {
                if (!permits.tryAcquire(maxInFlight, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new ChunksNotAcknowledged("Sample chunks were not acknowledged within " + timeout, null);
                }
                permits.release(maxInFlight);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ChunksNotAcknowledged("Interrupted while waiting for acknowledgements", e);
            }
            failIfFailed();
        }

        private void failIfFailed() {
            Exception failed = failure.get();
            if (failed != null) {
                throw new ChunksNotAcknowledged("Kafka did not acknowledge a sample chunk", failed);
            }
        }
    }

    /** A chunk that Kafka did not take or acknowledge: the upload fails and records nothing. */
    public static final class ChunksNotAcknowledged extends RuntimeException {

        ChunksNotAcknowledged(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
