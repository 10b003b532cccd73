package io.leakwatch.statement.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.agroal.api.AgroalDataSource;
import io.leakwatch.contracts.CloudEvent;
import io.leakwatch.contracts.IntegrationEvent;
import io.leakwatch.contracts.Topics;
import io.leakwatch.platform.axon.AxonJson;
import io.leakwatch.platform.messaging.CloudEventCodec;
import io.leakwatch.statement.drafting.FactsFold;
import io.leakwatch.statement.drafting.IncidentFacts;
import io.leakwatch.statement.projection.StatementVersionProjection;
import io.leakwatch.statement.repository.IncidentFactsRepository;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Rebuilds statement-service's read side from the event topics into a fresh schema and compares it with the live one,
 * table by table and row by row (DESIGN.md, Audit). Started explicitly, runs on its own thread, one at a time; its
 * status and report are rows of {@code audit_replay}, so any replica answers for it.
 *
 * <p>The topics are read from the beginning to the end offsets seen at the start, with a plain consumer that has no
 * group and commits nothing, and their records are handed to the same code the live consumers use
 * ({@link IncidentFactsRepository}, {@link StatementVersionProjection}, {@link AuditTrail}) pointed at the fresh
 * schema, once per event id as the inbox does. The fresh schema is dropped when the comparison is stored.
 */
@ApplicationScoped
public class ProjectionReplay {

    private static final Logger LOG = Logger.getLogger(ProjectionReplay.class);

    /** Statuses of a replay (STYLE.md #7). */
    public static final String REPLAYING = "REPLAYING";

    public static final String CAUGHT_UP = "CAUGHT_UP";
    public static final String FAILED = "FAILED";

    /** At most this many differences are listed; {@code differenceCount} counts them all. */
    static final int MAX_DIFFERENCES = 1000;

    /** How often a running replay says it is alive, and after how long without that it counts as failed. */
    static final Duration HEARTBEAT = Duration.ofSeconds(5);

    static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(60);

    /** Records projected per transaction of the replay. */
    static final int REPLAY_CHUNK = 1000;

    static final List<String> TOPICS =
            List.of(Topics.INCIDENT_EVENTS, Topics.VERIFICATION_EVENTS, Topics.STATEMENT_EVENTS);

    /**
     * What is compared per table: the key that pairs a live row with a replayed one, and the columns that must agree.
     * Left out: {@code statement_version.id} (a surrogate), {@code audit_entry.appended_at} (when it was processed),
     * and the chain columns {@code seq}, {@code prev_hash}, {@code hash} of {@code audit_entry} and {@code audit_head},
     * because they depend on the order in which records of different topics arrived, which Kafka does not fix. The
     * order within one topic is compared instead ({@code topic_position}), and {@code .../trail/verify} checks the
     * chain itself.
     */
    record Table(String name, List<String> key, List<String> columns, String source) {

        String from(String schema) {
            return source.formatted(schema == null ? name : schema + "." + name);
        }
    }

    static final List<Table> TABLES = List.of(
            new Table("incident_facts", List.of("incident_id"), List.of("facts"), "SELECT * FROM %s"),
            new Table(
                    "statement_version",
                    List.of("incident_id", "version"),
                    List.of(
                            "status",
                            "caused_by",
                            "based_on",
                            "author",
                            "text_id",
                            "text_en",
                            "drafted_at",
                            "missing_elements",
                            "approved_by",
                            "approved_at",
                            "published_by",
                            "published_at",
                            "withdrawn_by",
                            "withdrawn_at",
                            "withdrawal_reason"),
                    "SELECT * FROM %s"),
            new Table(
                    "audit_entry",
                    List.of("incident_id", "event_id"),
                    List.of("topic", "type", "event_time", "canonical", "topic_position"),
                    "SELECT incident_id, event_id, topic, type, event_time, canonical,"
                            + " row_number() OVER (PARTITION BY incident_id, topic ORDER BY seq) AS topic_position"
                            + " FROM %s"),
            new Table("audit_head", List.of("incident_id"), List.of("seq"), "SELECT * FROM %s"));

    /** One row that is not the same in both: {@code kind} MISSING_IN_REPLAY, MISSING_IN_LIVE or DIFFERENT. */
    public record Difference(String table, Map<String, String> key, String kind, List<String> columns) {}

    /** A replay as an auditor reads it. */
    public record Report(
            String id,
            String status,
            String requestedBy,
            Instant startedAt,
            Instant finishedAt,
            String error,
            Map<String, Long> recordsRead,
            long recordsSkipped,
            Map<String, Long> liveRows,
            Map<String, Long> replayRows,
            List<String> comparedColumns,
            long differenceCount,
            List<Difference> differences) {}

