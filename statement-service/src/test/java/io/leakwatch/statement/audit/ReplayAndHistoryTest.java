package io.leakwatch.statement.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.leakwatch.contracts.CloudEvent;
import io.leakwatch.contracts.Topics;
import io.leakwatch.contracts.incident.IncidentReported;
import io.leakwatch.contracts.incident.ReportSource;
import io.leakwatch.contracts.incident.SightingRecorded;
import io.leakwatch.platform.messaging.CloudEventCodec;
import io.leakwatch.platform.security.Roles;
import io.leakwatch.statement.rest.Claims;
import io.leakwatch.testing.LeakwatchTestStack;
import io.leakwatch.testing.TestTokens;
import io.leakwatch.testing.TopicWriter;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * One incident's story (claim, sighting, two drafts, approval, publication) fed through the topics, then read back
 * as an auditor and an analyst would: rebuilt from the topics and compared, as of a past instant, as a timeline.
 */
@QuarkusTest
@WithTestResource(value = LeakwatchTestStack.class, scope = TestResourceScope.GLOBAL)
class ReplayAndHistoryTest {

    private static final Instant REPORTED = Instant.parse("2021-05-20T03:00:00Z");
    private static final Instant SEEN = Instant.parse("2021-05-21T03:00:00Z");

    private static String incident;

    @Test
    @SuppressWarnings("unchecked")
    void aReplayRebuildsTheReadSideWithoutDifferencesAndNamesATamperedRow() {
        String id = story();

        Map<String, Object> clean = replay();
        assertThat(clean.get("status")).isEqualTo("CAUGHT_UP");
        assertThat(differencesOf(clean, id)).isEmpty();
        assertThat(((Map<String, Object>) clean.get("recordsRead")).keySet())
                .contains(Topics.INCIDENT_EVENTS, Topics.VERIFICATION_EVENTS, Topics.STATEMENT_EVENTS);
        assertThat(((Number) ((Map<?, ?>) clean.get("replayRows")).get("statement_version")).longValue())
                .isPositive();

        execute(
                "UPDATE statement_version SET text_en = text_en || ' (tampered)' WHERE incident_id = ? AND version = 1",
                id);
        try {
            Map<String, Object> tampered = replay();
            assertThat(tampered.get("status")).isEqualTo("CAUGHT_UP");
            assertThat(differencesOf(tampered, id))
                    .containsExactly(Map.of(
                            "table",
                            "statement_version",
                            "key",
                            Map.of("incident_id", id, "version", "1"),
                            "kind",
                            "DIFFERENT",
                            "columns",
                            List.of("text_en")));
        } finally {
            execute(
                    "UPDATE statement_version SET text_en = replace(text_en, ' (tampered)', '')"
                            + " WHERE incident_id = ? AND version = 1",
                    id);
        }
    }

    @Test
    void readsAsOfAnInstantShowWhatWasKnownAndSaidThen() {
        String id = story();
        String statements = "/api/v1/incidents/" + id + "/statements";
        String between = "2021-05-20T12:00:00Z";

        as(Roles.ANALYST)
                .get(statements + "?asOf=" + between)
                .then()
                .statusCode(200)
                .body("", hasSize(1));
        as(Roles.ANALYST)
                .get(statements + "/latest?asOf=" + between)
                .then()
                .statusCode(200)
                .body("version", equalTo(1))
                .body("status", equalTo("DRAFT"));
        as(Roles.ANALYST).get(statements + "/2?asOf=" + between).then().statusCode(404);
        as(Roles.ANALYST).get(statements + "/latest").then().body("version", equalTo(2));
        as(Roles.ANALYST)
                .get(statements + "/latest?asOf=yesterday")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");

        // Published now, not public as of before its publication.
        given().get("/statements/" + id).then().statusCode(200);
        given().get("/statements/" + id + "?asOf=" + between).then().statusCode(404);
        given().get("/api/v1/public/statements?asOf=" + between)
                .then()
                .statusCode(200)
                .body("findAll { it.incidentId == '" + id + "' }", hasSize(0));
        as(Roles.AUDITOR)
                .get("/api/v1/audit/incidents/" + id + "/trail?asOf=2000-01-01T00:00:00Z")
                .then()
                .statusCode(404);
    }

