package io.leakwatch.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leakwatch.contracts.Topics;
import io.leakwatch.testing.FreshDatabase;
import io.leakwatch.testing.PrometheusText;
import io.leakwatch.testing.TestTokens;
import io.leakwatch.testing.TopicReader;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Replicas of matching-service split a sample's chunks and still produce one exact result (issue 4): two packaged
 * matching-service processes on one database, in one consumer group, each holding some of the chunk topic's
 * partitions, verify a generated sample uploaded through intake-service; then one process alone verifies the same
 * sample again. The two {@code VerificationCompleted} results are identical, and equal to the generator's truth.
 */
class MatchingReplicasIT {

    private static final String GROUP = "matching-service";
    private static final String REPLICA_A = "matching-a";
    private static final String REPLICA_B = "matching-b";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Where the generator writes registry.csv, sample.csv, mapping.txt, shares.json and truth.json. */
    private static final Path SYNTHETIC = Path.of("target", "e2e-synthetic", "replicas");

    private static final Path GENERATOR_LOG = Path.of("target", "e2e-logs", "generator.log");

    @RegisterExtension
    static final E2eStack stack = new E2eStack();

    private static ServiceProcess intake;
    private static ServiceProcess matchingA;
    private static ServiceProcess matchingB;

    @BeforeAll
    static void start() throws Exception {
        FreshDatabase matchingDb = stack.database("replicas_matching");
        intake = stack.service(
                "intake-service",
                "intake-service-replicas",
                stack.database("replicas_intake"),
                // Small chunks over many buckets: a few hundred rows become dozens of chunks on every partition.
                Map.of("leakwatch.sample.chunk-rows", "8", "leakwatch.sample.buckets", "48"),
                List.of());
        matchingA = replica(REPLICA_A, matchingDb);
        matchingB = replica(REPLICA_B, matchingDb);
        // The generator runs while the services boot.
        Process generator = startGenerator();
        E2eStack.startAll(intake, matchingA, matchingB);
        if (!generator.waitFor(3, TimeUnit.MINUTES) || generator.exitValue() != 0) {
            generator.destroyForcibly();
            throw new IllegalStateException("The generator failed; see " + GENERATOR_LOG.toAbsolutePath());
        }
    }

    /**
     * A replica whose chunk consumer names itself, so that the group's assignment shows which replica holds what. One
     * consumer per replica: with the default three, one replica's consumers can take all three partitions of the test
     * broker's topic and leave the other replica none.
     */
    private static ServiceProcess replica(String name, FreshDatabase database) throws IOException {
        return stack.service(
                "matching-service",
                name,
                database,
                Map.of(
                        "mp.messaging.incoming.sample-chunks.client.id",
                        name,
                        "mp.messaging.incoming.sample-chunks.concurrency",
                        "1"),
                List.of());
    }

