package io.leakwatch.e2e.fault;

import io.leakwatch.contracts.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * A single-node KRaft broker in a JVM of its own (the test's classpath holds {@code kafka_2.13}), so that it can be
 * killed with SIGKILL and started again on the same ports and log directory, as a crashed broker would be.
 */
final class BrokerProcess implements AutoCloseable {

    private static final int PARTITIONS = 3;
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
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", dir.resolve("data").toString());
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "3");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("num.partitions", String.valueOf(PARTITIONS));
        try (var out = Files.newOutputStream(config)) {
            props.store(out, "leakwatch fault-run broker");
        }
    }

    /** Formats a new log directory under {@code dir}, starts the broker and creates the topics. */
    static BrokerProcess start(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        BrokerProcess broker = new BrokerProcess(dir, freePort(), freePort());
        String clusterId = org.apache.kafka.common.Uuid.randomUuid().toString();
        int status = StorageTool.execute(
                new String[] {"format", "-t", clusterId, "-c", broker.config.toString()},
                new PrintStream(PrintStream.nullOutputStream()));
        if (status != 0) {
            throw new IllegalStateException("Kafka storage format failed with status " + status);
        }
        broker.launch();
        broker.createTopics();
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

    private void createTopics() {
        try (Admin admin = admin()) {
            admin.createTopics(Topics.ALL.stream()
                            .map(name -> new NewTopic(name, PARTITIONS, (short) 1)
                                    .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")))
                            .toList())
                    .all()
                    .get();
            topicsCreated = true;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create the topics", e);
        }
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
