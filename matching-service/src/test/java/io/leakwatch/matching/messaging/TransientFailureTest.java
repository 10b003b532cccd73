package io.leakwatch.matching.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.leakwatch.contracts.Topics;
import io.leakwatch.testing.ConnectionKiller;
import io.leakwatch.testing.DeadLetters;
import io.leakwatch.testing.LeakwatchTestStack;
import io.leakwatch.testing.PrometheusText;
import io.leakwatch.testing.TopicWriter;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A record whose handling fails because the database is away is retried in place, not dead-lettered: the service's
 * PostgreSQL connections are cut again and again ({@code pg_terminate_backend}) while an incident event arrives, and
 * the event is still handled exactly once when the database is back.
 */
@QuarkusTest
@WithTestResource(value = LeakwatchTestStack.class, scope = TestResourceScope.GLOBAL)
class TransientFailureTest {

    private static final String CONSUMER = "matching-incident-events";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aRecordWhoseDatabaseIsBrieflyAwayIsRetriedInPlaceAndHandledOnce() {
        String incidentId = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        double retriesBefore = retries();
        long outageStarted = System.nanoTime();
        int terminated;

        try (ConnectionKiller killer = ConnectionKiller.start(LeakwatchTestStack.database())) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> killer.terminated() > 0);
            TopicWriter.publish(
                    bootstrap(),
                    Topics.INCIDENT_EVENTS,
                    incidentId,
                    IncidentEventRecords.reported(eventId, incidentId));
            // The outage lasts until the consumer has failed on it at least once.
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> retries() > retriesBefore);
            terminated = killer.terminated();
        }
        long outageMillis = Duration.ofNanos(System.nanoTime() - outageStarted).toMillis();
        // Connections cut during the last moments of the outage are still in the pool; a real restart leaves them too,
        // and each fails once before the pool drops it. Dropped here so that the next test class starts clean.
        dataSource.flush(AgroalDataSource.FlushMode.ALL);

        Awaitility.await()
                .atMost(Duration.ofSeconds(90))
                .untilAsserted(() -> assertThat(IncidentEventRecords.opened(bootstrap(), incidentId))
                        .containsExactly(279_000_000L));
        assertThat(DeadLetters.keyed(bootstrap(), incidentId)).isEmpty();
        assertThat(retries()).isGreaterThan(retriesBefore);
        System.out.printf(
                "transient-failure: outage %d ms, %d backends terminated, %.0f retries, handled once, 0 dead letters%n",
                outageMillis, terminated, retries() - retriesBefore);
    }

    private static double retries() {
        return PrometheusText.parse(given().get("/q/metrics")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .value("leakwatch_consumer_retries_total", Map.of("service", "matching-service", "consumer", CONSUMER))
                .orElse(0.0);
    }

    private static String bootstrap() {
        return LeakwatchTestStack.broker().bootstrapServers();
    }
}
