package io.leakwatch.intake.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.leakwatch.contracts.CloudEvent;
import io.leakwatch.contracts.Topics;
import io.leakwatch.contracts.verification.VerificationCompleted;
import io.leakwatch.contracts.verification.VerificationResult;
import io.leakwatch.intake.domain.StartVerification;
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
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;

/**
 * intake's consumer of verification events: a record that is not JSON, one that is not a CloudEvent, and a verdict for
 * an incident this service never heard of go to the dead letters with their reason and are counted; the verdict after
 * them on the same partition is recorded.
 */
@QuarkusTest
@WithTestResource(value = LeakwatchTestStack.class, scope = TestResourceScope.GLOBAL)
class DeadLetterTest {

    private final CloudEventCodec codec = new CloudEventCodec();

    @Inject
    CommandGateway commands;

    @Test
    void poisonVerificationEventsGoToTheDeadLettersAndTheNextVerdictIsRecorded() {
        String incidentId = report();
        commands.sendAndWait(new StartVerification(incidentId, "sample-1", Instant.now()));
        String notJson = "{not json " + incidentId;
        String notACloudEvent = "{\"incident\": \"" + incidentId + "\"}";
        String unknownIncident = completed(UUID.randomUUID().toString());
        double before = deadLetters();

        TopicWriter.publish(
                bootstrap(),
                Topics.VERIFICATION_EVENTS,
                incidentId,
                notJson,
                notACloudEvent,
                unknownIncident,
                completed(incidentId));

        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> analyst()
                        .get("/api/v1/incidents/" + incidentId)
                        .then()
                        .body("status", equalTo("VERIFIED"))
                        .body("verdict", equalTo("CONFIRMED")));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> dead = DeadLetters.keyed(bootstrap(), incidentId);
            assertThat(dead)
                    .extracting(ConsumerRecord::value)
                    .containsExactly(notJson, notACloudEvent, unknownIncident);
            for (ConsumerRecord<String, String> record : dead) {
                assertThat(DeadLetters.header(record, "dead-letter-reason")).isNotBlank();
                assertThat(DeadLetters.header(record, "dead-letter-topic")).isEqualTo(Topics.VERIFICATION_EVENTS);
                assertThat(DeadLetters.header(record, "dead-letter-offset")).isNotBlank();
            }
            assertThat(deadLetters()).isGreaterThanOrEqualTo(before + 3);
        });
    }

    private String report() {
        return given().auth()
                .oauth2(TestTokens.forRoles(Roles.REPORTER))
                .contentType(ContentType.JSON)
                .body("""
                        {"title":"Data of 279 million Indonesians offered on a forum",
                         "source":{"kind":"FORUM","url":"https://forum.example/Thread-%s","actor":"Kotz"},
                         "claimedRecordCount":279000000, "dataCategories":["NIK"],
                         "discoveredAt":"2021-05-20T09:00:00Z", "jurisdictions":["ID"]}
                        """.formatted(UUID.randomUUID()))
                .post("/api/v1/incidents")
                .then()
                .statusCode(201)
                .extract()
                .path("incidentId");
    }

    private String completed(String incidentId) {
        VerificationResult result = new VerificationResult(
                40,
                0,
                0,
                38,
                2,
                36,
                null,
                null,
                3,
                List.of(),
                List.of(),
                0.95,
                0.83,
                0.99,
                0.95,
                0.82,
                0.99,
                null,
                "CONFIRMED",
                279_000_000L,
                0,
                true);
        return codec.encode(CloudEvent.wrap(
                UUID.randomUUID().toString(),
                "/leakwatch/matching-service",
                Instant.now(),
                new VerificationCompleted(incidentId, "sample-1", result, Instant.now())));
    }

    private static io.restassured.specification.RequestSpecification analyst() {
        return given().auth().oauth2(TestTokens.forRoles(Roles.ANALYST));
    }

    private static double deadLetters() {
        return PrometheusText.parse(given().get("/q/metrics")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .value(
                        "leakwatch_dead_letters_total",
                        Map.of("service", "intake-service", "channel", "verification-events"))
                .orElse(0.0);
    }

    private static String bootstrap() {
        return LeakwatchTestStack.broker().bootstrapServers();
    }
}
