package io.leakwatch.bench.append;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.leakwatch.bench.Stats;
import io.leakwatch.platform.axon.AxonJson;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Commands per second through Axon's {@link JdbcEventStorageEngine} into PostgreSQL, one new aggregate (one event, one
 * transaction) per command, against a plain JDBC loop inserting the same rows into a copy of {@code domainevententry}
 * one transaction per row, at each concurrency, in the same JVM and run.
 *
 * <p>Note: wired like {@code AxonRuntime} (Agroal pool, Jackson via {@link AxonJson}, the SQLState resolver, a
 * correlation data provider) except the transaction: {@code AxonRuntime} goes through Narayana JTA, which needs the
 * Quarkus container; here the unit of work commits its own JDBC connection
 * ({@link UnitOfWorkAwareConnectionProviderWrapper}). Both are one commit per command.
 *
 * <p>Arguments: {@code jdbcUrl seconds concurrencies(comma) runs}.
 */
public final class AppendBench {

    private static final String INSERT = "INSERT INTO %s (eventidentifier, aggregateidentifier, sequencenumber, type,"
            + " timestamp, payloadtype, payloadrevision, payload, metadata) VALUES (?,?,?,?,?,?,?,?,?)";
    private static final int MAX_SAMPLES = 1 << 21;

    private AppendBench() {}

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "jdbc:postgresql://127.0.0.1:5432/leakwatch_bench";
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int[] concurrencies = java.util.Arrays.stream((args.length > 2 ? args[2] : "1,4,16").split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        int poolSize = java.util.Arrays.stream(concurrencies).max().orElse(1) + 2;

        try (AgroalDataSource dataSource = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool.maxSize(poolSize)
                        .minSize(poolSize)
                        .initialSize(poolSize)
                        .acquisitionTimeout(Duration.ofSeconds(30))
                        .connectionFactoryConfiguration(factory -> factory.jdbcUrl(url)
                                .principal(new NamePrincipal("postgres"))
                                .autoCommit(false))))) {
            createSchema(dataSource);
            Configuration axon = axon(dataSource);
            axon.start();
            CommandGateway gateway = axon.commandGateway();
            ObjectMapper json = AxonJson.mapper();

            Map<String, List<Double>> rates = new LinkedHashMap<>();
            Map<String, List<Double>> p99s = new LinkedHashMap<>();
            // Warm-up, not recorded: JIT, pool, PostgreSQL's caches.
            truncate(dataSource);
            measure("axon", 4, 2, () -> axonCommand(gateway));
            measure("jdbc", 4, 2, () -> jdbcRow(dataSource, json));
            Map<String, List<Double>> ratios = new LinkedHashMap<>();
            for (int run = 1; run <= runs; run++) {
                for (int c : concurrencies) {
                    truncate(dataSource);
                    // Note: on a shared, noisy box the sides take turns in one-second slices, so both see the same
                    // neighbours; a cell's figure is the sum over its slices.
                    Map<String, Result> cell = new LinkedHashMap<>();
                    for (int slice = 0; slice < seconds; slice++) {
                        String[] order =
                                (slice + run) % 2 == 0 ? new String[] {"axon", "jdbc"} : new String[] {"jdbc", "axon"};
                        for (String side : order) {
                            Result r = side.equals("axon")
                                    ? measure(side, c, 1, () -> axonCommand(gateway))
                                    : measure(side, c, 1, () -> jdbcRow(dataSource, json));
                            cell.merge(side, r, Result::plus);
                        }
                    }
                    for (Map.Entry<String, Result> e : cell.entrySet()) {
                        Result r = e.getValue();
                        double perSecond = r.ops() / r.seconds();
                        double p99 = Stats.percentile(r.latencies(), r.latencies().length, 99) / 1e6;
                        System.out.printf(
                                "RESULT side=%s concurrency=%d run=%d ops=%d perSecond=%.1f p50ms=%.2f p99ms=%.2f%n",
                                e.getKey(),
                                c,
                                run,
                                r.ops(),
                                perSecond,
                                Stats.percentile(r.latencies(), r.latencies().length, 50) / 1e6,
                                p99);
                        rates.computeIfAbsent(e.getKey() + c, k -> new ArrayList<>())
                                .add(perSecond);
                        p99s.computeIfAbsent(e.getKey() + c, k -> new ArrayList<>())
                                .add(p99);
                    }
                    ratios.computeIfAbsent("" + c, k -> new ArrayList<>())
                            .add((cell.get("axon").ops() / cell.get("axon").seconds())
                                    / (cell.get("jdbc").ops() / cell.get("jdbc").seconds()));
                }
            }
            axon.shutdown();

            StringBuilder md = new StringBuilder();
            md.append(
                    "| concurrency | Axon commands/s | plain JDBC rows/s | ratio of medians |"
                            + " median of per-run ratios | Axon p99 commit ms | JDBC p99 commit ms |\n|---|---|---|---|---|---|---|\n");
            for (int c : concurrencies) {
                double axonRate = Stats.median(rates.get("axon" + c));
                double jdbcRate = Stats.median(rates.get("jdbc" + c));
                md.append(String.format(
                        "| %d | %s | %s | **%s** | %s | %s | %s |%n",
                        c,
                        Stats.fmt(axonRate),
                        Stats.fmt(jdbcRate),
                        Stats.fmt(axonRate / jdbcRate),
                        Stats.fmt(Stats.median(ratios.get("" + c))),
                        Stats.fmt(Stats.median(p99s.get("axon" + c))),
                        Stats.fmt(Stats.median(p99s.get("jdbc" + c)))));
            }
            System.out.println("MARKDOWN-BEGIN");
            System.out.print(md);
            System.out.println("MARKDOWN-END");
        }
    }

    private static Configuration axon(AgroalDataSource dataSource) {
        Serializer serializer = JacksonSerializer.builder()
                .objectMapper(AxonJson.mapper())
                .classLoader(Thread.currentThread().getContextClassLoader())
                .build();
        return DefaultConfigurer.defaultConfiguration(false)
                .configureSerializer(c -> serializer)
                .configureEventSerializer(c -> serializer)
                .configureMessageSerializer(c -> serializer)
                .configureTransactionManager(c -> NoTransactionManager.INSTANCE)
                .configureCorrelationDataProviders(c -> List.of(new MessageOriginProvider()))
                .configureEmbeddedEventStore(c -> JdbcEventStorageEngine.builder()
                        .connectionProvider(new UnitOfWorkAwareConnectionProviderWrapper(dataSource::getConnection))
                        .transactionManager(NoTransactionManager.INSTANCE)
                        .eventSerializer(serializer)
                        .snapshotSerializer(serializer)
                        .persistenceExceptionResolver(new SQLStateResolver("23505"))
                        .upcasterChain(c.upcasterChain())
                        .build())
                .configureAggregate(BenchIncident.class)
                .buildConfiguration();
    }

    private static void axonCommand(CommandGateway gateway) {
        String id = UUID.randomUUID().toString();
        gateway.sendAndWait(
                new ReportBenchIncident(id, "Registry dump offered on a forum", "forum-post", 279_000_000L));
    }

    /** The row Axon writes for the same event: same columns, same JSON, metadata with the two correlation ids. */
    private static void jdbcRow(AgroalDataSource dataSource, ObjectMapper json) {
        String id = UUID.randomUUID().toString();
        String messageId = UUID.randomUUID().toString();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT.formatted("baseline_evententry"))) {
            insert.setString(1, messageId);
            insert.setString(2, id);
            insert.setLong(3, 0);
            insert.setString(4, "BenchIncident");
            insert.setString(5, Instant.now().toString());
            insert.setString(6, BenchIncidentReported.class.getName());
            insert.setString(7, null);
            insert.setBytes(
                    8,
                    json.writeValueAsBytes(new BenchIncidentReported(
                            id, "Registry dump offered on a forum", "forum-post", 279_000_000L)));
            insert.setBytes(9, json.writeValueAsBytes(Map.of("traceId", messageId, "correlationId", messageId)));
            insert.executeUpdate();
            connection.commit();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private record Result(long ops, double seconds, long[] latencies) {
        Result plus(Result other) {
            long[] all = java.util.Arrays.copyOf(latencies, latencies.length + other.latencies.length);
            System.arraycopy(other.latencies, 0, all, latencies.length, other.latencies.length);
            return new Result(ops + other.ops, seconds + other.seconds, all);
        }
    }

    /** Runs {@code op} on {@code threads} threads for {@code seconds}; every call's time from start to commit. */
    private static Result measure(String side, int threads, int seconds, Runnable op) throws Exception {
        long[][] latencies = new long[threads][MAX_SAMPLES / threads];
        int[] counts = new int[threads];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch start = new CountDownLatch(1);
        long[] window = new long[2];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int me = t;
            Thread worker = new Thread(
                    () -> {
                        try {
                            start.await();
                            long end = window[1];
                            long[] mine = latencies[me];
                            int n = 0;
                            long now = System.nanoTime();
                            while (now < end && n < mine.length) {
                                op.run();
                                long done = System.nanoTime();
                                mine[n++] = done - now;
                                now = done;
                            }
                            counts[me] = n;
                        } catch (Throwable e) {
                            failure.compareAndSet(null, e);
                        }
                    },
                    side + "-" + t);
            workers.add(worker);
            worker.start();
        }
        window[0] = System.nanoTime();
        window[1] = window[0] + Duration.ofSeconds(seconds).toNanos();
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        long elapsed = System.nanoTime() - window[0];
        if (failure.get() != null) {
            throw new IllegalStateException(side + " failed", failure.get());
        }
        int total = 0;
        for (int n : counts) {
            total += n;
        }
        long[] all = new long[total];
        int at = 0;
        for (int t = 0; t < threads; t++) {
            System.arraycopy(latencies[t], 0, all, at, counts[t]);
            at += counts[t];
        }
        return new Result(total, elapsed / 1e9, all);
    }

    private static void truncate(AgroalDataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE domainevententry, baseline_evententry RESTART IDENTITY");
            connection.commit();
        }
    }

    /** The platform's own migration, and the same table under another name for the baseline. */
    private static void createSchema(AgroalDataSource dataSource) throws Exception {
        String ddl;
        try (InputStream in =
                AppendBench.class.getResourceAsStream("/db/platform/V1__axon_event_store_and_inbox.sql")) {
            ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String eventTable = ddl.substring(ddl.indexOf("CREATE TABLE domainevententry"), ddl.indexOf(");") + 2);
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS domainevententry, snapshotevententry, tokenentry,"
                    + " processed_event, baseline_evententry");
            for (String sql : ddl.replaceAll("(?m)^--.*$", "").split(";")) {
                if (!sql.isBlank()) {
                    statement.execute(sql);
                }
            }
            statement.execute(eventTable.replace("domainevententry", "baseline_evententry"));
            connection.commit();
        }
    }
}
