package io.leakwatch.matching.service;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.agroal.api.AgroalDataSource;
import io.leakwatch.matching.config.MatchingConfig;
import io.leakwatch.platform.privacy.CanonicalField;
import io.leakwatch.platform.privacy.FieldNormaliser;
import io.leakwatch.platform.privacy.RowTokeniser;
import io.leakwatch.platform.privacy.Token;
import io.leakwatch.platform.privacy.TokenisedRow;
import io.leakwatch.platform.rest.ProblemException;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Imports a registry export (DESIGN.md "Data formats") from a stream: every row is parsed, normalised and tokenised
 * as it is read, and its tokens go to PostgreSQL through {@code COPY ... FROM STDIN} under a new registry generation;
 * no plaintext is kept, in memory or anywhere else. The rows become the registry in one transaction that switches
 * {@code registry_current} to the new generation; until then, and for ever if the import fails, the previous
 * generation keeps serving.
 *
 * <p>Note: COPY through the JDBC driver (the Agroal connection unwrapped to {@link PGConnection}) rather than the
 * reactive client's {@code executeBatch}: COPY streams the rows in one statement without a round trip per batch,
 * so the import runs at the speed of tokenisation, and a failed COPY leaves no row behind.
 */
@ApplicationScoped
public class RegistryImporter {

    private static final Logger LOG = Logger.getLogger(RegistryImporter.class);

    /** The registry export's columns (DESIGN.md). */
    static final List<String> COLUMNS = List.of(
            "nik",
            "card_no",
            "full_name",
            "birth_date",
            "sex",
            "phone",
            "regency_code",
            "status",
            "registered_on",
            "deceased_on",
            "valid_from",
            "canary_set");

    private static final Set<String> REQUIRED = Set.of("nik", "status");
    private static final Set<String> STATUSES = Set.of("ACTIVE", "INACTIVE", "DECEASED");
    private static final int MAX_CANARY_SET = 100;
    private static final int PROGRESS_EVERY = 5_000;
    private static final int COPY_BUFFER = 1 << 20;
    /** Only one import at a time, across replicas: a PostgreSQL advisory lock held by the import's connection. */
    private static final long IMPORT_LOCK = 0x4c57_494d_504f_5254L;

    private static final String COPY = "COPY registry_member_version (generation, nik_token, card_no_token,"
            + " full_name_token, full_name_bloom, birth_date_token, sex_token, phone_token, regency_token, status,"
            + " registered_on, deceased_on, valid_from, canary_set) FROM STDIN WITH (FORMAT csv)";

