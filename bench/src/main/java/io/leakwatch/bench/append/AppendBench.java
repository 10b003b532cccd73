package io.leakwatch.bench.append;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.leakwatch.bench.BenchLogging;
import io.leakwatch.bench.Stats;
import io.leakwatch.platform.axon.AxonJson;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

    private AppendBench() {}

    public static void main(String[] args) throws Exception {
        BenchLogging.infoToStderr();
        String url = args.length > 0 ? args[0] : "jdbc:postgresql://127.0.0.1:5432/leakwatch_bench";
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int[] concurrencies = java.util.Arrays.stream((args.length > 2 ? args[2] : "1,4,16").split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        int poolSize = java.util.Arrays.stream(concurrencies).max().orElse(1) + 2;

        try (AgroalDataSource dataSource = pool(url, poolSize)) {
            createSchema(dataSource);
            Configuration axon = axon(dataSource);
            axon.start();
            CommandGateway gateway = axon.commandGateway();
            PlainEventRows rows = plainRows(dataSource);

            Map<String, List<Double>> rates = new LinkedHashMap<>();
            Map<String, List<Double>> p99s = new LinkedHashMap<>();
            // Warm-up, not recorded: JIT, pool, PostgreSQL's caches.
            truncate(dataSource);
            TimedSlice.run("axon", 4, 2, () -> axonCommand(gateway));
            TimedSlice.run("jdbc", 4, 2, rows::insertOne);
            Map<String, List<Double>> ratios = new LinkedHashMap<>();
            for (int run = 1; run <= runs; run++) {
                for (int c : concurrencies) {
                    truncate(dataSource);
                    // Note: on a shared, noisy box the sides take turns in one-second slices, so both see the same
                    // neighbours; a cell's figure is the sum over its slices.
                    Map<String, TimedSlice.Result> cell = new LinkedHashMap<>();
                    for (int slice = 0; slice < seconds; slice++) {
                        String[] order =
                                (slice + run) % 2 == 0 ? new String[] {"axon", "jdbc"} : new String[] {"jdbc", "axon"};
                        for (String side : order) {
                            TimedSlice.Result r = side.equals("axon")
                                    ? TimedSlice.run(side, c, 1, () -> axonCommand(gateway))
                                    : TimedSlice.run(side, c, 1, rows::insertOne);
                            cell.merge(side, r, TimedSlice.Result::plus);
                        }
                    }
                    for (Map.Entry<String, TimedSlice.Result> e : cell.entrySet()) {
                        TimedSlice.Result r = e.getValue();
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

    /** A fixed-size Agroal pool of connections without auto-commit, as the services' datasource. */
    static AgroalDataSource pool(String url, int size) throws SQLException {
        return AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool.maxSize(size)
                        .minSize(size)
                        .initialSize(size)
                        .acquisitionTimeout(Duration.ofSeconds(30))
                        .connectionFactoryConfiguration(factory -> factory.jdbcUrl(url)
                                .principal(new NamePrincipal("postgres"))
                                .autoCommit(false))));
    }

    static Configuration axon(AgroalDataSource dataSource) {
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

    static void axonCommand(CommandGateway gateway) {
        String id = UUID.randomUUID().toString();
        gateway.sendAndWait(
                new ReportBenchIncident(id, "Registry dump offered on a forum", "forum-post", 279_000_000L));
    }

    /** The row Axon writes for the same event: same columns, same JSON, metadata with the two correlation ids. */
    private static PlainEventRows plainRows(AgroalDataSource dataSource) {
        ObjectMapper json = AxonJson.mapper();
        return new PlainEventRows(
                dataSource,
                "baseline_evententry",
                "BenchIncident",
                BenchIncidentReported.class.getName(),
                id -> bytes(
                        json,
                        new BenchIncidentReported(id, "Registry dump offered on a forum", "forum-post", 279_000_000L)),
                messageId -> bytes(json, Map.of("traceId", messageId, "correlationId", messageId)));
    }

    private static byte[] bytes(ObjectMapper json, Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static void truncate(AgroalDataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE domainevententry, baseline_evententry RESTART IDENTITY");
            connection.commit();
        }
    }

    /** The platform's own migration, and the same table under another name for the baseline. */
    static void createSchema(AgroalDataSource dataSource) throws Exception {
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
