package io.leakwatch.statement.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.leakwatch.contracts.CloudEvent;
import io.leakwatch.contracts.IntegrationEvent;
import io.leakwatch.contracts.Topics;
import io.leakwatch.contracts.incident.IncidentReported;
import io.leakwatch.contracts.incident.ReportSource;
import io.leakwatch.contracts.verification.VerificationOpened;
import io.leakwatch.platform.messaging.CloudEventCodec;
import io.leakwatch.platform.security.Roles;
import io.leakwatch.testing.LeakwatchTestStack;
import io.leakwatch.testing.TestTokens;
import io.leakwatch.testing.TopicReader;
import io.leakwatch.testing.TopicWriter;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = LeakwatchTestStack.class, scope = TestResourceScope.GLOBAL)
class StatementDraftingTest {

    private final CloudEventCodec codec = new CloudEventCodec();

    @Test
    void theClaimDraftsOneStatementWhateverIsRedeliveredOrComesFirst() throws InterruptedException {
        String incidentId = UUID.randomUUID().toString();
        Instant reportedAt = Instant.parse("2021-05-20T10:00:00Z");
        String opened = envelope(new VerificationOpened(incidentId, 279_000_000L, reportedAt.plusSeconds(1)));
        String reported = envelope(new IncidentReported(
                incidentId,
                "Data of 279 million Indonesians offered on a forum",
                new ReportSource("FORUM", null, "Kotz"),
                279_000_000L,
                List.of("NIK"),
                Instant.parse("2021-05-20T09:00:00Z"),
                List.of("ID"),
                reportedAt));

        // The verification's event may overtake the report: the two come on different topics.
        String kafka = LeakwatchTestStack.broker().bootstrapServers();
        TopicWriter.publish(kafka, Topics.VERIFICATION_EVENTS, incidentId, opened);
        TopicWriter.publish(kafka, Topics.INCIDENT_EVENTS, incidentId, reported, reported);

        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().auth()
                        .oauth2(TestTokens.forRoles(Roles.COMMS))
                        .get("/api/v1/incidents/" + incidentId + "/statements/latest")
                        .then()
                        .statusCode(200)
                        .body("version", equalTo(1))
                        .body("status", equalTo("DRAFT"))
                        .body("text.id", containsString("Klaim tersebut menyebut 279 juta data"))
                        .body("text.id", containsString("222,4 juta jiwa"))
                        .body("text.id", containsString("per Mei 2021"))
                        .body("text.en", containsString("279 million records"))
                        .body("text.en", containsString("222.4 million participants")));
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(drafted(incidentId)).hasSize(1));
        Thread.sleep(1_000);
        assertThat(drafted(incidentId)).hasSize(1);
    }

    @Test
    void anIncidentWithoutStatementIsNotFound() {
        given().auth()
                .oauth2(TestTokens.forRoles(Roles.COMMS))
                .get("/api/v1/incidents/nothing-here/statements/latest")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    private List<IntegrationEvent> drafted(String incidentId) {
        return TopicReader.readAll(LeakwatchTestStack.broker().bootstrapServers(), Topics.STATEMENT_EVENTS).stream()
                .filter(r -> incidentId.equals(r.key()))
                .map(r -> codec.decode(r.value()).orElseThrow().data())
                .toList();
    }

    private String envelope(IntegrationEvent event) {
        return codec.encode(CloudEvent.wrap(UUID.randomUUID().toString(), "/leakwatch/test", Instant.now(), event));
    }
}
