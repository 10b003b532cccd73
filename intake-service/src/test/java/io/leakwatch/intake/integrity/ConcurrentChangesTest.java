package io.leakwatch.intake.integrity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.leakwatch.intake.TestIncidents;
import io.leakwatch.platform.security.Roles;
import io.leakwatch.testing.Concurrently;
import io.leakwatch.testing.LeakwatchTestStack;
import io.leakwatch.testing.StoredEvents;
import io.leakwatch.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Many analysts act on one incident in the same instant: one change wins, every other request is refused with 412 (a
 * stale If-Match) or 409 (a transition the winner made impossible) as a problem, and the incident's event stream stays
 * one line: sequence numbers 0..n-1, no fork, nothing of a refused request in it.
 */
@QuarkusTest
@WithTestResource(value = LeakwatchTestStack.class, scope = TestResourceScope.GLOBAL)
class ConcurrentChangesTest {

    private static final int CLIENTS = 8;

    @Test
    void ofManyTriagesWithTheSameIfMatchExactlyOneIsApplied() {
        String incidentId = TestIncidents.report();

        List<Response> answers = Concurrently.run(
                CLIENTS,
                i -> as(Roles.ANALYST)
                        .contentType(ContentType.JSON)
                        .header("If-Match", "\"0\"")
                        .body("{\"severity\":\"HIGH\",\"marking\":\"TLP:AMBER\",\"owner\":\"analyst-" + i + "\"}")
                        .post("/api/v1/incidents/" + incidentId + "/triage"));

        List<Response> applied = withStatus(answers, 200);
        assertThat(applied).hasSize(1);
        assertThat(withStatus(answers, 412)).hasSize(CLIENTS - 1).allSatisfy(ConcurrentChangesTest::isProblem);
        String winner = applied.get(0).path("triage.owner");
        as(Roles.ANALYST)
                .get("/api/v1/incidents/" + incidentId)
                .then()
                .header("ETag", "\"1\"")
                .body("triage.owner", equalTo(winner));
        assertThat(StoredEvents.types(LeakwatchTestStack.database(), incidentId))
                .containsExactly("IncidentReported", "IncidentTriaged");
    }

    @Test
    void ofConflictingTransitionsAtOnceOneIsAppliedAndTheRestAreConflicts() {
        String incidentId = TestIncidents.report();
        // Recent, so that no notification clock has run out (its deadline events would join the stream).
        Instant base = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);

        // Awareness is recorded once, whatever moment each analyst says: the first that commits counts.
        List<Response> awareness = Concurrently.run(
                CLIENTS,
                i -> as(Roles.ANALYST)
                        .contentType(ContentType.JSON)
                        .body("{\"awareAt\":\"" + base.plusSeconds(60L * i) + "\",\"jurisdictions\":[\"ID\"]}")
                        .post("/api/v1/incidents/" + incidentId + "/awareness"));
        assertThat(withStatus(awareness, 200)).hasSize(1);
        assertThat(withStatus(awareness, 409)).hasSize(CLIENTS - 1).allSatisfy(ConcurrentChangesTest::isProblem);

        // Dismissed for different reasons at once: the first dismissal ends the incident, the others are refused.
        List<Response> dismissals = Concurrently.run(
                CLIENTS,
                i -> as(Roles.ANALYST)
                        .contentType(ContentType.JSON)
                        .body("{\"reason\":\"a recycled hoax, says analyst " + i + "\"}")
                        .post("/api/v1/incidents/" + incidentId + "/dismissal"));
        assertThat(withStatus(dismissals, 200)).hasSize(1);
        assertThat(withStatus(dismissals, 409)).hasSize(CLIENTS - 1).allSatisfy(ConcurrentChangesTest::isProblem);

        assertThat(StoredEvents.types(LeakwatchTestStack.database(), incidentId))
                .containsExactly("IncidentReported", "AwarenessRecorded", "IncidentDismissed");
        as(Roles.ANALYST)
                .get("/api/v1/incidents/" + incidentId)
                .then()
                .body("status", equalTo("DISMISSED"))
                .header("ETag", "\"2\"");
    }

    private static List<Response> withStatus(List<Response> answers, int status) {
        return answers.stream().filter(r -> r.statusCode() == status).toList();
    }

    private static void isProblem(Response refusal) {
        assertThat(refusal.contentType()).startsWith("application/problem+json");
        assertThat(refusal.<String>path("detail")).isNotBlank();
    }

    private static RequestSpecification as(String role) {
        return given().auth().oauth2(TestTokens.forRoles(role));
    }
}
