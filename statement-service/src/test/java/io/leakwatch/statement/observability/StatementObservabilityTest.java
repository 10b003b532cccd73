package io.leakwatch.statement.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.leakwatch.contracts.CloudEvent;
import io.leakwatch.contracts.IntegrationEvent;
import io.leakwatch.contracts.Topics;
import io.leakwatch.contracts.incident.IncidentReported;
import io.leakwatch.contracts.incident.ReportSource;
import io.leakwatch.platform.messaging.CloudEventCodec;
import io.leakwatch.platform.security.Roles;
import io.leakwatch.testing.LeakwatchTestStack;
import io.leakwatch.testing.PrometheusText;
import io.leakwatch.testing.TestTokens;
import io.leakwatch.testing.TopicReader;
import io.leakwatch.testing.TopicWriter;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** What an operator sees of statement-service: the trace carried on, statements awaiting approval, readiness. */
@QuarkusTest
@WithTestResource(value = LeakwatchTestStack.class, scope = TestResourceScope.GLOBAL)
class StatementObservabilityTest {

    private static final String AWAITING = "leakwatch_statements_awaiting_approval";
    private static final Map<String, String> STATEMENT = Map.of("service", "statement-service");

    private final CloudEventCodec codec = new CloudEventCodec();

    @Test
    void aRecordsTraceContinuesInTheStatementEventsItCauses() {
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        String incidentId =
                reportOnTheTopic("00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01");

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> drafted = statementEvents(incidentId);
            assertThat(drafted).isNotEmpty();
            for (ConsumerRecord<String, String> record : drafted) {
                Header traceparent = record.headers().lastHeader("traceparent");
                assertThat(traceparent).isNotNull();
                assertThat(new String(traceparent.value(), StandardCharsets.UTF_8).split("-")[1])
                        .isEqualTo(traceId);
            }
        });
    }

    @Test
    void metricsCountTheStatementsAwaitingApproval() {
        String incidentId = reportOnTheTopic(null);
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> comms().get("/api/v1/incidents/" + incidentId + "/statements/latest")
                        .then()
                        .statusCode(200)
                        .body("status", equalTo("DRAFT")));
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            long awaiting = awaitingInTheTable();
            assertThat(awaiting).isPositive();
            PrometheusText metrics = scrape();
            assertThat(metrics.value(AWAITING, STATEMENT)).contains((double) awaiting);
            assertThat(metrics.value(
                            "leakwatch_event_processor_lag",
                            Map.of("service", "statement-service", "processor", "statement-versions")))
                    .contains(0.0);
        });
        double before = scrape().value(AWAITING, STATEMENT).orElseThrow();

        int version = comms().get("/api/v1/incidents/" + incidentId + "/statements/latest")
                .then()
                .extract()
                .path("version");
        comms().post("/api/v1/incidents/" + incidentId + "/statements/" + version + "/approval")
                .then()
                .statusCode(200);

        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            long awaiting = awaitingInTheTable();
            assertThat(scrape().value(AWAITING, STATEMENT)).contains((double) awaiting);
            assertThat((double) awaiting).isEqualTo(before - 1);
        });
        // The approval found the drafted statement loaded (the aggregate cache): a hit.
        assertThat(scrape().value(
                                "cache_gets_total",
                                Map.of("service", "statement-service", "cache", "statements", "result", "hit")))
                .hasValueSatisfying(hits -> assertThat(hits).isPositive());
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'Axon event processors' }.data.'statement-versions'", equalTo("UP"));
    }

    /** Publishes a claim on leakwatch.incident-events as intake would, with {@code traceparent} when not null. */
    private String reportOnTheTopic(String traceparent) {
        String incidentId = UUID.randomUUID().toString();
        Instant reportedAt = Instant.parse("2021-05-20T10:00:00Z");
        String reported = envelope(new IncidentReported(
                incidentId,
                "Data of 279 million Indonesians offered on a forum",
                new ReportSource("FORUM", null, "Kotz"),
                279_000_000L,
                List.of("NIK"),
                Instant.parse("2021-05-20T09:00:00Z"),
                List.of("ID"),
                reportedAt));
        TopicWriter.publish(
                LeakwatchTestStack.broker().bootstrapServers(),
                Topics.INCIDENT_EVENTS,
                incidentId,
                traceparent == null ? Map.of() : Map.of("traceparent", traceparent),
                reported);
        return incidentId;
    }

    private static long awaitingInTheTable() throws Exception {
        try (Connection connection = LeakwatchTestStack.database().connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("""
                        SELECT count(*) FROM statement_version v WHERE v.status = 'DRAFT' AND v.version =
                            (SELECT max(w.version) FROM statement_version w WHERE w.incident_id = v.incident_id)
                        """)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static List<ConsumerRecord<String, String>> statementEvents(String incidentId) {
        return TopicReader.readAll(LeakwatchTestStack.broker().bootstrapServers(), Topics.STATEMENT_EVENTS).stream()
                .filter(record -> incidentId.equals(record.key()))
                .toList();
    }

    private static PrometheusText scrape() {
        return PrometheusText.parse(
                given().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    private String envelope(IntegrationEvent event) {
        return codec.encode(CloudEvent.wrap(UUID.randomUUID().toString(), "/leakwatch/test", Instant.now(), event));
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static RequestSpecification comms() {
        return given().auth().oauth2(TestTokens.forRoles(Roles.COMMS));
    }
}