    private final AgroalDataSource dataSource;
    private final String bootstrapServers;
    private final CloudEventCodec codec = new CloudEventCodec();
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "projection-replay");
        thread.setDaemon(true);
        return thread;
    });
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "projection-replay-heartbeat");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean running = new AtomicBoolean();

    ProjectionReplay(
            AgroalDataSource dataSource, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.dataSource = dataSource;
        this.bootstrapServers = bootstrapServers;
    }

    void onStop(@Observes ShutdownEvent stop) {
        heartbeat.shutdownNow();
        runner.shutdownNow();
    }

    /** Starts a replay in the background; empty when one is running already. */
    public Optional<String> start(String requestedBy) {
        if (!running.compareAndSet(false, true)) {
            return Optional.empty();
        }
        String id = UUID.randomUUID().toString();
        try {
            execute(
                    "INSERT INTO audit_replay (id, status, requested_by, started_at, heartbeat_at)"
                            + " VALUES (?, ?, ?, now(), now())",
                    id,
                    REPLAYING,
                    requestedBy);
            runner.submit(() -> run(id));
        } catch (RuntimeException e) {
            running.set(false);
            throw e;
        }
        return Optional.of(id);
    }

    public Optional<Report> find(String id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT status, requested_by, started_at, finished_at, report, error,"
                                + " heartbeat_at < now() - make_interval(secs => ?) FROM audit_replay WHERE id = ?")) {
            select.setLong(1, HEARTBEAT_TIMEOUT.toSeconds());
            select.setString(2, id);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                // The replica running it stopped (or hangs): it will never finish.
                boolean abandoned = REPLAYING.equals(row.getString(1)) && row.getBoolean(7);
                Report stored =
                        row.getString(5) == null ? null : AxonJson.mapper().readValue(row.getString(5), Report.class);
                Timestamp finished = row.getTimestamp(4);
                return Optional.of(new Report(
                        id,
                        abandoned ? FAILED : row.getString(1),
                        row.getString(2),
                        row.getTimestamp(3).toInstant(),
                        finished == null ? null : finished.toInstant(),
                        abandoned
                                ? "no heartbeat for " + HEARTBEAT_TIMEOUT.toSeconds()
                                        + " s: the replica running it stopped"
                                : row.getString(6),
                        stored == null ? Map.of() : stored.recordsRead(),
                        stored == null ? 0 : stored.recordsSkipped(),
                        stored == null ? Map.of() : stored.liveRows(),
                        stored == null ? Map.of() : stored.replayRows(),
                        comparedColumns(),
                        stored == null ? 0 : stored.differenceCount(),
                        stored == null ? List.of() : stored.differences()));
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Cannot read replay " + id, e);
        }
    }

    private void run(String id) {
        String schema = "replay_" + id.replace("-", "");
        LOG.infof("Replay %s: rebuilding the read side into schema %s", id, schema);
        ScheduledFuture<?> beat = heartbeat.scheduleWithFixedDelay(
                () -> {
                    try {
                        execute("UPDATE audit_replay SET heartbeat_at = now() WHERE id = ?", id);
                    } catch (RuntimeException e) {
                        LOG.warnf(e, "Replay %s: cannot move its heartbeat", id);
                    }
                },
                HEARTBEAT.toMillis(),
                HEARTBEAT.toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            createSchema(schema);
            Map<String, Long> read = new LinkedHashMap<>();
            long skipped = project(schema, read);
            Map<String, Long> liveRows = new LinkedHashMap<>();
            Map<String, Long> replayRows = new LinkedHashMap<>();
            for (Table table : TABLES) {
                liveRows.put(table.name(), count(table.name()));
                replayRows.put(table.name(), count(schema + "." + table.name()));
            }
            List<Difference> differences = new ArrayList<>();
            long total = 0;
            for (Table table : TABLES) {
                total += compare(table, schema, differences);
            }
            Report report = new Report(
                    id,
                    CAUGHT_UP,
                    null,
                    null,
                    null,
                    null,
                    read,
                    skipped,
                    liveRows,
                    replayRows,
                    null,
                    total,
                    differences);
            execute(
                    "UPDATE audit_replay SET status = ?, finished_at = now(), report = ?::jsonb WHERE id = ?",
                    CAUGHT_UP,
                    AxonJson.mapper().writeValueAsString(report),
                    id);
            LOG.infof(
                    "Replay %s caught up: %d records, %d differences",
                    id, read.values().stream().mapToLong(Long::longValue).sum(), total);
        } catch (Exception e) {
            LOG.errorf(e, "Replay %s failed", id);
            execute(
                    "UPDATE audit_replay SET status = ?, finished_at = now(), error = ? WHERE id = ?",
                    FAILED,
                    String.valueOf(e.getMessage()),
                    id);
        } finally {
            beat.cancel(false);
            try {
                execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            } catch (RuntimeException e) {
                LOG.warnf(e, "Replay %s: cannot drop schema %s", id, schema);
            }
            running.set(false);
        }
    }

    /**
     * The read side's tables, empty, with the live tables' columns, defaults, constraints and indexes. Package-visible,
     * like {@link #project} and {@link #readTopics}, for the rebuild benchmark (bench module), which times them.
     */
    void createSchema(String schema) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement ddl = connection.createStatement()) {
            ddl.execute("CREATE SCHEMA " + schema);
            for (Table table : TABLES) {
                ddl.execute(
                        "CREATE TABLE " + schema + "." + table.name() + " (LIKE " + table.name() + " INCLUDING ALL)");
            }
            // LIKE copies the id default with the live sequence; the replay numbers its rows on its own.
            ddl.execute("CREATE SEQUENCE " + schema + ".statement_version_id_seq");
            ddl.execute("ALTER TABLE " + schema + ".statement_version ALTER COLUMN id SET DEFAULT nextval('" + schema
                    + ".statement_version_id_seq')");
        }
    }

    /**
     * Reads every record of the event topics up to the end offsets seen now, in the order the records were written
     * (Kafka timestamp, then topic, partition, offset), and projects each as the live consumers do.
     *
     * @return records that were skipped: malformed, or of an event type this build does not know (as the inbox does)
     */
    long project(String schema, Map<String, Long> read) throws SQLException {
        List<ConsumerRecord<String, String>> records = readTopics(read);
        records.sort(Comparator.<ConsumerRecord<String, String>>comparingLong(ConsumerRecord::timestamp)
                .thenComparing(r -> TOPICS.indexOf(r.topic()))
                .thenComparingInt(ConsumerRecord::partition)
                .thenComparingLong(ConsumerRecord::offset));
        try (Connection connection = dataSource.getConnection()) {
            // The rebuilt tables are the replay's alone: it writes them in transactions of a chunk of records each,
            // through the projections' batch forms, rather than a commit per row.
            connection.setAutoCommit(false);
            try {
                return projectInChunks(connection, schema, records);
            } catch (SQLException | RuntimeException e) {
                // Not left to the pool, which would commit the chunk when it turns autocommit back on.
                connection.rollback();
                throw e;
            }
        }
    }

    private long projectInChunks(Connection connection, String schema, List<ConsumerRecord<String, String>> records)
            throws SQLException {
        IncidentFactsRepository facts = new IncidentFactsRepository(dataSource, schema);
        StatementVersionProjection versions = new StatementVersionProjection(dataSource, schema + ".statement_version");
        AuditTrail trail = new AuditTrail(dataSource, schema);
        Set<String> folded = new HashSet<>();
        Set<String> appended = new HashSet<>();
        Set<String> versioned = new HashSet<>();
        long skipped = 0;
        for (int from = 0; from < records.size(); from += REPLAY_CHUNK) {
            List<CloudEvent<IntegrationEvent>> statementEvents = new ArrayList<>();
            List<CloudEvent<IntegrationEvent>> factEvents = new ArrayList<>();
            List<AuditTrail.Appended> entries = new ArrayList<>();
            for (ConsumerRecord<String, String> record :
                    records.subList(from, Math.min(records.size(), from + REPLAY_CHUNK))) {
                Optional<CloudEvent<IntegrationEvent>> decoded;
                try {
                    decoded = codec.decode(record.value());
                } catch (CloudEventCodec.MalformedEventException e) {
                    decoded = Optional.empty();
                }
                if (decoded.isEmpty()) {
                    skipped++;
                    continue;
                }
                CloudEvent<IntegrationEvent> event = decoded.get();
                if (record.topic().equals(Topics.STATEMENT_EVENTS)) {
                    // The live projection reads the event store; its events are these, forwarded.
                    if (versioned.add(event.id())) {
                        statementEvents.add(event);
                    }
                } else if (folded.add(event.id())) {
                    factEvents.add(event);
                }
                if (appended.add(event.id())) {
                    entries.add(new AuditTrail.Appended(record.topic(), event, record.value()));
                }
            }
            versions.projectAll(
                    connection, statementEvents.stream().map(CloudEvent::data).toList());
            foldFacts(connection, facts, factEvents);
            trail.appendAll(connection, entries);
            connection.commit();
            int chunks = from / REPLAY_CHUNK + 1;
            if (Integer.bitCount(chunks) == 1) {
                analyse(connection, schema);
            }
        }
        return skipped;
    }

    /**
     * Gives the planner the fresh tables' statistics after chunks 1, 2, 4, 8, ...: without them it scanned the whole of
     * {@code audit_head} for every chunk's heads once the table had grown (a replay of 112,425 records took 38 s in one
     * run and 131 s in the next, depending on when autovacuum came by).
     */
    private static void analyse(Connection connection, String schema) throws SQLException {
        try (Statement analyse = connection.createStatement()) {
            for (Table table : TABLES) {
                analyse.execute("ANALYZE " + schema + "." + table.name());
            }
        }
        connection.commit();
    }

    /** Folds the events into their incidents' facts, as the drafting does, and stores the facts that changed. */
    private static void foldFacts(
            Connection connection, IncidentFactsRepository facts, List<CloudEvent<IntegrationEvent>> events)
            throws SQLException {
        Map<String, IncidentFacts> known = facts.findAll(
                connection, events.stream().map(CloudEvent::subject).collect(Collectors.toSet()));
        facts.saveAll(connection, FactsFold.fold(known, events, event -> event, (event, after) -> {}));
    }

    List<ConsumerRecord<String, String>> readTopics(Map<String, Long> read) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "statement-service-replay");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : TOPICS) {
                read.put(topic, 0L);
                consumer.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        records.add(record);
                        read.merge(record.topic(), 1L, Long::sum);
                    }
                }
            }
        }
        return records;
    }

    /** Adds the rows of {@code table} that differ between live and replay to {@code differences}; returns how many. */
    private long compare(Table table, String schema, List<Difference> differences) throws SQLException {
        List<String> keys = table.key();
        List<String> columns = table.columns();
        StringBuilder sql = new StringBuilder("SELECT ");
        for (String key : keys) {
            sql.append("coalesce(l.").append(key).append(", r.").append(key).append(")::text, ");
        }
        sql.append("l.")
                .append(keys.get(0))
                .append(" IS NULL, r.")
                .append(keys.get(0))
                .append(" IS NULL");
        for (String column : columns) {
            sql.append(", l.").append(column).append(" IS DISTINCT FROM r.").append(column);
        }
        sql.append(" FROM (")
                .append(table.from(null))
                .append(") l FULL JOIN (")
                .append(table.from(schema))
                .append(") r ON ");
        sql.append(String.join(
                " AND ", keys.stream().map(k -> "l." + k + " = r." + k).toList()));
        sql.append(" WHERE l.")
                .append(keys.get(0))
                .append(" IS NULL OR r.")
                .append(keys.get(0))
                .append(" IS NULL");
        for (String column : columns) {
            sql.append(" OR l.").append(column).append(" IS DISTINCT FROM r.").append(column);
        }
        sql.append(" ORDER BY 1");
        long found = 0;
        try (Connection connection = dataSource.getConnection();
                Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery(sql.toString())) {
            while (rows.next()) {
                found++;
                if (differences.size() >= MAX_DIFFERENCES) {
                    continue;
                }
                Map<String, String> key = new LinkedHashMap<>();
                for (int i = 0; i < keys.size(); i++) {
                    key.put(keys.get(i), rows.getString(i + 1));
                }
                boolean onlyInReplay = rows.getBoolean(keys.size() + 1);
                boolean onlyInLive = rows.getBoolean(keys.size() + 2);
                List<String> differing = new ArrayList<>();
                for (int i = 0; i < columns.size(); i++) {
                    if (rows.getBoolean(keys.size() + 3 + i)) {
                        differing.add(columns.get(i));
                    }
                }
                differences.add(new Difference(
                        table.name(),
                        key,
                        onlyInReplay ? "MISSING_IN_LIVE" : onlyInLive ? "MISSING_IN_REPLAY" : "DIFFERENT",
                        onlyInReplay || onlyInLive ? List.of() : differing));
            }
        }
        return found;
    }

    private long count(String table) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The compared columns, {@code table.column}, for the report. */
    static List<String> comparedColumns() {
        return TABLES.stream()
                .flatMap(t -> t.columns().stream().map(c -> t.name() + "." + c))
                .toList();
    }

    private void execute(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Replay bookkeeping failed: " + sql, e);
        }
    }
}
