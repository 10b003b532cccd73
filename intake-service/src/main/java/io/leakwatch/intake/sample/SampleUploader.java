package io.leakwatch.intake.sample;

import io.leakwatch.intake.domain.SubmitSample;
import io.leakwatch.intake.messaging.SampleChunkJson;
import io.leakwatch.intake.messaging.SampleChunkPublisher;
import io.leakwatch.intake.metrics.SampleChunkMetrics;
import io.leakwatch.platform.privacy.RowTokeniser;
import io.leakwatch.platform.privacy.Tokeniser;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * Takes a sample in as it streams: each row's mapped fields are tokenised soon after the row is read (on one thread
 * per core, in file order: {@link OrderedTokeniser}) and the row is forgotten; rows with a valid NIK go out in chunks
 * per NIK-token bucket; once Kafka acknowledged every chunk, the Incident records {@code SampleSubmitted}. Memory holds
 * the rows being tokenised, one partly filled chunk per bucket and the chunks in flight, whatever the file's size.
 * Blocking: call it on a worker thread.
 *
 * <p>Note: nothing here logs, and no exception leaving it carries a message of the CSV parser or the decoder (they may
 * quote a cell): refusals are {@link SampleRefused} with messages of our own.
 */
@ApplicationScoped
public class SampleUploader {

    static final int RAGGED_LINES_SHOWN = 20;
    /** A row longer than this (bytes, a quoted field's line breaks included) is not a row of a leaked table. */
    static final long MAX_ROW_BYTES = 1 << 20;

    /**
     * RFC 4180: comma, double quotes, quoted line breaks; CRLF, LF and CR all end a record. Empty lines are read as
     * records (and skipped by us) so that every record's first line is known exactly.
     */
    static final CSVFormat FORMAT =
            CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

    /** Rows tokenised as one task: enough to make a task's overhead small, few enough to keep every thread busy. */
    static final int TOKENISE_BATCH_ROWS = 256;

    /** A bucket's first buffer of row JSON; it grows to a chunk's size (~300 KB at 500 rows) and is reused. */
    private static final int BUCKET_INITIAL_BYTES = 16 * 1024;

    private final SampleUploadConfig config;
    private final Tokeniser tokeniser;
    private final RowTokeniser rowTokeniser;
    private final SampleChunkPublisher publisher;
    private final CommandGateway commands;
    private final SampleChunkMetrics metrics;
    private final Clock clock;
    private final int tokeniserThreads = Runtime.getRuntime().availableProcessors();
    private final ExecutorService tokeniserPool = Executors.newFixedThreadPool(tokeniserThreads, runnable -> {
        Thread thread = new Thread(runnable, "sample-tokeniser");
        thread.setDaemon(true);
        return thread;
    });

    SampleUploader(
            SampleUploadConfig config,
            Tokeniser tokeniser,
            SampleChunkPublisher publisher,
            CommandGateway commands,
            SampleChunkMetrics metrics) {
        if (config.buckets() < 1 || config.chunkRows() < 1 || config.maxInFlight() < 1) {
            throw new IllegalStateException("leakwatch.sample.buckets, chunk-rows and max-in-flight must be positive");
        }
        this.config = config;
        this.tokeniser = tokeniser;
        this.rowTokeniser = new RowTokeniser(tokeniser);
        this.publisher = publisher;
        this.commands = commands;
        this.metrics = metrics;
        this.clock = Clock.systemUTC();
    }

    @PreDestroy
    void stopTokeniserPool() {
        tokeniserPool.shutdownNow();
    }

    /**
     * Streams, tokenises and sends the sample, then records it with the incident.
     *
     * @param mapping the {@code mapping} query parameter, or null
     * @throws SampleRefused when the file is refused; nothing is recorded then (chunks already sent are dropped by
     *     matching, which waits for a {@code SampleSubmitted} that never comes)
     */
    public SampleReceipt upload(String incidentId, String mapping, InputStream body) {
        long maxBytes = config.maxSize().asLongValue();
        String sampleId = UUID.randomUUID().toString();
        SampleBytes bytes = new SampleBytes(body, maxBytes, MAX_ROW_BYTES);
        Upload upload = new Upload(incidentId, sampleId, publisher.batch(config.maxInFlight()));
        try (CSVParser parser = CSVParser.builder()
                .setReader(withoutByteOrderMark(bytes))
                .setFormat(FORMAT)
                .get()) {
            upload.read(parser, bytes, mapping);
            bytes.transferTo(OutputStream.nullOutputStream()); // the parser saw the end; this checks it did
        } catch (IOException | UncheckedIOException e) {
            throw refusedOrFailed(e, upload.rowStart);
        }
        upload.finish();
        SubmitSample command = new SubmitSample(
                incidentId,
                sampleId,
                bytes.sha256(),
                bytes.bytes(),
                upload.rows,
                upload.invalidRows,
                upload.chunkCount,
                upload.columns.headerNames(),
                upload.columns.mappedColumns(),
                upload.columns.unmappedColumns(),
                tokeniser.keyId(),
                Instant.now(clock));
        commands.sendAndWait(command);
        return new SampleReceipt(
                incidentId,
                sampleId,
                command.sha256(),
                command.bytes(),
                command.rows(),
                command.invalidRows(),
                upload.raggedRows,
                List.copyOf(upload.raggedLines),
                command.chunks(),
                command.headerNames(),
                command.mappedColumns(),
                command.unmappedColumns(),
                command.tokenKeyId(),
                command.submittedAt());
    }

