package io.leakwatch.e2e;

import io.leakwatch.testing.FreshDatabase;
import io.leakwatch.testing.InJvmKafkaBroker;
import java.io.IOException;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What every end-to-end test stands on: a real broker, a fresh PostgreSQL database per service, and the packaged
 * services as processes wired to them. Register it as {@code @RegisterExtension static final E2eStack stack = new
 * E2eStack();}: the broker starts before the class's {@code @BeforeAll}, and everything made goes again after its
 * {@code @AfterAll}, in reverse order.
 */
final class E2eStack implements BeforeAllCallback, AfterAllCallback {

    /** A tokenisation key for this run only, shared by intake and matching as in production. */
    static final String TOKENISATION_KEY = randomKey();

    private InJvmKafkaBroker broker;
    private final List<AutoCloseable> parts = new ArrayList<>();

    @Override
    public void beforeAll(ExtensionContext context) {
        broker = InJvmKafkaBroker.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        for (int i = parts.size() - 1; i >= 0; i--) {
            parts.get(i).close();
        }
        parts.clear();
        if (broker != null) {
            broker.close();
        }
    }

    InJvmKafkaBroker broker() {
        return broker;
    }

    /** A new, empty database named after {@code purpose}, dropped on close. */
    FreshDatabase database(String purpose) {
        FreshDatabase database = FreshDatabase.create("leakwatch_e2e_" + purpose);
        parts.add(database);
        return database;
    }

    /** A service (its module's name) on a free port, wired to the broker and the database; not started yet. */
    ServiceProcess service(String module, FreshDatabase database) throws IOException {
        return service(module, module, database, Map.of(), List.of());
    }

    /**
     * @param name the name of its log file, so that two replicas of one module log apart
     * @param config further configuration, as system properties
     * @param jvmArgs further JVM options, after the default {@code -Xmx256m}
     */
    ServiceProcess service(
            String module, String name, FreshDatabase database, Map<String, String> config, List<String> jvmArgs)
            throws IOException {
        Map<String, String> all =
                ServiceProcess.stackConfig(module, broker.bootstrapServers(), database, TOKENISATION_KEY);
        all.putAll(config);
        ServiceProcess service = new ServiceProcess(module, name, freePort(), all, jvmArgs);
        parts.add(service); // made after its database, so stopped before it is dropped
        return service;
    }

    /** Starts the services side by side (each boot waits mostly on itself) and returns when all are ready. */
    static void startAll(ServiceProcess... services) {
        try {
            CompletableFuture.allOf(java.util.Arrays.stream(services)
                            .map(service -> CompletableFuture.runAsync(() -> {
                                try {
                                    service.start();
                                } catch (IOException e) {
                                    throw new IllegalStateException(e);
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                    throw new IllegalStateException(e);
                                }
                            }))
                            .toArray(CompletableFuture[]::new))
                    .join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