    private final AgroalDataSource dataSource;
    private final RowTokeniser tokeniser;
    private final RegistryIndexHolder index;
    private final MatchingConfig config;
    private final Clock clock = Clock.systemUTC();
    private final ExecutorService switcher = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "registry-import-switch");
        thread.setDaemon(true);
        return thread;
    });

    RegistryImporter(
            AgroalDataSource dataSource, RowTokeniser tokeniser, RegistryIndexHolder index, MatchingConfig config) {
        this.dataSource = dataSource;
        this.tokeniser = tokeniser;
        this.index = index;
        this.config = config;
    }

    void stop(@Observes ShutdownEvent event) {
        switcher.shutdown();
    }

    /**
     * Reads the whole body, staging its rows under a new generation, and hands the switch to the background. Runs on
     * the caller's (worker) thread; blocking.
     *
     * @return the import's id; its status is RUNNING until the switch, then COMPLETED
     * @throws ProblemException 400 for a header that is not the registry export's or a body that is not CSV, 409 while
     *     another import runs
     */
    public UUID importRegistry(InputStream body) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            if (!tryLock(connection)) {
                throw ProblemException.conflict("Another registry import is running; try again when it has finished.");
            }
            // Strict: a byte that is not UTF-8 fails the import (400) instead of becoming U+FFFD in a stored token.
            Reader reader = new InputStreamReader(
                    body,
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT));
            CsvParser parser = csvParser(reader);
            List<String> header = readHeader(parser);
            UUID importId = UUID.randomUUID();
            long generation = begin(connection, importId);
            Progress progress = new Progress(importId, generation);
            try {
                stage(connection, parser, header, progress);
            } catch (RuntimeException | IOException | SQLException e) {
                String reason = e instanceof IOException
                        ? "the body could not be read as CSV near line " + progress.line
                        : "the rows could not be stored";
                LOG.errorf(
                        "Registry import %s failed: %s (%s)",
                        importId, reason, e.getClass().getSimpleName());
                finishFailed(importId, reason, progress);
                unlock(connection);
                throw e instanceof IOException
                        ? ProblemException.badRequest("Import " + importId + " failed: " + reason + ".")
                        : new IllegalStateException("Registry import " + importId + " failed", e);
            }
            Connection held = connection;
            connection = null; // the switch owns it now, and the lock with it
            switcher.execute(() -> switchTo(held, progress));
            return importId;
        } catch (SQLException e) {
            throw new IllegalStateException("The registry import could not start", e);
        } finally {
            if (connection != null) {
                unlock(connection);
            }
        }
    }

    private static CsvParser csvParser(Reader reader) throws SQLException {
        try {
            CsvMapper mapper = new CsvMapper();
            CsvParser parser = mapper.getFactory().createParser(reader);
            parser.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
            return parser;
        } catch (IOException e) {
            throw ProblemException.badRequest("The body could not be read.");
        }
    }

    private static List<String> readHeader(CsvParser parser) {
        try {
            Record first = readRow(parser);
            List<String> header = first == null ? null : first.cells();
            if (header == null) {
                throw ProblemException.badRequest("The body is empty: a registry export starts with its header.");
            }
            List<String> names = new ArrayList<>();
            for (String name : header) {
                names.add(name.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT));
            }
            List<String> unknown =
                    names.stream().filter(n -> !COLUMNS.contains(n)).toList();
            List<String> missing =
                    REQUIRED.stream().filter(n -> !names.contains(n)).sorted().toList();
            if (!unknown.isEmpty() || !missing.isEmpty() || Set.copyOf(names).size() != names.size()) {
                throw ProblemException.badRequest(
                        "The header is not the registry export's (" + String.join(",", COLUMNS)
                                + "): unknown " + unknown + ", missing " + missing
                                + (Set.copyOf(names).size() != names.size() ? ", a column named twice" : ""));
            }
            return names;
        } catch (IOException e) {
            throw ProblemException.badRequest("The header could not be read as CSV.");
        }
    }

    /** A record of the file and the line it starts on. */
    private record Record(long line, List<String> cells) {}

    /** The next record, or null at the end. */
    private static Record readRow(CsvParser parser) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            return null;
        }
        if (token != JsonToken.START_ARRAY) {
            throw new IOException("unexpected CSV token");
        }
        // Jackson counts CSV lines from 0; a person counts from 1.
        long line = parser.currentTokenLocation().getLineNr() + 1;
        List<String> cells = new ArrayList<>(COLUMNS.size());
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == null) {
                throw new IOException("unterminated record");
            }
            cells.add(parser.getText());
        }
        return new Record(line, cells);
    }

    private void stage(Connection connection, CsvParser parser, List<String> header, Progress progress)
            throws IOException, SQLException {
        connection.setAutoCommit(false);
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
        StringBuilder buffer = new StringBuilder(COPY_BUFFER + 4096);
        boolean done = false;
        try {
            while (true) {
                Record record = readRow(parser);
                if (record == null) {
                    break;
                }
                progress.line = record.line();
                progress.rowsRead++;
                Optional<String> rejection = row(header, record.cells(), progress.generation, buffer);
                rejection.ifPresent(reason -> progress.reject(progress.line, reason));
                if (buffer.length() >= COPY_BUFFER) {
                    flush(copy, buffer);
                }
                if (progress.rowsRead % PROGRESS_EVERY == 0) {
                    saveProgress(progress);
                }
            }
            flush(copy, buffer);
            copy.endCopy();
            connection.commit();
            done = true;
        } finally {
            if (!done) {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
                connection.rollback();
            }
            connection.setAutoCommit(true);
        }
        saveProgress(progress);
    }

    /**
     * Tokenises one record into a COPY line, or says why it is rejected. The reason names the column and the rule,
     * never the value.
     */
    private Optional<String> row(List<String> header, List<String> cells, long generation, StringBuilder out) {
        if (cells.size() != header.size()) {
            return Optional.of("expected " + header.size() + " fields, found " + cells.size());
        }
        Map<String, String> row = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            row.put(header.get(i), cells.get(i));
        }
        TokenisedRow tokens = tokeniser.tokenise(row);
        if (!tokens.nikValid()) {
            return Optional.of("nik is invalid: " + tokens.nikInvalidReason());
        }
        String status = row.getOrDefault("status", "").strip().toUpperCase(Locale.ROOT);
        if (!STATUSES.contains(status)) {
            return Optional.of("status is not ACTIVE, INACTIVE or DECEASED");
        }
        LocalDate[] dates = new LocalDate[3];
        String[] dateColumns = {"registered_on", "deceased_on", "valid_from"};
        for (int i = 0; i < dates.length; i++) {
            String raw = row.get(dateColumns[i]);
            if (raw != null && !raw.isBlank()) {
                Optional<LocalDate> date = FieldNormaliser.date(raw);
                if (date.isEmpty()) {
                    return Optional.of(dateColumns[i] + " is not a date");
                }
                dates[i] = date.get();
            }
        }
        String canarySet = Optional.ofNullable(row.get("canary_set"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .orElse(null);
        if (canarySet != null && canarySet.length() > MAX_CANARY_SET) {
            return Optional.of("canary_set is longer than " + MAX_CANARY_SET + " characters");
        }
        out.append(generation).append(',');
        hex(out, tokens.nikToken());
        hex(out, tokens.token(CanonicalField.CARD_NO).orElse(null));
        hex(out, tokens.token(CanonicalField.FULL_NAME).orElse(null));
        hex(out, tokens.nameBloomBytes().orElse(null));
        hex(out, tokens.token(CanonicalField.BIRTH_DATE).orElse(null));
        hex(out, tokens.token(CanonicalField.SEX).orElse(null));
        hex(out, tokens.token(CanonicalField.PHONE).orElse(null));
        hex(out, tokens.token(CanonicalField.REGENCY_CODE).orElse(null));
        out.append(status).append(',');
        for (LocalDate date : dates) {
            out.append(date == null ? "" : date.toString()).append(',');
        }
        if (canarySet != null) {
            out.append('"').append(canarySet.replace("\"", "\"\"")).append('"');
        }
        out.append('\n');
        return Optional.empty();
    }

    private static void hex(StringBuilder out, Object value) {
        if (value instanceof Token token) {
            out.append("\\x").append(token.hex());
        } else if (value instanceof byte[] bytes) {
            out.append("\\x").append(HexFormat.of().formatHex(bytes));
        }
        out.append(',');
    }

    private static void flush(CopyIn copy, StringBuilder buffer) throws SQLException {
        if (buffer.isEmpty()) {
            return;
        }
        byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        buffer.setLength(0);
    }

    private long begin(Connection connection, UUID importId) throws SQLException {
        long generation;
        try (PreparedStatement next = connection.prepareStatement("SELECT nextval('registry_generation_seq')");
                var rows = next.executeQuery()) {
            rows.next();
            generation = rows.getLong(1);
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO registry_import (id, status, generation, started_at) VALUES (?, 'RUNNING', ?, ?)")) {
            insert.setObject(1, importId);
            insert.setLong(2, generation);
            insert.setTimestamp(3, Timestamp.from(clock.instant()));
            insert.executeUpdate();
        }
        return generation;
    }

    /** Progress and the rejections so far, on a connection of its own so that it shows while the COPY runs. */
    private void saveProgress(Progress progress) {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE registry_import SET rows_read = ?, rows_rejected = ? WHERE id = ?")) {
                update.setLong(1, progress.rowsRead);
                update.setLong(2, progress.rowsRejected);
                update.setObject(3, progress.importId);
                update.executeUpdate();
            }
            if (!progress.pendingRejections.isEmpty()) {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO registry_import_rejection (import_id, line, reason) VALUES (?, ?, ?)"
                                + " ON CONFLICT DO NOTHING")) {
                    for (Rejection rejection : progress.pendingRejections) {
                        insert.setObject(1, progress.importId);
                        insert.setLong(2, rejection.line());
                        insert.setString(3, rejection.reason());
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                progress.pendingRejections.clear();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record the progress of import " + progress.importId, e);
        }
    }

    /** The switch: the new generation serves, the old ones go, in one transaction; then this replica's index. */
    private void switchTo(Connection connection, Progress progress) {
        try {
            boolean empty = progress.rowsRead == progress.rowsRejected;
            if (empty) {
                finishFailed(
                        progress.importId, "no row could be imported; the previous registry keeps serving", progress);
                deleteGeneration(connection, progress.generation);
                return;
            }
            connection.setAutoCommit(false);
            try (PreparedStatement current = connection.prepareStatement(
                            "UPDATE registry_current SET generation = ?, import_id = ?, switched_at = ?");
                    PreparedStatement old =
                            connection.prepareStatement("DELETE FROM registry_member_version WHERE generation <> ?");
                    PreparedStatement done = connection.prepareStatement(
                            "UPDATE registry_import SET status = 'COMPLETED', finished_at = ? WHERE id = ?")) {
                Timestamp now = Timestamp.from(clock.instant());
                current.setLong(1, progress.generation);
                current.setObject(2, progress.importId);
                current.setTimestamp(3, now);
                current.executeUpdate();
                old.setLong(1, progress.generation);
                old.executeUpdate();
                done.setTimestamp(1, now);
                done.setObject(2, progress.importId);
                done.executeUpdate();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
            LOG.infof(
                    "Registry import %s completed: generation %d serves (%d rows read, %d rejected)",
                    progress.importId, progress.generation, progress.rowsRead, progress.rowsRejected);
            index.current();
        } catch (SQLException | RuntimeException e) {
            LOG.errorf(e, "Registry import %s could not switch", progress.importId);
            finishFailed(progress.importId, "the new registry could not be switched in", progress);
            try {
                deleteGeneration(connection, progress.generation);
            } catch (SQLException ignored) {
                // The rows of a generation that never served are harmless; the next import's switch deletes them.
            }
        } finally {
            unlock(connection);
        }
    }

    private static void deleteGeneration(Connection connection, long generation) throws SQLException {
        try (PreparedStatement delete =
                connection.prepareStatement("DELETE FROM registry_member_version WHERE generation = ?")) {
            delete.setLong(1, generation);
            delete.executeUpdate();
        }
    }

    private void finishFailed(UUID importId, String reason, Progress progress) {
        try {
            saveProgress(progress);
        } catch (RuntimeException e) {
            LOG.warnf("Progress of failed import %s not saved", importId);
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE registry_import SET status = 'FAILED', failure = ?, finished_at = ? WHERE id = ?")) {
            update.setString(1, reason);
            update.setTimestamp(2, Timestamp.from(clock.instant()));
            update.setObject(3, importId);
            update.executeUpdate();
        } catch (SQLException e) {
            LOG.errorf(e, "Cannot mark import %s as failed", importId);
        }
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            lock.setLong(1, IMPORT_LOCK);
            try (var rows = lock.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        }
    }

    private static void unlock(Connection connection) {
        try (connection;
                PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            unlock.setLong(1, IMPORT_LOCK);
            unlock.execute();
        } catch (SQLException e) {
            LOG.warn("Could not release the import lock; it goes with the connection", e);
        }
    }

    private record Rejection(long line, String reason) {}

    private final class Progress {
        final UUID importId;
        final long generation;
        long line;
        long rowsRead;
        long rowsRejected;
        final List<Rejection> pendingRejections = new ArrayList<>();

        Progress(UUID importId, long generation) {
            this.importId = importId;
            this.generation = generation;
        }

        void reject(long line, String reason) {
            rowsRejected++;
            if (rowsRejected <= config.importRejectionsKept()) {
                pendingRejections.add(new Rejection(line, reason));
            }
        }
    }
}
