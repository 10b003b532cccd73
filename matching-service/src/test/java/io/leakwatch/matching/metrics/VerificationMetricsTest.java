package io.leakwatch.matching.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.leakwatch.contracts.verification.VerificationFailed;
import io.leakwatch.contracts.verification.VerificationStarted;
import io.leakwatch.testing.LeakwatchTestStack;
import io.leakwatch.testing.PrometheusText;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;

/** The verification figures come from the events alone, whichever code records them. */
@QuarkusTest
@WithTestResource(value = LeakwatchTestStack.class, scope = TestResourceScope.GLOBAL)
class VerificationMetricsTest {

    private static final Map<String, String> MATCHING = Map.of("service", "matching-service");
    private static final Map<String, String> FAILED = Map.of("service", "matching-service", "outcome", "failed");

    @Inject
    EventStore events;

    @Test
    void aStartedVerificationRunsUntilItEndsAndItsDurationIsRecorded() {
        String incidentId = UUID.randomUUID().toString();
        String sampleId = UUID.randomUUID().toString();
        String stream = "metrics-test-" + sampleId;
        Instant startedAt = Instant.parse("2021-05-21T08:00:00Z");
        PrometheusText before = awaitScrape();
        double running =
                before.value("leakwatch_verifications_running", MATCHING).orElseThrow();
        double failures = before.value("leakwatch_verification_duration_seconds_count", FAILED)
                .orElseThrow();
        // Other tests in this JVM may have sent chunks already: events appended to the store receive none.
        double chunks =
                before.value("leakwatch_sample_chunks_received_total", MATCHING).orElseThrow();

        events.publish(new GenericDomainEventMessage<>(
                "Verification", stream, 0, new VerificationStarted(incidentId, sampleId, 3, startedAt)));
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(scrape().value("leakwatch_verifications_running", MATCHING))
                        .contains(running + 1));

        events.publish(new GenericDomainEventMessage<>(
                "Verification",
                stream,
                1,
                new VerificationFailed(incidentId, sampleId, "test", startedAt.plusSeconds(90))));
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            PrometheusText metrics = scrape();
            assertThat(metrics.value("leakwatch_verifications_running", MATCHING))
                    .contains(running);
            assertThat(metrics.value("leakwatch_verification_duration_seconds_count", FAILED))
                    .contains(failures + 1);
            assertThat(metrics.value("leakwatch_verification_duration_seconds_max", FAILED))
                    .hasValueSatisfying(max -> assertThat(max).isGreaterThanOrEqualTo(90.0));
            // Events appended straight to the store carry no chunks: the chunk counter stays where it was.
            assertThat(metrics.value("leakwatch_sample_chunks_received_total", MATCHING))
                    .contains(chunks);
        });
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'Axon event processors' }.data.'verification-metrics'", equalTo("UP"));
    }

    private static PrometheusText awaitScrape() {
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> scrape().value("leakwatch_verifications_running", MATCHING)
                        .isPresent());
        return scrape();
    }

    private static PrometheusText scrape() {
        return PrometheusText.parse(
                given().get("/q/metrics").then().statusCode(200).extract().asString());
    }
}
