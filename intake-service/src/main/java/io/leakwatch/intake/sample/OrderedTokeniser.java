package io.leakwatch.intake.sample;

import io.leakwatch.contracts.sample.SampleRow;
import io.leakwatch.intake.messaging.SampleChunkJson;
import io.leakwatch.platform.privacy.RowTokeniser;
import io.leakwatch.platform.privacy.TokenisedRow;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Tokenises the rows of one upload on several threads and hands them back in file order, so that chunks, buckets and
 * counts come out exactly as if one thread had done it. The reading thread adds rows; they are tokenised in batches on
 * the executor; the reading thread takes finished batches from the head, in order, and gives each row to the sink.
 * Each row leaves as its {@link SampleRow}'s JSON ({@link SampleChunkJson#row}), encoded on the executor too.
 *
 * <p>Note: tokenising (seven HMACs, normalisation, the name's Bloom filter) is most of an upload's CPU, and the reading
 * thread alone would use one core of several. At most {@code maxBatches} batches are in flight, so memory stays
 * bounded whatever the file's size. Not thread-safe: one reading thread per instance.
 */
final class OrderedTokeniser {

    /** A row after tokenising: its {@link SampleRow} as JSON, or {@code null} when its NIK is invalid. */
    record Tokenised(byte[] json, long nikIndexKey) {}

    private record RawRow(long line, String[] cellsByField) {}

    private final RowTokeniser rowTokeniser;
    private final Executor executor;
    private final int batchRows;
    private final int maxBatches;
    private final Consumer<Tokenised> sink;
    private final Deque<CompletableFuture<List<Tokenised>>> inFlight = new ArrayDeque<>();
    private List<RawRow> batch;

    OrderedTokeniser(
            RowTokeniser rowTokeniser, Executor executor, int batchRows, int maxBatches, Consumer<Tokenised> sink) {
        this.rowTokeniser = rowTokeniser;
        this.executor = executor;
        this.batchRows = batchRows;
        this.maxBatches = maxBatches;
        this.sink = sink;
        this.batch = new ArrayList<>(batchRows);
    }

    /**
     * Queues a row (each canonical field's cell at the field's ordinal, as {@link RowTokeniser#tokenise(String[])}
     * takes it); may first hand finished rows to the sink, or wait for some.
     */
    void add(long line, String[] cellsByField) {
        batch.add(new RawRow(line, cellsByField));
        if (batch.size() >= batchRows) {
            submit();
        }
        while (!inFlight.isEmpty()
                && (inFlight.size() >= maxBatches || inFlight.peekFirst().isDone())) {
            drainHead();
        }
    }

    /** Tokenises what is left and hands every row to the sink. */
    void flush() {
        if (!batch.isEmpty()) {
            submit();
        }
        while (!inFlight.isEmpty()) {
            drainHead();
        }
    }

    private void submit() {
        List<RawRow> rows = batch;
        batch = new ArrayList<>(batchRows);
        inFlight.addLast(CompletableFuture.supplyAsync(() -> tokenise(rows), executor));
    }

    private void drainHead() {
        List<Tokenised> rows;
        try {
            rows = inFlight.removeFirst().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while tokenising the sample");
        } catch (ExecutionException e) {
            // The cause's class only: a message about a row could quote one of its cells.
            throw new IllegalStateException(
                    "Tokenising the sample failed: " + e.getCause().getClass().getName());
        }
        rows.forEach(sink);
    }

    private List<Tokenised> tokenise(List<RawRow> rows) {
        List<Tokenised> tokenised = new ArrayList<>(rows.size());
        for (RawRow raw : rows) {
            tokenised.add(tokenise(raw.line(), rowTokeniser.tokenise(raw.cellsByField())));
        }
        return tokenised;
    }

    private static Tokenised tokenise(long line, TokenisedRow row) {
        if (!row.nikValid()) {
            return new Tokenised(null, 0);
        }
        return new Tokenised(SampleChunkJson.row(line, row), row.nikToken().indexKey());
    }
}