    static Reader withoutByteOrderMark(InputStream bytes) throws IOException {
        Reader utf8 = new InputStreamReader(
                bytes,
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT));
        PushbackReader reader = new PushbackReader(utf8, 1);
        int first = reader.read();
        if (first >= 0 && first != '\uFEFF') {
            reader.unread(first);
        }
        return reader;
    }

    /** Our refusal if it was one; else the parser's complaint about the CSV's structure, at the row where it began. */
    private static RuntimeException refusedOrFailed(Exception failure, long rowStart) {
        SampleRefused refused = SampleBytes.refusal(failure);
        if (refused != null) {
            return refused;
        }
        if (failure instanceof SampleRefused direct) {
            return direct;
        }
        if (causedByCsv(failure)) {
            return SampleRefused.badRequest(
                    rowStart,
                    "The file is not CSV (RFC 4180): the row starting at line " + rowStart
                            + " has a quote that is not closed, or text after a closing quote.");
        }
        // A dropped connection or the like: the cause's class only, its message may quote the file.
        return new IllegalStateException(
                "Reading the sample failed: " + failure.getClass().getName());
    }

    private static boolean causedByCsv(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getClass().getName().startsWith("org.apache.commons.csv.")) {
                return true;
            }
        }
        return false;
    }

    /** The state of one upload: the figures so far and one buffer per bucket. */
    private final class Upload {

        private final String incidentId;
        private final String sampleId;
        private final SampleChunkPublisher.Batch batch;
        private final List<SampleChunkJson.Rows> buckets = new ArrayList<>();
        private ColumnMapping columns;
        private long rowStart = 1;
        private long rows;
        private long invalidRows;
        private long raggedRows;
        private final List<Long> raggedLines = new ArrayList<>();
        private int chunkCount;
        private final OrderedTokeniser tokenising;

        Upload(String incidentId, String sampleId, SampleChunkPublisher.Batch batch) {
            this.incidentId = incidentId;
            this.sampleId = sampleId;
            this.batch = batch;
            this.tokenising = new OrderedTokeniser(
                    rowTokeniser, tokeniserPool, TOKENISE_BATCH_ROWS, 2 * tokeniserThreads, this::accept);
            for (int i = 0; i < config.buckets(); i++) {
                buckets.add(new SampleChunkJson.Rows(BUCKET_INITIAL_BYTES));
            }
        }

        void read(CSVParser parser, SampleBytes bytes, String mapping) {
            Iterator<CSVRecord> records = parser.iterator();
            while (true) {
                rowStart = parser.getCurrentLineNumber() + 1;
                bytes.rowStarts();
                if (!records.hasNext()) {
                    break;
                }
                CSVRecord record = records.next();
                if (isBlank(record)) {
                    continue;
                }
                if (columns == null) {
                    columns = ColumnMapping.of(header(record, rowStart), mapping);
                } else {
                    take(record, rowStart);
                }
            }
            if (columns == null) {
                throw SampleRefused.badRequest(1, "The file is empty: a header row is required on line 1.");
            }
        }

        private void take(CSVRecord record, long line) {
            rows++;
            if (record.size() != columns.headerNames().size()) {
                invalidRows++;
                raggedRows++;
                if (raggedLines.size() < RAGGED_LINES_SHOWN) {
                    raggedLines.add(line);
                }
                return;
            }
            tokenising.add(line, columns.cellsByField(record));
        }

        /** A row back from tokenising, in file order. */
        private void accept(OrderedTokeniser.Tokenised row) {
            if (row.json() == null) {
                invalidRows++;
                return;
            }
            int bucket = Math.floorMod(row.nikIndexKey(), buckets.size());
            SampleChunkJson.Rows buffer = buckets.get(bucket);
            buffer.add(row.json());
            if (buffer.count() >= config.chunkRows()) {
                send(bucket);
            }
        }

        void finish() {
            tokenising.flush();
            for (int bucket = 0; bucket < buckets.size(); bucket++) {
                if (!buckets.get(bucket).isEmpty()) {
                    send(bucket);
                }
            }
            batch.awaitAcknowledged(config.ackTimeout());
        }

        private void send(int bucket) {
            SampleChunkJson.Rows buffer = buckets.get(bucket);
            int rowsSent = buffer.count();
            batch.send(buffer.takeChunk(incidentId, sampleId, chunkCount++, bucket));
            metrics.sent(rowsSent);
        }
    }

    private static boolean isBlank(CSVRecord record) {
        return record.size() == 1 && record.get(0).isEmpty();
    }

    /**
     * The header's names. A first row that holds a NIK-like number is data, not a header: the file has no header.
     */
    private static List<String> header(CSVRecord record, long line) {
        List<String> names = record.toList();
        for (String name : names) {
            if (name.strip().matches("[0-9][0-9 .+()/-]{5,}")) {
                throw SampleRefused.badRequest(
                        line,
                        "Line " + line + " looks like a data row, not a header: a header row with the column names"
                                + " is required.");
            }
        }
        return names;
    }
}
