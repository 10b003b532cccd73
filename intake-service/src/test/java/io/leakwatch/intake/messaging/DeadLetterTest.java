package io.leakwatch.intake.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.leakwatch.contracts.Topics;
import io.leakwatch.intake.TestIncidents;
import io.leakwatch.intake.domain.StartVerification;
import io.leakwatch.platform.security.Roles;
import io.leakwatch.testing.DeadLetters;
import io.leakwatch.testing.LeakwatchTestStack;
import io.leakwatch.testing.PrometheusText;
import io.leakwatch.testing.TestTokens;
import io.leakwatch.testing.TopicWriter;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
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

    @Inject
    CommandGateway commands;

    @Test
    void poisonVerificationEventsGoToTheDeadLettersAndTheNextVerdictIsRecorded() {
        String incidentId = TestIncidents.report();
        commands.sendAndWait(new StartVerification(incidentId, "sample-1", Instant.now()));
        String notJson = "{not json " + incidentId;
        String notACloudEvent = "{\"incident\": \"" + incidentId + "\"}";
        String unknownIncident = TestIncidents.confirmed(UUID.randomUUID().toString(), "sample-1");
        double before = deadLetters();

        TopicWriter.publish(
                bootstrap(),
                Topics.VERIFICATION_EVENTS,
                incidentId,
                notJson,
                notACloudEvent,
                unknownIncident,
                TestIncidents.confirmed(incidentId, "sample-1"));

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
