package io.leakwatch.matching.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.leakwatch.contracts.Topics;
import io.leakwatch.platform.security.Roles;
import io.leakwatch.testing.DeadLetters;
import io.leakwatch.testing.LeakwatchTestStack;
import io.leakwatch.testing.PrometheusText;
import io.leakwatch.testing.TestTokens;
import io.leakwatch.testing.TopicReader;
import io.leakwatch.testing.TopicWriter;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** A poison record goes to the dead letters with its reason, is counted, and does not stop its partition. */
@QuarkusTest
@WithTestResource(value = LeakwatchTestStack.class, scope = TestResourceScope.GLOBAL)
class DeadLetterTest {

    @Test
    void poisonRecordsGoToTheDeadLettersAndTheNextRecordOfTheirPartitionIsProcessed() {
        String incidentId = UUID.randomUUID().toString();
        String notJson = "{this is not json " + incidentId;
        String notACloudEvent = "{\"hello\": \"" + incidentId + "\"}";
        double before = deadLetters("incident-events");

        // Same key, so the same partition: the good record comes after the two bad ones.
        TopicWriter.publish(
                bootstrap(),
                Topics.INCIDENT_EVENTS,
                incidentId,
                notJson,
                notACloudEvent,
                IncidentEventRecords.reported(incidentId));
        TopicWriter.publish(bootstrap(), Topics.SAMPLE_CHUNKS, incidentId, "[1, 2, " + incidentId);

        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(IncidentEventRecords.opened(bootstrap(), incidentId))
                        .containsExactly(279_000_000L));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> dead = DeadLetters.keyed(bootstrap(), incidentId);
            assertThat(dead).extracting(ConsumerRecord::value).contains(notJson, notACloudEvent);
            assertThat(dead).extracting(ConsumerRecord::value).anyMatch(v -> v.startsWith("[1, 2, "));
            for (ConsumerRecord<String, String> record : dead) {
                assertThat(DeadLetters.header(record, "dead-letter-reason")).isNotBlank();
                assertThat(DeadLetters.header(record, "dead-letter-topic")).startsWith("leakwatch.");
            }
            assertThat(dead)
                    .filteredOn(r -> r.value().equals(notACloudEvent))
                    .extracting(r -> DeadLetters.header(r, "dead-letter-reason"))
                    .singleElement()
                    .asString()
                    .contains("missing CloudEvents attribute");
            assertThat(deadLetters("incident-events")).isGreaterThanOrEqualTo(before + 2);
            assertThat(deadLetters("sample-chunks")).isGreaterThanOrEqualTo(1);
        });
    }

    @Test
    void aReplayedDeadLetterIsHandledOnceHoweverOftenItIsReplayed() {
        String incidentId = UUID.randomUUID().toString();
        String record = IncidentEventRecords.reported(incidentId);
        // As SmallRye writes a dead letter: the record unchanged, where it came from and why in headers.
        TopicWriter.publish(
                bootstrap(),
                Topics.DEAD_LETTERS,
                incidentId,
                Map.of(
                        "dead-letter-topic", Topics.INCIDENT_EVENTS,
                        "dead-letter-partition", "0",
                        "dead-letter-offset", "41",
                        "dead-letter-reason", "PostgreSQL was away longer than the retries",
                        "traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"),
                record);
        auditor()
                .get("/api/v1/dead-letters?key=" + incidentId)
                .then()
                .statusCode(200)
                .body("sourceTopic", equalTo(List.of(Topics.INCIDENT_EVENTS)))
                .body("sourceOffset", equalTo(List.of(41)))
                .body("reason", equalTo(List.of("PostgreSQL was away longer than the retries")));

        replay(incidentId).body("replayed", equalTo(1));
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(IncidentEventRecords.opened(bootstrap(), incidentId))
                        .containsExactly(279_000_000L));
        ConsumerRecord<String, String> republished = TopicReader.readAll(bootstrap(), Topics.INCIDENT_EVENTS).stream()
                .filter(r -> incidentId.equals(r.key()))
                .findFirst()
                .orElseThrow();
        assertThat(republished.value()).isEqualTo(record);
        assertThat(DeadLetters.header(republished, "traceparent")).startsWith("00-0af7651916cd43dd");
        assertThat(DeadLetters.header(republished, "dead-letter-reason")).isNull();
        assertThat(DeadLetters.header(republished, "leakwatch-replayed-from")).startsWith(Topics.DEAD_LETTERS + "/");

        // Again: the inbox drops it. A later record on the same partition shows the replay was consumed meanwhile.
        replay(incidentId).body("replayed", equalTo(1));
        String marker = UUID.randomUUID().toString();
        TopicWriter.publish(bootstrap(), Topics.INCIDENT_EVENTS, incidentId, IncidentEventRecords.reported(marker));
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(IncidentEventRecords.opened(bootstrap(), marker))
                        .hasSize(1));
        assertThat(IncidentEventRecords.opened(bootstrap(), incidentId)).containsExactly(279_000_000L);
    }

    @Test
    void aReplayThatChoosesNothingIsABadRequest() {
        auditor()
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/dead-letters/replay")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        auditor()
                .contentType(ContentType.JSON)
                .body("{\"partition\": 1}")
                .post("/api/v1/dead-letters/replay")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    private static ValidatableResponse replay(String key) {
        return auditor()
                .contentType(ContentType.JSON)
                .body(Map.of("key", key))
                .post("/api/v1/dead-letters/replay")
                .then()
                .statusCode(200);
    }

    private static RequestSpecification auditor() {
        return given().auth().oauth2(TestTokens.forRoles(Roles.AUDITOR));
    }

    private static double deadLetters(String channel) {
        return PrometheusText.parse(given().get("/q/metrics")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .value("leakwatch_dead_letters_total", Map.of("service", "matching-service", "channel", channel))
                .orElse(0.0);
    }

    private static String bootstrap() {
        return LeakwatchTestStack.broker().bootstrapServers();
    }
}