    @Test
    void twoReplicasSplitTheChunksAndAgreeWithOneReplicaAndWithTheTruth() throws Exception {
        Path synthetic = SYNTHETIC;
        JsonNode truth = JSON.readTree(synthetic.resolve("truth.json").toFile());
        String mapping = Files.readString(synthetic.resolve("mapping.txt")).strip();
        byte[] sample = Files.readAllBytes(synthetic.resolve("sample.csv"));
        importRegistry(Files.readAllBytes(synthetic.resolve("registry.csv")));
        for (JsonNode share : JSON.readTree(synthetic.resolve("shares.json").toFile())) {
            given().baseUri(matchingA.baseUrl())
                    .auth()
                    .oauth2(TestTokens.forRoles("analyst"))
                    .contentType(ContentType.JSON)
                    .body(((ObjectNode) share).put("recipient", "e2e").toString())
                    .post("/api/v1/data-shares")
                    .then()
                    .statusCode(201);
        }

        // Two replicas: each holds some of the chunk topic's partitions, and each verifies some of the chunks.
        Map<String, Set<Integer>> held = awaitChunkPartitionsHeldBy(Set.of(REPLICA_A, REPLICA_B));
        double aBefore = chunksReceived(matchingA);
        double bBefore = chunksReceived(matchingB);
        JsonPath byTwo = upload(Incidents.fileThe2021Claim(intake), mapping, sample);
        String sampleByTwo = byTwo.getString("sampleId");
        awaitCompleted(sampleByTwo, byTwo.getInt("chunks"));
        double chunksOfA = chunksReceived(matchingA) - aBefore;
        double chunksOfB = chunksReceived(matchingB) - bBefore;
        System.out.printf(
                "MatchingReplicasIT: partitions %s; %d chunks, %.0f verified by %s and %.0f by %s%n",
                held, byTwo.getInt("chunks"), chunksOfA, REPLICA_A, chunksOfB, REPLICA_B);
        assertThat(chunksOfA).as("chunks verified by " + REPLICA_A).isPositive();
        assertThat(chunksOfB).as("chunks verified by " + REPLICA_B).isPositive();
        assertThat(chunksOfA + chunksOfB).isGreaterThanOrEqualTo(byTwo.getInt("chunks"));

        // One replica: the other leaves the group and the first takes every partition.
        matchingB.stop();
        awaitChunkPartitionsHeldBy(Set.of(REPLICA_A));
        double aAlone = chunksReceived(matchingA);
        JsonPath byOne = upload(Incidents.fileThe2021Claim(intake), mapping, sample);
        String sampleByOne = byOne.getString("sampleId");
        awaitCompleted(sampleByOne, byOne.getInt("chunks"));
        assertThat(chunksReceived(matchingA) - aAlone).isGreaterThanOrEqualTo(byOne.getInt("chunks"));

        JsonNode resultByTwo = completedEvent(sampleByTwo).path("data").path("result");
        JsonNode resultByOne = completedEvent(sampleByOne).path("data").path("result");
        assertThat(resultByTwo.isObject()).as("a result in %s", resultByTwo).isTrue();
        assertThat(resultByTwo).as("two replicas against one").isEqualTo(resultByOne);
        assertThat(differences(truth, resultByOne, ""))
                .as("against the generator's truth")
                .isEmpty();
        assertThat(resultByOne.path("verdict").asText()).isEqualTo("CONFIRMED");
    }

