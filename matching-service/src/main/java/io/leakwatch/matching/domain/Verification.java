package io.leakwatch.matching.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.leakwatch.contracts.verification.VerificationCompleted;
import io.leakwatch.contracts.verification.VerificationFailed;
import io.leakwatch.contracts.verification.VerificationStarted;
import java.time.Instant;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * The verification of one sample, keyed by sample id. Chunks and the submission arrive in any order and from any
 * replica: each chunk's partial result is recorded once (by chunk number), the submission starts the verification,
 * and when both the start and every announced chunk are in, the result is computed from the summed partials.
 */
public class Verification {

    @AggregateIdentifier
    private String sampleId;

    private String incidentId;
    private final BitSet chunks = new BitSet();
    private int chunkCount;
    private final Set<Long> generations = new HashSet<>();
    private final ChunkTally.Sum tally = new ChunkTally.Sum();
    private VerificationContextRecorded context;
    private boolean started;
    private int chunksExpected;
    private boolean finished;
    private boolean dropped;

    protected Verification() {
        // For Axon, which rebuilds the verification from its events.
    }

    /**
     * A chunk counts once, however often Kafka delivers it; after the end it changes nothing, and the answer says so,
     * so that the consumer does not keep what it claimed for the chunks.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    ChunkReceipt handle(RecordChunks command) {
        if (finished || dropped) {
            return ChunkReceipt.VERIFICATION_OVER;
        }
        boolean recorded = false;
        for (RecordChunks.ChunkPart chunk : command.chunks()) {
            // The event sourcing handler marks the chunk at once, so a chunk twice in one command counts once too.
            if (chunk.chunkNumber() >= 0 && !chunks.get(chunk.chunkNumber())) {
                apply(new ChunkVerified(
                        command.sampleId(),
                        command.incidentId(),
                        chunk.chunkNumber(),
                        chunk.bucket(),
                        command.registryGeneration(),
                        chunk.tally(),
                        command.receivedAt()));
                recorded = true;
            }
        }
        if (!recorded) {
            return ChunkReceipt.IGNORED;
        }
        finishIfReady(command.receivedAt());
        return ChunkReceipt.RECORDED;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(StartVerification command) {
        if (started || finished) {
            return;
        }
        apply(new VerificationStarted(
                command.incidentId(), command.sampleId(), command.chunksExpected(), command.startedAt()));
        apply(new VerificationContextRecorded(
                command.sampleId(),
                command.incidentId(),
                command.rows(),
                command.invalidRows(),
                command.headerNames(),
                command.mappedColumns(),
                command.claimedRecordCount(),
                command.registryMembers(),
                command.registryGeneration(),
                command.shares()));
        if (!command.sameTokenKey()) {
            fail("the sample was tokenised under another key than matching-service holds", command.startedAt());
        } else if (dropped) {
            fail("the sample's chunks were dropped before its submission arrived", command.startedAt());
        } else if (command.chunksExpected() < 0) {
            fail("the submission announced a negative number of chunks", command.startedAt());
        } else {
            finishIfReady(command.startedAt());
        }
    }

    /** Recorded only for a started verification that is still open. */
    @CommandHandler
    void handle(FailVerification command) {
        if (started && !finished) {
            fail(command.reason(), command.failedAt());
        }
    }

    /** Only chunks still waiting for their submission are dropped. */
    @CommandHandler
    void handle(DropChunks command) {
        if (!started && !finished && !dropped && chunkCount > 0) {
            apply(new SampleChunksDropped(sampleId, incidentId, chunkCount, command.reason(), command.droppedAt()));
        }
    }

    private void finishIfReady(Instant now) {
        if (!started || finished) {
            return;
        }
        int beyond = chunks.nextSetBit(chunksExpected);
        if (beyond >= 0) {
            fail("chunk " + beyond + " came, but the submission announced " + chunksExpected + " chunks", now);
            return;
        }
        if (chunkCount < chunksExpected) {
            return;
        }
        Set<Long> used = new HashSet<>(generations);
        used.add(context.registryGeneration());
        if (used.size() > 1) {
            fail("the registry was replaced while the sample was verified; submit the sample again", now);
            return;
        }
        long validRows = context.rows() - context.invalidRows();
        if (tally.rows() != validRows) {
            fail("the chunks held " + tally.rows() + " valid rows, the submission announced " + validRows, now);
            return;
        }
        apply(new VerificationCompleted(
                incidentId,
                sampleId,
                VerificationCalculator.result(
                        tally.toTally(),
                        context.rows(),
                        context.invalidRows(),
                        context.headerNames(),
                        Set.copyOf(context.mappedColumns()),
                        context.shares(),
                        context.claimedRecordCount(),
                        context.registryMembers()),
                now));
    }

    private void fail(String reason, Instant at) {
        apply(new VerificationFailed(incidentId, sampleId, reason, at));
    }

    @EventSourcingHandler
    void on(ChunkVerified event) {
        sampleId = event.sampleId();
        incidentId = event.incidentId();
        chunks.set(event.chunkNumber());
        chunkCount++;
        generations.add(event.registryGeneration());
        tally.add(event.tally());
    }

    @EventSourcingHandler
    void on(VerificationStarted event) {
        sampleId = event.sampleId();
        incidentId = event.incidentId();
        chunksExpected = event.chunksExpected();
        started = true;
    }

    @EventSourcingHandler
    void on(VerificationContextRecorded event) {
        context = event;
    }

    @EventSourcingHandler
    void on(VerificationCompleted event) {
        finished = true;
    }

    @EventSourcingHandler
    void on(VerificationFailed event) {
        finished = true;
    }

    @EventSourcingHandler
    void on(SampleChunksDropped event) {
        dropped = true;
    }
}
