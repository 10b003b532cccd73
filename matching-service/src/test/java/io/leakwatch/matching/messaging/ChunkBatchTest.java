package io.leakwatch.matching.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.leakwatch.contracts.sample.SampleChunk;
import io.leakwatch.contracts.sample.SampleRow;
import io.leakwatch.contracts.verification.VerificationResult;
import io.leakwatch.matching.MatchingDriver;
import io.leakwatch.matching.synthetic.GroundTruthTest;
import io.leakwatch.matching.synthetic.SyntheticPipeline;
import io.leakwatch.matching.synthetic.SyntheticRegistry;
import io.leakwatch.matching.synthetic.SyntheticSample;
import io.leakwatch.platform.axon.AxonJson;
import io.leakwatch.testing.LeakwatchTestStack;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.Test;

/**
 * Chunks are consumed in batches, one transaction a batch: a chunk that fails for good (here, a NIK token of the wrong
 * length) is refused alone, and the good chunks of its batch are still recorded. The batch is handed to the consumer
 * directly, so that its make-up is certain; how a refused record reaches the dead-letter topic is
 * {@link DeadLetterTest}'s part.
 */
@QuarkusTest
@WithTestResource(value = LeakwatchTestStack.class, scope = TestResourceScope.GLOBAL)
class ChunkBatchTest {

    @Inject
    SampleChunksConsumer consumer;

    @Test
    void aChunkThatFailsForGoodIsRefusedAloneAndTheOtherChunksOfItsBatchAreRecorded() throws Exception {
        SyntheticRegistry registry = SyntheticRegistry.generate(31, 200, List.of("canary-partner"), 2);
        MatchingDriver.importRegistry(registry.toCsv());
        SyntheticSample sample = SyntheticSample.generate(
                37,
                registry,
                LocalDate.parse("2021-05-01"),
                new SyntheticSample.Composition(30, 3, 3, 4, 2, 4, 0, null, false));
        String incidentId = UUID.randomUUID().toString();
        MatchingDriver.reportIncident(incidentId, 279_000_000L);
        VerificationResult truth = MatchingDriver.truth(registry, sample, 279_000_000L);
        String sampleId = UUID.randomUUID().toString();
        SyntheticPipeline.Tokenised tokenised = SyntheticPipeline.tokenise(sample, incidentId, sampleId, 2, 5);
        SampleChunk broken = new SampleChunk(
                incidentId,
                UUID.randomUUID().toString(),
                0,
                0,
                List.of(new SampleRow(1, "AAAA", Map.of(), null, null)));
        List<SampleChunk> delivered = new ArrayList<>(tokenised.chunks());
        delivered.add(1, broken);

        Map<Integer, Throwable> refused = new ConcurrentHashMap<>();
        AtomicBoolean acknowledged = new AtomicBoolean();
        consumer.consume(batch(delivered, refused, acknowledged))
                .toCompletableFuture()
                .get(60, TimeUnit.SECONDS);

        assertThat(refused).containsOnlyKeys(1);
        assertThat(refused.get(1)).hasMessageContaining("32 bytes");
        assertThat(acknowledged).isTrue();
        MatchingDriver.publish(tokenised.submitted());
        VerificationResult result = MatchingDriver.result(MatchingDriver.awaitCompleted(sampleId));
        assertThat(result)
                .usingRecursiveComparison(GroundTruthTest.closeDoubles())
                .isEqualTo(truth);
    }

    /** A batch as the Kafka connector makes one, its records refused into {@code refused} by their position. */
    private static Message<List<String>> batch(
            List<SampleChunk> chunks, Map<Integer, Throwable> refused, AtomicBoolean acknowledged)
            throws JsonProcessingException {
        List<String> payloads = new ArrayList<>();
        List<Message<?>> records = new ArrayList<>();
        for (SampleChunk chunk : chunks) {
            int position = records.size();
            String payload = AxonJson.mapper().writeValueAsString(chunk);
            payloads.add(payload);
            records.add(Message.of(payload).withNack(reason -> {
                refused.put(position, reason);
                return CompletableFuture.completedFuture(null);
            }));
        }
        IncomingKafkaRecordBatchMetadata<String, String> metadata = new IncomingKafkaRecordBatchMetadata<>(
                ConsumerRecords.empty(), records, "sample-chunks", 0, Map.of(), 0);
        return Message.of(payloads, Metadata.of(metadata)).withAck(() -> {
            acknowledged.set(true);
            return CompletableFuture.completedFuture(null);
        });
    }
}