    /** The generator's command, run from the packaged matching-service under this run's key. */
    private static Process startGenerator() throws IOException {
        Path app = Path.of(System.getProperty("leakwatch.root", ".."), "matching-service", "target", "quarkus-app");
        Files.createDirectories(GENERATOR_LOG.getParent());
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-cp",
                        app.resolve("app") + "/*:" + app.resolve("lib/main") + "/*",
                        "io.leakwatch.matching.synthetic.GeneratorMain",
                        "--out",
                        SYNTHETIC.toString(),
                        "--seed",
                        "41",
                        "--members",
                        "2000",
                        "--as-of",
                        "2021-05-01",
                        "--genuine",
                        "400",
                        "--typos",
                        "20",
                        "--fabricated",
                        "20",
                        "--outsiders",
                        "40",
                        "--invalid",
                        "10",
                        "--repeats",
                        "20",
                        "--canaries",
                        "1",
                        "--dump2021",
                        "true",
                        "--claimed",
                        "279000000")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(GENERATOR_LOG.toFile()));
        // The truth's name comparisons (Dice of Bloom encodings) hold under the key the services tokenise with.
        builder.environment().put("LEAKWATCH_TOKENISATION_KEY", E2eStack.TOKENISATION_KEY);
        return builder.start();
    }

    private static void importRegistry(byte[] export) {
        String importId = given().baseUri(matchingA.baseUrl())
                .auth()
                .oauth2(TestTokens.forRoles("analyst"))
                .contentType("text/csv; charset=UTF-8")
                .body(export)
                .post("/api/v1/registry/imports")
                .then()
                .statusCode(202)
                .extract()
                .path("importId");
        JsonPath progress = RegistryImports.awaitCompleted(matchingA, importId, Duration.ofSeconds(60));
        assertThat(progress.getLong("rowsRejected")).isZero();
    }

    /** The sample through intake's real upload: tokenised, chunked onto Kafka, and submitted. */
    private static JsonPath upload(String incidentId, String mapping, byte[] sample) {
        return given().baseUri(intake.baseUrl())
                .auth()
                .oauth2(TestTokens.forRoles("reporter"))
                .contentType("text/csv; charset=UTF-8")
                .queryParam("mapping", mapping)
                .body(sample)
                .post("/api/v1/incidents/" + incidentId + "/samples")
                .then()
                .statusCode(202)
                .extract()
                .jsonPath();
    }

    private static void awaitCompleted(String sampleId, int chunks) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> given().baseUri(matchingA.baseUrl())
                        .auth()
                        .oauth2(TestTokens.forRoles("analyst"))
                        .get("/api/v1/verifications/" + sampleId)
                        .then()
                        .statusCode(200)
                        .body("status", equalTo("COMPLETED"))
                        .body("progress.chunksDone", equalTo(chunks)));
    }

    /** Waits until exactly these replicas hold the chunk topic's partitions, all of them; answers who holds which. */
    private static Map<String, Set<Integer>> awaitChunkPartitionsHeldBy(Set<String> replicas) throws Exception {
        List<Map<String, Set<Integer>>> seen = new ArrayList<>();
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.broker().bootstrapServers()))) {
            // The test broker creates the topics before the services start, so its partition count holds, not the
            // services' own default.
            int partitions = admin.describeTopics(List.of(Topics.SAMPLE_CHUNKS))
                    .allTopicNames()
                    .get(10, TimeUnit.SECONDS)
                    .get(Topics.SAMPLE_CHUNKS)
                    .partitions()
                    .size();
            Awaitility.await()
                    .atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        Map<String, Set<Integer>> held = chunkPartitions(admin);
                        seen.add(0, held);
                        return held.keySet().equals(replicas)
                                && held.values().stream().mapToInt(Set::size).sum() == partitions;
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(
                    "the chunk partitions were never held by exactly " + replicas + "; last seen "
                            + seen.stream().limit(5).toList(),
                    e);
        }
        return seen.get(0);
    }

    private static Map<String, Set<Integer>> chunkPartitions(Admin admin) throws Exception {
        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP))
                .describedGroups()
                .get(GROUP)
                .get(10, TimeUnit.SECONDS);
        Map<String, Set<Integer>> held = new TreeMap<>();
        for (MemberDescription member : group.members()) {
            for (TopicPartition partition : member.assignment().topicPartitions()) {
                if (partition.topic().equals(Topics.SAMPLE_CHUNKS)) {
                    String replica = member.clientId().startsWith(REPLICA_A) ? REPLICA_A : member.clientId();
                    replica = replica.startsWith(REPLICA_B) ? REPLICA_B : replica;
                    held.computeIfAbsent(replica, r -> new TreeSet<>()).add(partition.partition());
                }
            }
        }
        return held;
    }

    /** Chunks a replica has handled since it started ({@code leakwatch_sample_chunks_received_total}). */
    private static double chunksReceived(ServiceProcess replica) {
        String metrics = given().baseUri(replica.baseUrl())
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        return PrometheusText.parse(metrics)
                .value("leakwatch_sample_chunks_received_total", Map.of("service", "matching-service"))
                .orElse(0.0);
    }

    /** The sample's {@code VerificationCompleted} CloudEvent as forwarded to {@code leakwatch.verification-events}. */
    private static JsonNode completedEvent(String sampleId) {
        List<JsonNode> found = new ArrayList<>();
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    found.clear();
                    for (var record :
                            TopicReader.readAll(stack.broker().bootstrapServers(), Topics.VERIFICATION_EVENTS)) {
                        JsonNode event = JSON.readTree(record.value());
                        if (event.path("type").asText().endsWith(".VerificationCompleted")
                                && event.path("data").path("sampleId").asText().equals(sampleId)) {
                            found.add(event);
                        }
                    }
                    return !found.isEmpty();
                });
        assertThat(found).as("VerificationCompleted of " + sampleId).hasSize(1);
        return found.get(0);
    }

    /** Where two JSON trees differ; numbers that are not integers agree within 1e-12 (computed by other code). */
    private static List<String> differences(JsonNode expected, JsonNode actual, String path) {
        List<String> found = new ArrayList<>();
        if (expected.isNumber()
                && actual.isNumber()
                && (expected.isFloatingPointNumber() || actual.isFloatingPointNumber())) {
            if (Math.abs(expected.doubleValue() - actual.doubleValue()) >= 1e-12) {
                found.add(path + ": " + expected + " != " + actual);
            }
        } else if (expected.isObject() && actual.isObject()) {
            Set<String> names = new TreeSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                found.addAll(differences(expected.path(name), actual.path(name), path + "." + name));
            }
        } else if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
            Iterator<JsonNode> left = expected.elements();
            Iterator<JsonNode> right = actual.elements();
            for (int i = 0; left.hasNext(); i++) {
                found.addAll(differences(left.next(), right.next(), path + "[" + i + "]"));
            }
        } else if (!expected.equals(actual)) {
            found.add(path + ": " + expected + " != " + actual);
        }
        return found;
    }
}
