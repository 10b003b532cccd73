package io.leakwatch.intake.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.leakwatch.contracts.Topics;
import io.leakwatch.intake.TestIncidents;
import io.leakwatch.intake.domain.StartVerification;
import io.leakwatch.platform.security.Roles;
import io.leakwatch.testing.LeakwatchTestStack;
import io.leakwatch.testing.TestTokens;
import io.leakwatch.testing.TopicWriter;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = LeakwatchTestStack.class, scope = TestResourceScope.GLOBAL)
class IncidentLifecycleResourceTest {

    private static final String TRIAGE = "{\"severity\":\"HIGH\",\"marking\":\"TLP:AMBER\",\"owner\":\"analyst-1\"}";

    @Inject
    CommandGateway commands;

    @Test
    void triagingAnswersTheIncidentWithItsNewEntityTag() {
        String incidentId = report();

        as(Roles.ANALYST)
                .contentType(ContentType.JSON)
                .header("If-Match", "\"0\"")
                .body(TRIAGE)
                .post("/api/v1/incidents/" + incidentId + "/triage")
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .body("status", equalTo("TRIAGED"))
                .body("triage.severity", equalTo("HIGH"));
    }

    @Test
    void aStaleIfMatchIsAPreconditionFailureAndChangesNothing() {
        String incidentId = report();
        triage(incidentId).statusCode(200);

        as(Roles.ANALYST)
                .contentType(ContentType.JSON)
                .header("If-Match", "\"0\"")
                .body("{\"reason\":\"a recycled hoax\"}")
                .post("/api/v1/incidents/" + incidentId + "/dismissal")
                .then()
                .statusCode(412)
                .contentType("application/problem+json");

        as(Roles.ANALYST)
                .get("/api/v1/incidents/" + incidentId)
                .then()
                .header("ETag", "\"1\"")
                .body("status", equalTo("TRIAGED"));
    }

    @Test
    void anImpossibleTransitionIsAConflictAndRecordsNothing() {
        String incidentId = report();

        as(Roles.ANALYST)
                .contentType(ContentType.JSON)
                .body("{\"note\":\"done\"}")
                .post("/api/v1/incidents/" + incidentId + "/closure")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("REPORTED"));

        as(Roles.ANALYST).get("/api/v1/incidents/" + incidentId).then().header("ETag", "\"0\"");
    }

    @Test
    void aMalformedValueIsABadRequest() {
        String incidentId = report();

        as(Roles.ANALYST)
                .contentType(ContentType.JSON)
                .body(TRIAGE.replace("HIGH", "APOCALYPTIC"))
                .post("/api/v1/incidents/" + incidentId + "/triage")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void anUnknownIncidentIsNotFoundAndNotCreated() {
        as(Roles.ANALYST)
                .contentType(ContentType.JSON)
                .body(TRIAGE)
                .post("/api/v1/incidents/" + UUID.randomUUID() + "/triage")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void onlyAnAnalystTriages() {
        String incidentId = report();

        as(Roles.REPORTER)
                .contentType(ContentType.JSON)
                .body(TRIAGE)
                .post("/api/v1/incidents/" + incidentId + "/triage")
                .then()
                .statusCode(403);
    }

    @Test
    void aRetriedReportWithTheSameIdempotencyKeyGetsTheFirstAnswer() {
        String key = UUID.randomUUID().toString();
        String claim = IncidentResourceTest.claim2021();

        String first = reportWithKey(key, claim).statusCode(201).extract().path("incidentId");
        String second = reportWithKey(key, claim).statusCode(201).extract().path("incidentId");

        assertThat(second).isEqualTo(first);
        reportWithKey(key, IncidentResourceTest.claim2021()).statusCode(422).contentType("application/problem+json");
    }

    @Test
    void aReportOfAnOpenIncidentsLinkIsRecordedAsASighting() {
        String thread = "https://forum.example/Thread-" + UUID.randomUUID();
        String incidentId = as(Roles.REPORTER)
                .contentType(ContentType.JSON)
                .body(IncidentResourceTest.claim2021(thread))
                .post("/api/v1/incidents")
                .then()
                .statusCode(201)
                .extract()
                .path("incidentId");
        awaitListed(incidentId);

        String sameOfferAgain = thread.replace("https://forum.example", "http://WWW.Forum.example") + "/";
        as(Roles.REPORTER)
                .contentType(ContentType.JSON)
                .body(IncidentResourceTest.claim2021(sameOfferAgain))
                .post("/api/v1/incidents")
                .then()
                .statusCode(200)
                .header("Location", containsString(incidentId))
                .body("outcome", equalTo("SIGHTING_RECORDED"))
                .body("incidentId", equalTo(incidentId))
                .body("incident.sightings.size()", equalTo(1));
    }

    @Test
    void theListFiltersByStatusAndSearchesTitlesAndHandles() {
        String incidentId = report();
        triage(incidentId).statusCode(200);
        Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> as(Roles.ANALYST)
                        .queryParam("status", "TRIAGED")
                        .queryParam("q", "kotz")
                        .queryParam("size", "200")
                        .get("/api/v1/incidents")
                        .then()
                        .statusCode(200)
                        .body("items.incidentId", hasItems(incidentId)));
    }

    @Test
    void theEventHistoryListsWhatWasRecordedInOrder() {
        String incidentId = report();
        triage(incidentId).statusCode(200);

        as(Roles.AUDITOR)
                .get("/api/v1/incidents/" + incidentId + "/events")
                .then()
                .statusCode(200)
                .body(
                        "type",
                        equalTo(List.of(
                                "io.leakwatch.incident.IncidentReported", "io.leakwatch.incident.IncidentTriaged")))
                .body("[1].data.owner", equalTo("analyst-1"));
    }

    @Test
    void aCompletedVerificationOnKafkaMakesTheIncidentVerified() {
        String incidentId = report();
        commands.sendAndWait(new StartVerification(incidentId, "sample-1", Instant.now()));
        String record = TestIncidents.confirmed(incidentId, "sample-1");

        TopicWriter.publish(
                LeakwatchTestStack.broker().bootstrapServers(), Topics.VERIFICATION_EVENTS, incidentId, record, record);

        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> as(Roles.ANALYST)
                        .get("/api/v1/incidents/" + incidentId)
                        .then()
                        .body("status", equalTo("VERIFIED"))
                        .body("verdict", equalTo("CONFIRMED")));
    }

    private static String report() {
        return as(Roles.REPORTER)
                .contentType(ContentType.JSON)
                .body(IncidentResourceTest.claim2021())
                .post("/api/v1/incidents")
                .then()
                .statusCode(201)
                .extract()
                .path("incidentId");
    }

    private static ValidatableResponse triage(String incidentId) {
        return as(Roles.ANALYST)
                .contentType(ContentType.JSON)
                .body(TRIAGE)
                .post("/api/v1/incidents/" + incidentId + "/triage")
                .then();
    }

    private static ValidatableResponse reportWithKey(String key, String claim) {
        return as(Roles.REPORTER)
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(claim)
                .post("/api/v1/incidents")
                .then();
    }

    private static void awaitListed(String incidentId) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> as(Roles.ANALYST)
                        .queryParam("size", "200")
                        .get("/api/v1/incidents")
                        .then()
                        .body("items.incidentId", hasItems(incidentId)));
    }

    private static RequestSpecification as(String role) {
        return given().auth().oauth2(TestTokens.forRoles(role));
    }
}
