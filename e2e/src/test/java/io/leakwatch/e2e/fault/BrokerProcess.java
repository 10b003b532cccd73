package io.leakwatch.e2e.fault;

import io.leakwatch.contracts.Topics;
import io.leakwatch.testing.InJvmKafkaBroker;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A single-node KRaft broker in a JVM of its own (the test's classpath holds {@code kafka_2.13}), so that it can be
 * killed with SIGKILL and started again on the same ports and log directory, as a crashed broker would be.
 */
final class BrokerProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    private final Path config;
    private final Path log;
    private final int port;
    private Process process;
    private boolean topicsCreated;

    private BrokerProcess(Path dir, int port, int controllerPort) throws IOException {
        this.port = port;
        this.config = dir.resolve("server.properties");
        this.log = dir.resolve("broker.log");
        try (var out = Files.newOutputStream(config)) {
            InJvmKafkaBroker.singleNodeSettings(port, controllerPort, dir.resolve("data"))
                    .store(out, "leakwatch fault-run broker");
        }
    }

    /** Formats a new log directory under {@code dir}, starts the broker and creates the topics. */
    static BrokerProcess start(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        BrokerProcess broker = new BrokerProcess(dir, freePort(), freePort());
        InJvmKafkaBroker.formatStorage(broker.config);
        broker.launch();
        InJvmKafkaBroker.createTopics(broker.bootstrapServers(), Topics.ALL);
        broker.topicsCreated = true;
        return broker;
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook, no flush, no controlled leadership hand-over. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Starts it again on the same ports and data, and waits until it answers. */
    void launch() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-cp",
                System.getProperty("java.class.path"),
                "kafka.Kafka",
                config.toString()));
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        awaitReady();
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the broker exited while starting; see " + log.toAbsolutePath());
            }
            try (Admin admin = admin()) {
                admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                // After a restart: ready once the recovered logs serve the topics again.
                if (!topicsCreated
                        || admin.listTopics().names().get(5, TimeUnit.SECONDS).containsAll(Topics.ALL)) {
                    return;
                }
            } catch (Exception notYet) {
                // Still starting or recovering its logs.
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the broker was not ready after " + READY_TIMEOUT + "; see " + log);
    }

    private Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000));
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
