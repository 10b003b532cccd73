package io.leakwatch.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * The real parts a service's {@code @QuarkusTest}s run against: a Kafka broker in the test JVM and a fresh PostgreSQL
 * database for this run, and the public key of {@link TestTokens}. Register it with {@code @WithTestResource(value = LeakwatchTestStack.class, scope =
 * TestResourceScope.GLOBAL)} on every test class, so Quarkus boots the application once per module.
 */
public class LeakwatchTestStack implements QuarkusTestResourceLifecycleManager {

    private static InJvmKafkaBroker broker;
    private static FreshDatabase database;

    @Override
    public synchronized Map<String, String> start() {
        if (broker == null) {
            broker = InJvmKafkaBroker.start();
        }
        if (database == null) {
            database = FreshDatabase.create("leakwatch_test");
        }
        return Map.of(
                "kafka.bootstrap.servers", broker.bootstrapServers(),
                "quarkus.datasource.jdbc.url", database.jdbcUrl(),
                "quarkus.datasource.reactive.url", database.reactiveUrl(),
                "quarkus.datasource.username", FreshDatabase.user(),
                "mp.jwt.verify.publickey.location",
                        TestTokens.publicKeyFile().toUri().toString(),
                // Metrics read from tables are sampled this often; short, so tests see them move quickly.
                "leakwatch.metrics.refresh-interval", "PT0.5S");
    }

    @Override
    public synchronized void stop() {
        if (database != null) {
            database.close();
            database = null;
        }
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    /** The broker of the running test stack, for tests that read or write topics directly. */
    public static synchronized InJvmKafkaBroker broker() {
        return broker;
    }

    /** The database of the running test stack, for tests that look at what was stored. */
    public static synchronized FreshDatabase database() {
        return database;
    }
}
