package io.leakwatch.matching.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.leakwatch.contracts.sample.SampleChunk;
import io.leakwatch.contracts.sample.SampleRow;
import io.leakwatch.matching.config.VerificationCache;
import io.leakwatch.matching.domain.ChunkReceipt;
import io.leakwatch.matching.domain.ChunkTally;
import io.leakwatch.matching.domain.RecordChunk;
import io.leakwatch.matching.metrics.SampleChunkMetrics;
import io.leakwatch.matching.registry.ChunkMatcher;
import io.leakwatch.matching.registry.RegistryIndex;
import io.leakwatch.matching.repository.MatchingFacts;
import io.leakwatch.matching.service.RegistryIndexHolder;
import io.leakwatch.platform.axon.AxonJson;
import io.leakwatch.platform.messaging.ConsumerRetry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Matches every chunk of tokenised sample rows from {@code leakwatch.sample-chunks} against the registry index and
 * records its partial result in the sample's Verification. Replicas split the topic's partitions; a chunk delivered
 * twice is recorded once (by chunk number), and its rows' NIK tokens are claimed in {@code sample_nik} in the same
 * transaction, so repeats within a sample are counted exactly wherever the chunks are processed. A chunk delivered
 * after its verification ended leaves no claim behind.
 */
@ApplicationScoped
class SampleChunksConsumer {

    private final CommandGateway commands;
    private final MatchingFacts facts;
    private final RegistryIndexHolder registry;
    private final SampleChunkMetrics metrics;
    private final ConsumerRetry retry;
    private final VerificationCache verifications;
    private final Clock clock = Clock.systemUTC();

    SampleChunksConsumer(
            CommandGateway commands,
            MatchingFacts facts,
            RegistryIndexHolder registry,
            SampleChunkMetrics metrics,
            ConsumerRetry retry,
            VerificationCache verifications) {
        this.commands = commands;
        this.facts = facts;
        this.registry = registry;
        this.metrics = metrics;
        this.retry = retry;
        this.verifications = verifications;
    }

    @Incoming("sample-chunks")
    @Blocking
    void consume(String record) {
        long started = System.nanoTime();
        SampleChunk chunk;
        try {
            chunk = AxonJson.mapper().readValue(record, SampleChunk.class);
        } catch (JsonProcessingException e) {
            // Not e as the cause: its message may quote a token of the record, and the reason goes into a header.
            throw new MalformedChunkException(
                    "not a SampleChunk (" + e.getClass().getSimpleName() + ")");
        }
        if (chunk == null || chunk.sampleId() == null || chunk.incidentId() == null || chunk.rows() == null) {
            throw new MalformedChunkException("a sample chunk without sample id, incident id or rows");
        }
        Instant receivedAt = Instant.now(clock);
        // Two replicas (or two channels of one) may append to the same sample's Verification at once: the loser
        // retries.
        retry.run("matching-sample-chunks", () -> {
            // Read in the retry: it may hit the database; outside the transaction, as a rebuild has its own.
            RegistryIndex index = registry.current();
            QuarkusTransaction.requiringNew().run(() -> {
                verifications.forgetUnlessCommitted(chunk.sampleId());
                Set<String> first = facts.firstOccurrences(
                        chunk.sampleId(),
                        chunk.chunkNumber(),
                        MatchingFacts.distinct(
                                chunk.rows().stream().map(SampleRow::nikToken).toList()));
                ChunkTally tally = ChunkMatcher.tally(chunk.rows(), first, index);
                ChunkReceipt receipt = commands.sendAndWait(new RecordChunk(
                        chunk.sampleId(),
                        chunk.incidentId(),
                        chunk.chunkNumber(),
                        chunk.bucket(),
                        index.generation(),
                        tally,
                        receivedAt));
                if (receipt == ChunkReceipt.VERIFICATION_OVER) {
                    // A delivery after the end: the projection forgot the sample's NIK tokens when the
                    // verification ended, perhaps before the claims above, which would then stay for ever. The
                    // tokens are claimed before the verification is read, so an end committed in between shows.
                    facts.forgetSample(chunk.sampleId());
                }
            });
        });
        metrics.received(chunk.rows().size(), started);
    }

    /** A record on the sample-chunks topic that is not a chunk: it goes to the dead letters, not retried for ever. */
    static final class MalformedChunkException extends RuntimeException {

        MalformedChunkException(String message) {
            super(message);
        }
    }
}
