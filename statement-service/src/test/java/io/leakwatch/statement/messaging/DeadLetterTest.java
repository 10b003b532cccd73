package io.leakwatch.statement.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.leakwatch.contracts.CloudEvent;
import io.leakwatch.contracts.Topics;
import io.leakwatch.contracts.incident.IncidentReported;
import io.leakwatch.contracts.incident.ReportSource;
import io.leakwatch.platform.messaging.CloudEventCodec;
import io.leakwatch.platform.security.Roles;
import io.leakwatch.testing.DeadLetters;
import io.leakwatch.testing.LeakwatchTestStack;
import io.leakwatch.testing.PrometheusText;
import io.leakwatch.testing.TestTokens;
import io.leakwatch.testing.TopicWriter;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * statement's consumers: a record that is not JSON and one that is not a CloudEvent, on an event topic, go to the dead
 * letters with their reason and are counted; the claim after them on the same partition is drafted and audited.
 */
@QuarkusTest
@WithTestResource(value = LeakwatchTestStack.class, scope = TestResourceScope.GLOBAL)
class DeadLetterTest {

    private final CloudEventCodec codec = new CloudEventCodec();

    @Test
    void poisonRecordsGoToTheDeadLettersAndTheClaimAfterThemIsDraftedAndAudited() {
        String incidentId = UUID.randomUUID().toString();
        String notJson = "not json at all " + incidentId;
        String notACloudEvent = "{\"subject\": \"" + incidentId + "\"}";
        double before = deadLetters();

        TopicWriter.publish(
                bootstrap(), Topics.INCIDENT_EVENTS, incidentId, notJson, notACloudEvent, reported(incidentId));

        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().auth()
                        .oauth2(TestTokens.forRoles(Roles.AUDITOR))
                        .get("/api/v1/audit/incidents/" + incidentId + "/trail")
                        .then()
                        .statusCode(200)
                        .body(
                                "findAll { it.topic == 'leakwatch.incident-events' }.type",
                                equalTo(List.of("io.leakwatch.incident.IncidentReported"))));
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().auth()
                        .oauth2(TestTokens.forRoles(Roles.COMMS))
                        .get("/api/v1/incidents/" + incidentId + "/statements")
                        .then()
                        .statusCode(200)
                        .body("size()", equalTo(1)));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> dead = DeadLetters.keyed(bootstrap(), incidentId);
            assertThat(dead).extracting(ConsumerRecord::value).containsExactly(notJson, notACloudEvent);
            for (ConsumerRecord<String, String> record : dead) {
                assertThat(DeadLetters.header(record, "dead-letter-reason")).isNotBlank();
                assertThat(DeadLetters.header(record, "dead-letter-topic")).isEqualTo(Topics.INCIDENT_EVENTS);
            }
            assertThat(deadLetters()).isGreaterThanOrEqualTo(before + 2);
        });
    }

    private String reported(String incidentId) {
        IncidentReported reported = new IncidentReported(
                incidentId,
                "Data of 279 million Indonesians offered on a forum",
                new ReportSource("FORUM", null, "Kotz"),
                279_000_000L,
                List.of("NIK"),
                Instant.parse("2021-05-20T02:00:00Z"),
                List.of("ID"),
                Instant.parse("2021-05-20T03:00:00Z"));
        return codec.encode(CloudEvent.wrap(UUID.randomUUID().toString(), "/leakwatch/test", Instant.now(), reported));
    }

    private static double deadLetters() {
        return PrometheusText.parse(given().get("/q/metrics")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .value(
                        "leakwatch_dead_letters_total",
                        Map.of("service", "statement-service", "channel", "incident-events"))
                .orElse(0.0);
    }

    private static String bootstrap() {
        return LeakwatchTestStack.broker().bootstrapServers();
    }
}
