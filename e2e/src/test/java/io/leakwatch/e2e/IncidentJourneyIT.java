package io.leakwatch.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.leakwatch.testing.FreshDatabase;
import io.leakwatch.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
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

    private static FreshDatabase intakeDb;
    private static ServiceProcess intake;
    private static ServiceProcess matching;
    private static ServiceProcess statement;

    @BeforeAll
    static void startTheStack() throws Exception {
        intakeDb = stack.database("intake");
        intake = stack.service("intake-service", intakeDb);
        matching = stack.service("matching-service", stack.database("matching"));
        statement = stack.service("statement-service", stack.database("statement"));
        E2eStack.startAll(intake, matching, statement);
    }

    @Test
    void aFiledClaimIsDraftedIntoOneStatementThatSurvivesARestart() throws Exception {
        String incidentId = Incidents.fileThe2021Claim(intake);

        // Both facts of a claim are drafted once both are in the audit trail (each record is audited after its drafting
        // committed): the claim, and matching's VerificationOpened. The second makes a version of its own only when its
        // time puts the statement's "next update" in another minute, so the version number is read, not assumed.
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> given().baseUri(statement.baseUrl())
                        .auth()
                        .oauth2(TestTokens.forRoles("auditor"))
                        .get("/api/v1/audit/incidents/" + incidentId + "/trail")
                        .then()
                        .statusCode(200)
                        .body("topic", hasItems("leakwatch.incident-events", "leakwatch.verification-events")));
        String latest = "/api/v1/incidents/" + incidentId + "/statements/latest";
        Response drafted = comms().get(latest);
        drafted.then()
                .statusCode(200)
                .body("text.id", containsString("279 juta"))
                .body("text.id", containsString("222,4 juta jiwa"));
        int version = drafted.path("version");

        statement.restart();
        // Give the restarted consumers time to be handed every record again, had their offsets been lost.
        Thread.sleep(5_000);

        comms().get(latest)
                .then()
                .statusCode(200)
                .body("version", equalTo(version))
                .body("text.id", equalTo(drafted.path("text.id")));
    }

    private static RequestSpecification comms() {
        return given().baseUri(statement.baseUrl()).auth().oauth2(TestTokens.forRoles("comms"));
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

        try {
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
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(
                    "the clock due at " + dueAt + " did not fire after the restart; deadlines "
                            + rows("SELECT task_instance, execution_time, picked, picked_by, consecutive_failures,"
                                    + " last_failure FROM scheduled_tasks")
                            + "; events "
                            + rows("SELECT payloadtype, timestamp FROM domainevententry"
                                    + " WHERE aggregateidentifier = '" + incidentId + "' ORDER BY sequencenumber"),
                    e);
        }
    }

    /** Rows of a query on intake's database, as text, for a failure's message. */
    private static List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = intakeDb.connect();
                Statement query = connection.createStatement();
                ResultSet result = query.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> row = new ArrayList<>();
                for (int column = 1; column <= columns; column++) {
                    row.add(result.getString(column));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
