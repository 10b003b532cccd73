package io.leakwatch.intake.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.leakwatch.contracts.Topics;
import io.leakwatch.platform.security.Roles;
import io.leakwatch.testing.LeakwatchTestStack;
import io.leakwatch.testing.PrometheusText;
import io.leakwatch.testing.TestTokens;
import io.leakwatch.testing.TopicReader;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** What an operator sees of intake-service: readiness, the figures at /q/metrics, and one trace per incident. */
@QuarkusTest
@WithTestResource(value = LeakwatchTestStack.class, scope = TestResourceScope.GLOBAL)
class IntakeObservabilityTest {

    private static final Map<String, String> INTAKE = Map.of("service", "intake-service");

    @Test
    void theTraceOfTheReportingRequestTravelsWithTheIncidentsRecords() {
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        String parentSpanId = HexFormat.of().formatHex(randomBytes(8));

        String incidentId = as(Roles.REPORTER)
                .header("traceparent", "00-" + traceId + "-" + parentSpanId + "-01")
                .contentType(ContentType.JSON)
                .body(claim())
                .post("/api/v1/incidents")
                .then()
                .statusCode(201)
                .extract()
                .path("incidentId");

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> records =
                    TopicReader.readAll(LeakwatchTestStack.broker().bootstrapServers(), Topics.INCIDENT_EVENTS).stream()
                            .filter(record -> incidentId.equals(record.key()))
                            .toList();
            assertThat(records).isNotEmpty();
            for (ConsumerRecord<String, String> record : records) {
                Header traceparent = record.headers().lastHeader("traceparent");
                assertThat(traceparent)
                        .as("traceparent header of %s", record.value())
                        .isNotNull();
                String[] parts = new String(traceparent.value(), StandardCharsets.UTF_8).split("-");
                assertThat(parts[1]).as("trace id").isEqualTo(traceId);
                // The forwarder's own producer span is the parent the consumers see, not the caller's span.
                assertThat(parts[2]).as("span id").isNotEqualTo(parentSpanId);
            }
        });
    }

    @Test
    void readinessCoversTheDatabaseKafkaAndEveryEventProcessor() {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/q/health/ready")
                        .then()
                        .statusCode(200)
                        .body("status", equalTo("UP"))
                        .body("checks.name", hasItems("Axon event processors", "Database connections health check"))
                        .body(
                                "checks.find { it.name == 'Axon event processors' }.data.'kafka-forwarder'",
                                equalTo("UP"))
                        .body(
                                "checks.find { it.name == 'Axon event processors' }.data.'incident-summaries'",
                                equalTo("UP"))
                        .body(
                                "checks.find { it.name == 'Axon event processors' }.data.'notification-deadline-metrics'",
                                equalTo("UP")));
        String ready = given().get("/q/health/ready").asString();
        assertThat(ready).containsIgnoringCase("kafka");
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsCountIncidentsByStatusAndTheProcessorsCatchUp() throws Exception {
        String triaged = report();
        String reported = report();
        as(Roles.ANALYST)
                .contentType(ContentType.JSON)
                .body("{\"severity\":\"HIGH\",\"marking\":\"TLP:AMBER\",\"owner\":\"analyst-1\"}")
                .post("/api/v1/incidents/" + triaged + "/triage")
                .then()
                .statusCode(200);
        // Aware in 2021: both clocks of the incident's jurisdiction are long past, so both deadline events follow.
        as(Roles.ANALYST)
                .contentType(ContentType.JSON)
                .body("{\"awareAt\":\"2021-05-20T10:00:00Z\"}")
                .post("/api/v1/incidents/" + reported + "/awareness")
                .then()
                .statusCode(200);

        Awaitility.await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
            assertThat(statusOf(triaged)).isEqualTo("TRIAGED");
            assertThat(statusOf(reported)).isEqualTo("REPORTED");
            assertThat(storedEvents("NotificationDeadlineMissed")).isPositive();
            PrometheusText metrics = scrape();
            for (String status : List.of("REPORTED", "TRIAGED", "CLOSED")) {
                assertThat(metrics.value("leakwatch_incidents", labels("status", status)))
                        .as("incidents %s", status)
                        .contains((double) incidentsAt(status));
            }
            for (String processor : List.of("kafka-forwarder", "incident-summaries", "notification-deadline-metrics")) {
                assertThat(metrics.value("leakwatch_event_processor_lag", labels("processor", processor)))
                        .as("lag of %s", processor)
                        .contains(0.0);
            }
            assertThat(metrics.value("leakwatch_notification_deadlines_approaching_total", INTAKE))
                    .contains((double) storedEvents("NotificationDeadlineApproaching"));
            assertThat(metrics.value("leakwatch_notification_deadlines_missed_total", INTAKE))
                    .contains((double) storedEvents("NotificationDeadlineMissed"));
        });

        PrometheusText metrics = scrape();
        assertThat(metrics.value("leakwatch_sample_chunks_sent_total", INTAKE)).contains(0.0);
        // SmallRye's Kafka consumer of verification-events, bound to Micrometer: its lag is there to watch.
        assertThat(metrics.all("kafka_consumer_fetch_manager_records_lag_max", INTAKE))
                .isNotEmpty();
    }

    private static PrometheusText scrape() {
        return PrometheusText.parse(
                given().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    private static Map<String, String> labels(String key, String value) {
        return Map.of("service", "intake-service", key, value);
    }

    private static String statusOf(String incidentId) throws Exception {
        return queryString("SELECT status FROM incident_summary WHERE incident_id = ?", incidentId);
    }

    private static long incidentsAt(String status) throws Exception {
        return Long.parseLong(queryString("SELECT count(*) FROM incident_summary WHERE status = ?", status));
    }

    private static long storedEvents(String simpleName) throws Exception {
        return Long.parseLong(
                queryString("SELECT count(*) FROM domainevententry WHERE payloadtype LIKE ?", "%." + simpleName));
    }

    private static String queryString(String sql, String parameter) throws Exception {
        try (Connection connection = LeakwatchTestStack.database().connect();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, parameter);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    private static String report() {
        return as(Roles.REPORTER)
                .contentType(ContentType.JSON)
                .body(claim())
                .post("/api/v1/incidents")
                .then()
                .statusCode(201)
                .extract()
                .path("incidentId");
    }

    private static String claim() {
        return """
                {"title":"Data of 279 million Indonesians offered on a forum",
                 "source":{"kind":"FORUM","url":"https://forum.example/Thread-observed-%s","actor":"Kotz"},
                 "claimedRecordCount":279000000,
                 "dataCategories":["NIK","NAME","PHONE"],
                 "discoveredAt":"2021-05-20T09:00:00Z",
                 "jurisdictions":["ID"]}
                """.formatted(UUID.randomUUID());
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static RequestSpecification as(String role) {
        return given().auth().oauth2(TestTokens.forRoles(role));
    }
}
