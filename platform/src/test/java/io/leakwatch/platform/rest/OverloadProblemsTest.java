package io.leakwatch.platform.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnection;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a request is answered when its database is overloaded or cannot be reached, fed with what the real pools fail
 * with (Agroal for JDBC: Axon's store and the projections; the Vert.x SQL pool for the reactive reads), bare and
 * wrapped as they reach the REST layer. Uses the tests' PostgreSQL ({@code LEAKWATCH_PG_HOST}/{@code _PORT}, default
 * 127.0.0.1:5432), database {@code postgres}, and writes nothing; pools of one connection.
 */
class OverloadProblemsTest {

    private static final String HOST = System.getenv().getOrDefault("LEAKWATCH_PG_HOST", "127.0.0.1");
    private static final int PORT = Integer.parseInt(System.getenv().getOrDefault("LEAKWATCH_PG_PORT", "5432"));
    /** How long the pools wait for a connection: short where the test exhausts them, ample where it should get one. */
    private static final Duration SHORT = Duration.ofMillis(300);

    private static final Duration AMPLE = Duration.ofSeconds(10);

    private static Vertx vertx;
    private final ProblemMappers mappers = new ProblemMappers();

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() throws Exception {
        await(vertx.close());
    }

    @Test
    void anExhaustedJdbcPoolIsA503() throws Exception {
        try (AgroalDataSource pool = agroal(PORT);
                Connection held = pool.getConnection()) {
            // Shortened only now: making the first connection may take longer than that on a loaded machine.
            pool.getConfiguration().connectionPoolConfiguration().setAcquisitionTimeout(SHORT);
            Throwable timeout = catchThrowable(pool::getConnection);

            report("JDBC pool timeout", timeout);
            assertThat(timeout).isNotNull();
            assertUnavailable(mappers.unexpected(timeout));
            // As Axon's JDBC event store hands it on from a command handler.
            assertUnavailable(mappers.unexpected(new EventStoreException("append failed", timeout)));
        }
    }

    @Test
    void anExhaustedReactivePoolIsA503() throws Exception {
        // Note: a Vert.x pool's wait cannot be changed once built, and it also bounds making the first connection, so
        // it
        // is not shorter: 300 ms failed that on the loaded machine.
        Pool pool = reactive(PORT, Duration.ofSeconds(2));
        try {
            SqlConnection held = await(pool.getConnection());
            Throwable timeout = failureOf(pool.getConnection());
            Throwable queryTimeout = failureOf(pool.query("SELECT 1").execute());

            report("reactive pool timeout", timeout);
            report("reactive pool timeout (query on the pool)", queryTimeout);
            assertThat(timeout).isNotNull();
            assertUnavailable(mappers.unexpected(timeout));
            // As a CompletionStage (Hibernate Reactive's) hands it on.
            assertUnavailable(mappers.unexpected(new CompletionException(timeout)));
            assertThat(queryTimeout).isNotNull();
            assertUnavailable(mappers.unexpected(queryTimeout));
            await(held.close());
        } finally {
            await(pool.close());
        }
    }

    @Test
    void aDatabaseThatRefusesConnectionsIsA503() throws Exception {
        int closedPort = freePort();
        try (AgroalDataSource jdbc = agroal(closedPort)) {
            Throwable refused = catchThrowable(jdbc::getConnection);
            report("JDBC connection refused", refused);
            assertUnavailable(mappers.unexpected(refused));
        }
        Pool reactive = reactive(closedPort, AMPLE);
        try {
            Throwable refused = failureOf(reactive.getConnection());
            report("reactive connection refused", refused);
            assertUnavailable(mappers.unexpected(refused));
        } finally {
            await(reactive.close());
        }
    }

