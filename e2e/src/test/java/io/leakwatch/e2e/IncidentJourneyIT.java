package io.leakwatch.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.leakwatch.testing.TestTokens;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The walking skeleton's promise, driven over HTTP only: a claim filed at intake becomes a drafted holding statement,
 * through Kafka and three event stores, and a restarted statement-service does not draft it twice.
 */
class IncidentJourneyIT {

    @RegisterExtension
    static final E2eStack stack = new E2eStack();

    private static ServiceProcess intake;
    private static ServiceProcess matching;
    private static ServiceProcess statement;

    @BeforeAll
    static void startTheStack() throws Exception {
        intake = stack.service("intake-service", stack.database("intake"));
        matching = stack.service("matching-service", stack.database("matching"));
        statement = stack.service("statement-service", stack.database("statement"));
        E2eStack.startAll(intake, matching, statement);
    }

    @Test
    void aFiledClaimIsDraftedIntoOneStatementThatSurvivesARestart() throws Exception {
        String incidentId = Incidents.fileThe2021Claim(intake);

        String latest = "/api/v1/incidents/" + incidentId + "/statements/latest";
        Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> given().baseUri(statement.baseUrl())
                        .auth()
                        .oauth2(TestTokens.forRoles("comms"))
                        .get(latest)
                        .then()
                        .statusCode(200)
                        .body("version", equalTo(1))
                        .body("text.id", containsString("279 juta"))
                        .body("text.id", containsString("222,4 juta jiwa")));

        statement.restart();
        // Give the restarted consumers time to be handed every record again, had their offsets been lost.
        Thread.sleep(5_000);

        given().baseUri(statement.baseUrl())
                .auth()
                .oauth2(TestTokens.forRoles("comms"))
                .get(latest)
                .then()
                .statusCode(200)
                .body("version", equalTo(1))
                .body("text.id", containsString("279 juta"));
    }

    @Test
    void aRunningNotificationClockStillFiresAfterARestart() throws Exception {
        String incidentId = Incidents.fileThe2021Claim(intake);
        // Aware almost 72 hours ago: the ID clock runs out while intake is down. The margin keeps the deadline from
        // coming due during the shutdown itself, where a picked-up execution would be retried only minutes later (on a
        // loaded machine the two requests and the shutdown can take tens of seconds).
        Instant dueAt = Instant.now().plusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
        Instant awareAt = dueAt.minus(Duration.ofHours(72));
        given().baseUri(intake.baseUrl())
                .auth()
                .oauth2(TestTokens.forRoles("analyst"))
                .contentType(ContentType.JSON)
                .body("{\"awareAt\":\"" + awareAt + "\",\"jurisdictions\":[\"ID\"]}")
                .post("/api/v1/incidents/" + incidentId + "/awareness")
                .then()
                .statusCode(200);

        intake.stop();
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), dueAt).toMillis()) + 3_000);
        intake.start();

        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> given().baseUri(intake.baseUrl())
                        .auth()
                        .oauth2(TestTokens.forRoles("analyst"))
                        .get("/api/v1/incidents/" + incidentId)
                        .then()
                        .statusCode(200)
                        .body("awareness.clocks[0].state", equalTo("MISSED")));
    }
}
