package io.leakwatch.matching;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.leakwatch.contracts.CloudEvent;
import io.leakwatch.contracts.IntegrationEvent;
import io.leakwatch.contracts.Topics;
import io.leakwatch.contracts.incident.IncidentReported;
import io.leakwatch.contracts.incident.ReportSource;
import io.leakwatch.contracts.sample.SampleChunk;
import io.leakwatch.contracts.verification.VerificationResult;
import io.leakwatch.matching.synthetic.GroundTruth;
import io.leakwatch.matching.synthetic.SyntheticPipeline;
import io.leakwatch.matching.synthetic.SyntheticRegistry;
import io.leakwatch.matching.synthetic.SyntheticSample;
import io.leakwatch.platform.axon.AxonJson;
import io.leakwatch.platform.messaging.CloudEventCodec;
import io.leakwatch.platform.privacy.NameBloomEncoder;
import io.leakwatch.platform.security.Roles;
import io.leakwatch.testing.LeakwatchTestStack;
import io.leakwatch.testing.PrometheusText;
import io.leakwatch.testing.TestTokens;
import io.leakwatch.testing.TopicWriter;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;

/**
 * Drives the matching-service under test as its neighbours do: the analyst over REST, intake over Kafka. For the
 * {@code @QuarkusTest}s that share {@link LeakwatchTestStack}'s broker and database.
 */
public final class MatchingDriver {

    private static final CloudEventCodec CODEC = new CloudEventCodec();

    private MatchingDriver() {}

    /** Imports a registry export over REST and waits until it serves; answers the import's id. */
    public static String importRegistry(String export) {
        String importId = startImport(export);
        awaitImport(importId, "COMPLETED");
        return importId;
    }

    /** Sends a registry export over REST; answers the import's id once the body is in (202). */
    public static String startImport(String export) {
        return given().auth()
                .oauth2(TestTokens.forRoles(Roles.ANALYST))
                .contentType("text/csv")
                .body(export.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/registry/imports")
                .then()
                .statusCode(202)
                .extract()
                .path("importId");
    }

    /** Waits until the import has the status, then answers its progress. */
    public static JsonPath awaitImport(String importId, String status) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> given().auth()
                        .oauth2(TestTokens.forRoles(Roles.ANALYST))
                        .get("/api/v1/registry/imports/" + importId)
                        .then()
                        .statusCode(200)
                        .body("status", equalTo(status)));
        return given().auth()
                .oauth2(TestTokens.forRoles(Roles.ANALYST))
                .get("/api/v1/registry/imports/" + importId)
                .then()
                .extract()
                .jsonPath();
    }

    /** The data shares as they stand now, as the ground truth takes them. */
    public static List<GroundTruth.Share> shares() {
        List<Map<String, Object>> shares = given().auth()
                .oauth2(TestTokens.forRoles(Roles.ANALYST))
                .get("/api/v1/data-shares")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("");
        return shares.stream()
                .map(s -> new GroundTruth.Share(
                        (String) s.get("name"), castStrings(s.get("columns")), (String) s.get("canarySet")))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> castStrings(Object list) {
        return (List<String>) list;
    }

    /** What the generator says the sample's verification must give, against the service's data shares. */
    public static VerificationResult truth(
            SyntheticRegistry registry, SyntheticSample sample, long claimedRecordCount) {
        return GroundTruth.expected(
                registry, sample, shares(), claimedRecordCount, new NameBloomEncoder(SyntheticPipeline.TOKENISER));
    }

    /** Reports an incident that claims so many records, as intake's {@code IncidentReported}. */
    public static void reportIncident(String incidentId, long claimedRecordCount) {
        publish(new IncidentReported(
                incidentId,
                "Data of " + claimedRecordCount + " people offered on a forum",
                new ReportSource("FORUM", null, "Kotz"),
                claimedRecordCount,
                List.of("NIK"),
                Instant.parse("2021-05-20T09:00:00Z"),
                List.of("ID"),
                Instant.parse("2021-05-20T10:00:00Z")));
    }

    /** Puts an integration event on {@code leakwatch.incident-events} as intake's forwarder does. */
    public static void publish(IntegrationEvent event) {
        String record = CODEC.encode(
                CloudEvent.wrap(UUID.randomUUID().toString(), "/leakwatch/intake-service", Instant.now(), event));
        TopicWriter.publish(bootstrap(), Topics.INCIDENT_EVENTS, event.incidentId(), record);
    }

    /** Puts a chunk on {@code leakwatch.sample-chunks} under its key, {@code copies} times in a row. */
    public static void publish(SampleChunk chunk, int copies) {
        String value;
        try {
            value = AxonJson.mapper().writeValueAsString(chunk);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String[] values = new String[copies];
        java.util.Arrays.fill(values, value);
        TopicWriter.publish(bootstrap(), Topics.SAMPLE_CHUNKS, chunk.partitionKey(), values);
    }

    /** Waits until the sample's verification completed; answers the whole view (status, progress and result). */
    public static String awaitCompleted(String sampleId) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> given().auth()
                        .oauth2(TestTokens.forRoles(Roles.AUDITOR))
                        .get("/api/v1/verifications/" + sampleId)
                        .then()
                        .statusCode(200)
                        .body("status", equalTo("COMPLETED")));
        return given().auth()
                .oauth2(TestTokens.forRoles(Roles.AUDITOR))
                .get("/api/v1/verifications/" + sampleId)
                .then()
                .extract()
                .asString();
    }

    /** The result inside a verification's view. */
    public static VerificationResult result(String view) {
        try {
            return AxonJson.mapper().readValue(view, VerificationResult.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Chunks the service has handled since it started (redeliveries included). */
    public static double chunksReceived() {
        return PrometheusText.parse(given().get("/q/metrics")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .value("leakwatch_sample_chunks_received_total", Map.of("service", "matching-service"))
                .orElse(0.0);
    }

    /** How many NIK tokens the sample's claims ({@code sample_claim}) keep. */
    public static long nikRowsKept(String sampleId) throws SQLException {
        try (Connection connection = LeakwatchTestStack.database().connect();
                PreparedStatement count = connection.prepareStatement(
                        "SELECT COALESCE(SUM(length(nik_tokens)), 0) / 32 FROM sample_claim WHERE sample_id = ?")) {
            count.setString(1, sampleId);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static String bootstrap() {
        return LeakwatchTestStack.broker().bootstrapServers();
    }
}