    @Test
    void aConnectionTheDatabaseCutIsA503() throws Exception {
        Pool pool = reactive(PORT, AMPLE);
        try {
            SqlConnection connection = await(pool.getConnection());
            // What a PostgreSQL restart or failover does to every open connection.
            Throwable terminated = failureOf(connection
                    .query("SELECT pg_terminate_backend(pg_backend_pid())")
                    .execute());
            Throwable closed = failureOf(connection.query("SELECT 1").execute());

            report("reactive backend terminated", terminated);
            report("reactive connection closed", closed);
            assertThat(terminated).isNotNull();
            assertUnavailable(mappers.unexpected(new CompletionException(terminated)));
            assertThat(closed).isNotNull();
            assertUnavailable(mappers.unexpected(closed));
        } finally {
            await(pool.close());
        }
    }

    @Test
    void otherDatabaseFailuresStay500sThatNameNoClass() throws Exception {
        Pool pool = reactive(PORT, AMPLE);
        try {
            Throwable syntax = failureOf(pool.query("SELEC 1").execute());
            Throwable division = failureOf(pool.query("SELECT 1 / 0").execute());

            assertInternal(mappers.unexpected(new CompletionException(syntax)));
            assertInternal(mappers.unexpected(division));
        } finally {
            await(pool.close());
        }
        try (AgroalDataSource jdbc = agroal(PORT);
                Connection connection = jdbc.getConnection()) {
            Throwable syntax = catchThrowable(() -> connection.createStatement().execute("SELEC 1"));
            assertInternal(mappers.unexpected(new EventStoreException("append failed", syntax)));
        }
        assertInternal(mappers.unexpected(new IllegalStateException("a bug")));
    }

    /** What the pools really threw, printed so that a run's log shows it (docs/decisions.md, "Session 6"). */
    private static void report(String what, Throwable failure) {
        StringBuilder chain = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            chain.append(chain.isEmpty() ? "" : " <- ")
                    .append(t.getClass().getName())
                    .append(": ")
                    .append(t.getMessage());
        }
        System.out.println("overload: " + what + ": " + chain);
    }

    private static void assertUnavailable(Response response) {
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getMediaType()).isEqualTo(Problem.PROBLEM_JSON);
        assertThat(response.getHeaderString("Retry-After"))
                .isEqualTo(String.valueOf(ProblemMappers.RETRY_AFTER_SECONDS));
        Problem problem = (Problem) response.getEntity();
        assertThat(problem.status()).isEqualTo(503);
        assertThat(problem.title()).isEqualTo("Service Unavailable");
        assertThat(problem.detail()).contains("overloaded").contains("again");
        assertNamesNoClass(problem);
    }

    private static void assertInternal(Response response) {
        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getMediaType()).isEqualTo(Problem.PROBLEM_JSON);
        assertThat(response.getHeaderString("Retry-After")).isNull();
        assertNamesNoClass((Problem) response.getEntity());
    }

    private static void assertNamesNoClass(Problem problem) {
        assertThat(problem.detail()).doesNotContain("Exception", "io.", "java.", "org.", "SQL", "Timeout");
    }

    private static AgroalDataSource agroal(int port) throws Exception {
        return AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool.maxSize(1)
                        .acquisitionTimeout(AMPLE)
                        .connectionFactoryConfiguration(
                                factory -> factory.jdbcUrl("jdbc:postgresql://" + HOST + ":" + port + "/postgres")
                                        .connectionProviderClassName("org.postgresql.Driver")
                                        .principal(new NamePrincipal("postgres")))));
    }

    private static Pool reactive(int port, Duration wait) {
        return PgBuilder.pool()
                .with(new PoolOptions()
                        .setMaxSize(1)
                        .setConnectionTimeout((int) wait.toMillis())
                        .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS))
                .connectingTo(new PgConnectOptions()
                        .setHost(HOST)
                        .setPort(port)
                        .setDatabase("postgres")
                        .setUser("postgres"))
                .using(vertx)
                .build();
    }

    /** A port nothing listens on: the operating system's pick, closed again at once. */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** The failure exactly as the pool reports it (not wrapped, as {@code CompletableFuture.get} would). */
    private static Throwable failureOf(Future<?> future) throws Exception {
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        future.onComplete(result -> failure.complete(result.cause()));
        return failure.get(10, TimeUnit.SECONDS);
    }
}
