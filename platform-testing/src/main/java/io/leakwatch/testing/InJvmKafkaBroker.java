package io.leakwatch.testing;

import io.leakwatch.contracts.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node KRaft broker inside the test JVM, on free ports and a temporary log directory, with the
 * {@code leakwatch.*} topics created up front. One per JVM: start it once, share it.
 */
public final class InJvmKafkaBroker implements AutoCloseable {

    private static final int PARTITIONS = 3;

    private final Path logDir;
    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private InJvmKafkaBroker(Path logDir, KafkaRaftServer server, String bootstrapServers) {
        this.logDir = logDir;
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    public static InJvmKafkaBroker start() {
        try {
            Path logDir = Files.createTempDirectory("leakwatch-kafka-");
            int brokerPort = freePort();
            Properties props = singleNodeSettings(brokerPort, freePort(), logDir);
            Path config = logDir.resolve("server.properties");
            try (var out = Files.newOutputStream(config)) {
                props.store(out, "leakwatch test broker");
            }
            formatStorage(config);
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            server.startup();
            InJvmKafkaBroker broker = new InJvmKafkaBroker(logDir, server, "127.0.0.1:" + brokerPort);
            broker.createTopics(Topics.ALL);
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The settings of a single-node KRaft broker and controller on these ports, keeping its logs in {@code logDir}:
     * also used by tests that run the broker in a process of its own (to kill it).
     */
    public static Properties singleNodeSettings(int brokerPort, int controllerPort, Path logDir) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "3");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("num.partitions", String.valueOf(PARTITIONS));
        return props;
    }

    /** Formats the log directory named in this server.properties with a new cluster id (a no-op when formatted). */
    public static void formatStorage(Path config) {
        String clusterId = org.apache.kafka.common.Uuid.randomUuid().toString();
        PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
        int status = StorageTool.execute(
                new String[] {"format", "-t", clusterId, "-c", config.toString(), "--ignore-formatted"}, quiet);
        if (status != 0) {
            throw new IllegalStateException("Kafka storage format failed with status " + status);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public void createTopics(List<String> names) {
        createTopics(bootstrapServers, names);
    }

    /** Creates these topics as the tests expect them: {@value #PARTITIONS} partitions, kept forever. */
    public static void createTopics(String bootstrapServers, List<String> names) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            List<NewTopic> topics = names.stream()
                    .map(name -> new NewTopic(name, PARTITIONS, (short) 1)
                            .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")))
                    .toList();
            admin.createTopics(topics).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create test topics", e);
        }
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        try (Stream<Path> files = Files.walk(logDir)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A temporary directory left behind is not worth failing a test run for.
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
