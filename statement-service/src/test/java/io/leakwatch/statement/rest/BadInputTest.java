package io.leakwatch.statement.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.leakwatch.platform.security.Roles;
import io.leakwatch.testing.BadBodies;
import io.leakwatch.testing.BadInput;
import io.leakwatch.testing.BadInputTally;
import io.leakwatch.testing.JsonEndpoint;
import io.leakwatch.testing.LeakwatchTestStack;
import io.leakwatch.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input is refused by every endpoint of statement-service: {@link BadBodies}' corpus for the edit and withdrawal
 * bodies; versions that are negative, zero, not numbers or beyond an int for approval, publication, withdrawal and the
 * reads; {@code asOf} dates in the future, before 2000, malformed or in epoch seconds; unknown languages. Each is a
 * 4xx problem naming what is wrong, no 5xx, no stack trace, nothing recorded. Then seeded mutations of the valid bodies.
 */
@QuarkusTest
@WithTestResource(value = LeakwatchTestStack.class, scope = TestResourceScope.GLOBAL)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {

    private static final int MUTATIONS = 200;
    private static final BadInputTally TALLY = new BadInputTally("statement");
    private static final List<String> BAD_VERSIONS = List.of("0", "-1", "abc", "1.5", "99999999999999999999");

    private String incident;

    /** Made in the first test, not in a @BeforeAll: rest-assured knows the test port only once a test runs. */
    @BeforeEach
    void aDraftedStatement() {
        if (incident == null) {
            incident = fileClaim();
        }
    }

    @AfterAll
    static void report() {
        TALLY.print();
    }

    @Test
    void malformedBodiesAreRefusedAndRecordNothing() throws SQLException {
        long events = events();
        long versions = versions();
        TALLY.refused(edit().assertCorpusRefused());
        TALLY.refused(withdrawal().assertCorpusRefused());
        assertThat(events()).as("events").isEqualTo(events);
        assertThat(versions()).as("statement versions").isEqualTo(versions);
    }

    @Test
    void malformedVersionsDatesAndLanguagesAreRefusedAndRecordNothing() throws SQLException {
        long events = events();
        long versions = versions();
        String statements = "/api/v1/incidents/" + incident + "/statements";
        Map<String, String> asked = new java.util.LinkedHashMap<>();
        for (String version : BAD_VERSIONS) {
            for (String action : List.of("approval", "publication")) {
                asked.put("POST " + statements + "/" + version + "/" + action, Roles.COMMS);
            }
            asked.put("GET " + statements + "/" + version, Roles.COMMS);
            asked.put("GET " + statements + "/1/diff/" + version, Roles.COMMS);
            sendRefused(withdrawal().at(statements + "/" + version + "/withdrawal"));
        }
        List<String> dates = new ArrayList<>(BadBodies.BAD_DATES);
        dates.add(Instant.now().plus(Duration.ofDays(1)).toString());
        for (String date : dates) {
            String asOf = "asOf=" + URLEncoder.encode(date, StandardCharsets.UTF_8);
            asked.put("GET " + statements + "?" + asOf, Roles.ANALYST);
            asked.put("GET " + statements + "/latest?" + asOf, Roles.ANALYST);
            asked.put("GET " + statements + "/1?" + asOf, Roles.ANALYST);
            asked.put("GET /api/v1/audit/incidents/" + incident + "/trail?" + asOf, Roles.AUDITOR);
            asked.put("GET /statements?" + asOf, null);
            asked.put("GET /statements/" + incident + "?" + asOf, null);
            asked.put("GET /api/v1/public/statements?" + asOf, null);
        }
        for (String lang : List.of("fr", "EN-GB", "x".repeat(300))) {
            asked.put("GET " + statements + "/1?lang=" + lang, Roles.COMMS);
            asked.put("GET " + statements + "/1/diff/1?lang=" + lang, Roles.COMMS);
            asked.put("GET /statements?lang=" + lang, null);
        }
        asked.put("GET /api/v1/audit/replays/not-a-replay", Roles.AUDITOR);
        asked.put("GET /api/v1/incidents/" + UUID.randomUUID() + "/timeline", Roles.ANALYST);
        asked.put("GET /api/v1/audit/incidents/" + UUID.randomUUID() + "/trail/verify", Roles.AUDITOR);
        asked.forEach((request, role) -> {
            String[] methodAndPath = request.split(" ", 2);
            Response response = BadBodies.raw(role == null ? null : TestTokens.forRoles(role))
                    .urlEncodingEnabled(false)
                    .request(methodAndPath[0], methodAndPath[1]);
            BadInput.assertRefused(response, request);
            TALLY.refused(1);
        });
        assertThat(events()).as("events").isEqualTo(events);
        assertThat(versions()).as("statement versions").isEqualTo(versions);
    }

    static IntStream seeds() {
        return IntStream.range(0, MUTATIONS);
    }

    /** Even seeds mutate an edit, odd ones a withdrawal. */
    @ParameterizedTest
    @MethodSource("seeds")
    void aMutatedBodyIsAcceptedOrRefusedWithAProblemNeverAFailure(int seed) {
        Response response = (seed % 2 == 0 ? edit() : withdrawal()).assertMutationHandled(seed);
        TALLY.fuzzed(response);
    }

    private JsonEndpoint edit() {
        return new JsonEndpoint(
                "POST",
                "/api/v1/incidents/" + incident + "/statements",
                Roles.COMMS,
                "{\"basedOn\":1,\"text\":{\"id\":\"Kami sedang memeriksa klaim ini.\","
                        + "\"en\":\"We are examining this claim.\"}}",
                List.of("basedOn", "text", "text.id", "text.en"));
    }

    private JsonEndpoint withdrawal() {
        return new JsonEndpoint(
                "POST",
                "/api/v1/incidents/" + incident + "/statements/1/withdrawal",
                Roles.COMMS,
                "{\"reason\":\"Published by mistake\"}",
                List.of("reason"));
    }

    private static void sendRefused(JsonEndpoint endpoint) {
        BadInput.assertRefused(endpoint.send("application/json", endpoint.body()), endpoint.toString());
        TALLY.refused(1);
    }

    private static long events() throws SQLException {
        return LeakwatchTestStack.database().count("SELECT count(*) FROM domainevententry");
    }

    private static long versions() throws SQLException {
        return LeakwatchTestStack.database().count("SELECT count(*) FROM statement_version");
    }

    /** A claim on the incident topic, and its first draft awaited. */
    private static String fileClaim() {
        String incident = Claims.file();
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> BadBodies.raw(TestTokens.forRoles(Roles.COMMS))
                        .get("/api/v1/incidents/" + incident + "/statements/1")
                        .then()
                        .statusCode(200)
                        .body("status", equalTo("DRAFT")));
        return incident;
    }
}