    @Test
    void theTimelineTellsEveryEventInWordsNewestFirst() {
        String id = story();
        List<String> sentences = as(Roles.ANALYST)
                .get("/api/v1/incidents/" + id + "/timeline")
                .then()
                .statusCode(200)
                .extract()
                .path("text");
        assertThat(sentences)
                .containsExactly(
                        "Version 2 of the statement was published.",
                        "Version 2 of the statement was approved.",
                        "Version 2 of the statement was drafted from the facts.",
                        "Version 1 of the statement was drafted from the facts.",
                        "The claim was seen again.",
                        "A claim that data were leaked was reported.");
        as(Roles.AUDITOR).get("/api/v1/incidents/" + id + "/timeline").then().statusCode(403);
    }

    /** The story, told once for the class; waits until the trail holds all six events. */
    private static synchronized String story() {
        if (incident != null) {
            return incident;
        }
        String id = UUID.randomUUID().toString();
        CloudEventCodec codec = new CloudEventCodec();
        IncidentReported reported = Claims.reported(id, REPORTED);
        publish(id, codec.encode(CloudEvent.wrap(UUID.randomUUID().toString(), "/leakwatch/test", REPORTED, reported)));
        awaitStatus(id, 1, "DRAFT");
        SightingRecorded seen = new SightingRecorded(id, new ReportSource("FORUM", null, "Kotz"), SEEN, SEEN);
        publish(id, codec.encode(CloudEvent.wrap(UUID.randomUUID().toString(), "/leakwatch/test", SEEN, seen)));
        awaitStatus(id, 2, "DRAFT");
        String statements = "/api/v1/incidents/" + id + "/statements";
        as(Roles.COMMS).post(statements + "/2/approval").then().statusCode(200);
        as(Roles.COMMS).post(statements + "/2/publication").then().statusCode(200);
        awaitStatus(id, 2, "PUBLISHED");
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> as(Roles.AUDITOR)
                        .get("/api/v1/audit/incidents/" + id + "/trail")
                        .then()
                        .statusCode(200)
                        .body("", hasSize(6)));
        incident = id;
        return id;
    }

    private static Map<String, Object> replay() {
        String location = as(Roles.AUDITOR)
                .post("/api/v1/audit/replays")
                .then()
                .statusCode(202)
                .body("status", equalTo("REPLAYING"))
                .extract()
                .header("Location");
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> !"REPLAYING"
                        .equals(as(Roles.AUDITOR).get(location).then().extract().path("status")));
        JsonPath report =
                as(Roles.AUDITOR).get(location).then().statusCode(200).extract().jsonPath();
        return report.getMap("");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> differencesOf(Map<String, Object> report, String id) {
        // Other test classes tamper with their own incidents on purpose; only this story's rows are asserted.
        return ((List<Map<String, Object>>) report.get("differences"))
                .stream()
                        .filter(d -> id.equals(((Map<String, Object>) d.get("key")).get("incident_id")))
                        .toList();
    }

    private static void awaitStatus(String id, int version, String status) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> as(Roles.COMMS)
                        .get("/api/v1/incidents/" + id + "/statements")
                        .then()
                        .statusCode(200)
                        .body("find { it.version == " + version + " }.status", equalTo(status)));
    }

    private static void publish(String id, String record) {
        TopicWriter.publish(LeakwatchTestStack.broker().bootstrapServers(), Topics.INCIDENT_EVENTS, id, record);
    }

    private static void execute(String sql, String id) {
        try (Connection db = LeakwatchTestStack.database().connect();
                PreparedStatement update = db.prepareStatement(sql)) {
            update.setString(1, id);
            assertThat(update.executeUpdate()).isEqualTo(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RequestSpecification as(String role) {
        return given().auth().oauth2(TestTokens.forRoles(role));
    }
}
