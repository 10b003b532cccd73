package io.leakwatch.matching.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.leakwatch.contracts.sample.SampleChunk;
import io.leakwatch.contracts.sample.SampleRow;
import io.leakwatch.matching.config.VerificationCache;
import io.leakwatch.matching.domain.ChunkReceipt;
import io.leakwatch.matching.domain.RecordChunks;
import io.leakwatch.matching.metrics.SampleChunkMetrics;
import io.leakwatch.matching.registry.ChunkMatcher;
import io.leakwatch.matching.registry.RegistryIndex;
import io.leakwatch.matching.repository.SampleClaims;
import io.leakwatch.matching.service.RegistryIndexHolder;
import io.leakwatch.platform.axon.AxonJson;
import io.leakwatch.platform.messaging.BatchedRecords;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Matches every chunk of tokenised sample rows from {@code leakwatch.sample-chunks} against the registry index and
 * records its partial result in the sample's Verification. Replicas split the topic's partitions; a chunk delivered
 * twice is recorded once (by chunk number), and its rows' NIK tokens are claimed ({@link SampleClaims}) in the same
 * transaction, so repeats within a sample are counted exactly wherever the chunks are processed. A chunk delivered
 * after its verification ended leaves no claim behind.
 *
 * <p>Chunks come in batches (what one poll returned) and a batch is recorded in one transaction, with one command per
 * sample: a chunk spent most of its time waiting for PostgreSQL, and a batch pays the commit, the registry-generation
 * read and the Verification's load once (docs/decisions.md, "Session 5 ... chunks in batches"). A record that is not a chunk goes to
 * the dead letters alone; a batch that fails for good is tried again chunk by chunk, so that only the chunk at fault
 * goes there.
 */
@ApplicationScoped
class SampleChunksConsumer {

    private static final String CONSUMER = "matching-sample-chunks";

    private final CommandGateway commands;
    private final SampleClaims claims;
    private final RegistryIndexHolder registry;
    private final SampleChunkMetrics metrics;
    private final VerificationCache verifications;
    private final BatchedRecords batches;
    private final Clock clock = Clock.systemUTC();

    SampleChunksConsumer(
            CommandGateway commands,
            SampleClaims claims,
            RegistryIndexHolder registry,
            SampleChunkMetrics metrics,
            VerificationCache verifications,
            BatchedRecords batches) {
        this.commands = commands;
        this.claims = claims;
        this.registry = registry;
        this.metrics = metrics;
        this.verifications = verifications;
        this.batches = batches;
    }

    @Incoming("sample-chunks")
    @Blocking
    CompletionStage<Void> consume(Message<List<String>> batch) {
        long started = System.nanoTime();
        List<CompletionStage<Void>> refusals = new ArrayList<>();
        List<Delivered> chunks = new ArrayList<>();
        for (Message<?> record : BatchedRecords.of(batch)) {
            try {
                chunks.add(new Delivered(record, parse((String) record.getPayload())));
            } catch (MalformedChunkException e) {
                refusals.add(batches.refuse(record, e));
            }
        }
        if (!chunks.isEmpty()) {
            Instant receivedAt = Instant.now(clock);
            // Two replicas (or two consumers of one) may append to the same sample's Verification at once: the loser
            // retries.
            refusals.addAll(
                    batches.runTogether(CONSUMER, chunks, Delivered::record, together -> record(together, receivedAt))
                            .refusals());
            chunks.forEach(chunk -> metrics.received(chunk.chunk().rows().size(), started));
        }
        return BatchedRecords.ackAfter(batch, refusals);
    }

    private static SampleChunk parse(String record) {
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
        return chunk;
    }

    /** Records the chunks in one transaction, one command per sample, in the order the samples came. */
    private void record(List<Delivered> delivered, Instant receivedAt) {
        // Read in the retry: it may hit the database; outside the transaction, as a rebuild has its own.
        RegistryIndex index = registry.current();
        Map<String, List<SampleChunk>> bySample = new LinkedHashMap<>();
        delivered.forEach(d -> bySample.computeIfAbsent(d.chunk().sampleId(), id -> new ArrayList<>())
                .add(d.chunk()));
        QuarkusTransaction.requiringNew()
                .run(() -> bySample.forEach((sampleId, chunks) -> recordSample(sampleId, chunks, index, receivedAt)));
    }

    private void recordSample(String sampleId, List<SampleChunk> chunks, RegistryIndex index, Instant receivedAt) {
        verifications.forgetUnlessCommitted(sampleId);
        List<RecordChunks.ChunkPart> parts = new ArrayList<>();
        for (SampleChunk chunk : chunks) {
            Set<String> first = claims.firstOccurrences(
                    sampleId,
                    chunk.bucket(),
                    chunk.chunkNumber(),
                    SampleClaims.distinct(
                            chunk.rows().stream().map(SampleRow::nikToken).toList()));
            parts.add(new RecordChunks.ChunkPart(
                    chunk.chunkNumber(), chunk.bucket(), ChunkMatcher.tally(chunk.rows(), first, index)));
        }
        ChunkReceipt receipt = commands.sendAndWait(
                new RecordChunks(sampleId, chunks.get(0).incidentId(), index.generation(), parts, receivedAt));
        if (receipt == ChunkReceipt.VERIFICATION_OVER) {
            // A delivery after the end: the projection forgot the sample's NIK tokens when the verification ended,
            // perhaps before the claims above, which would then stay for ever. The tokens are claimed before the
            // verification is read, so an end committed in between shows.
            claims.forgetSample(sampleId);
        }
    }

    /** A chunk and the record it came in, which is acknowledged or refused on its own if it must be. */
    private record Delivered(Message<?> record, SampleChunk chunk) {}

    /** A record on the sample-chunks topic that is not a chunk: it goes to the dead letters, not retried for ever. */
    static final class MalformedChunkException extends RuntimeException {

        MalformedChunkException(String message) {
            super(message);
        }
    }
}
