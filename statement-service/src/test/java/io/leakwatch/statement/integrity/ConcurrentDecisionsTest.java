package io.leakwatch.statement.integrity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.leakwatch.platform.security.Roles;
import io.leakwatch.statement.rest.Claims;
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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Several comms officers decide about one statement in the same instant: a decision is recorded once however many
 * make it, a publication and a withdrawal racing each other end in an order the rules allow (never a withdrawal
 * before its publication, never a publication after its withdrawal), every refusal is a 409 problem, and the
 * statement's event stream has sequence numbers 0..n-1 with nothing of a refused request in it.
 */
@QuarkusTest
@WithTestResource(value = LeakwatchTestStack.class, scope = TestResourceScope.GLOBAL)
class ConcurrentDecisionsTest {

    private static final int CLIENTS = 8;

    @Test
    void racingApprovalsPublicationsAndWithdrawalsRecordEachDecisionOnceInAnAllowedOrder() {
        String incident = Claims.file();
        String statements = "/api/v1/incidents/" + incident + "/statements";
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> comms().get(statements + "/1").then().statusCode(200));

        List<Response> approvals = Concurrently.run(CLIENTS, i -> comms().post(statements + "/1/approval"));
        assertThat(approvals).allSatisfy(a -> {
            assertThat(a.statusCode()).isEqualTo(200);
            assertThat(a.<String>path("status")).isEqualTo("APPROVED");
        });
        assertThat(StoredEvents.types(LeakwatchTestStack.database(), incident))
                .containsExactly("StatementDrafted", "StatementApproved");

        // Half publish, half withdraw, all at once.
        List<Response> decisions = Concurrently.run(
                CLIENTS,
                i -> i % 2 == 0
                        ? comms().post(statements + "/1/publication")
                        : comms().contentType(ContentType.JSON)
                                .body(Map.of("reason", "withdrawn by officer " + i))
                                .post(statements + "/1/withdrawal"));
        for (Response decision : decisions) {
            assertThat(decision.statusCode()).isIn(200, 409);
            if (decision.statusCode() == 409) {
                assertThat(decision.contentType()).startsWith("application/problem+json");
                assertThat(decision.<String>path("detail")).isNotBlank();
            }
        }
        List<String> types = StoredEvents.types(LeakwatchTestStack.database(), incident);
        assertThat(types.subList(0, 3)).containsExactly("StatementDrafted", "StatementApproved", "StatementPublished");
        assertThat(Collections.frequency(types, "StatementPublished")).isEqualTo(1);
        boolean withdrawn = types.contains("StatementWithdrawn");
        assertThat(types).hasSize(withdrawn ? 4 : 3);
        long withdrawalsAccepted = decisions.stream()
                .filter(d -> d.statusCode() == 200 && "WITHDRAWN".equals(d.path("status")))
                .count();
        assertThat(withdrawalsAccepted > 0).isEqualTo(withdrawn);
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> comms().get(statements + "/1")
                        .then()
                        .body("status", equalTo(withdrawn ? "WITHDRAWN" : "PUBLISHED")));
    }

    private static RequestSpecification comms() {
        return given().auth().oauth2(TestTokens.forRoles(Roles.COMMS));
    }
}
