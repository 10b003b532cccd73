package io.leakwatch.statement.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.leakwatch.platform.security.Roles;
import io.leakwatch.testing.LeakwatchTestStack;
import io.leakwatch.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The statement's life over HTTP: people decide, the public reads only what was published. */
@QuarkusTest
@WithTestResource(value = LeakwatchTestStack.class, scope = TestResourceScope.GLOBAL)
class StatementLifeTest {

    @Test
    void aDraftIsEditedApprovedPublishedAndWithdrawnAndOnlyThePublishedWordsArePublic() {
        String incident = Claims.file();
        String statements = "/api/v1/incidents/" + incident + "/statements";
        awaitVersion(incident, 1, "DRAFT");
        String textId = comms().get(statements + "/1").then().extract().path("text.id");
        String textEn = comms().get(statements + "/1").then().extract().path("text.en");

        // Not approved: not published. Drafts are not public.
        comms().post(statements + "/1/publication")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("not approved"));
        given().get("/statements/" + incident).then().statusCode(404);

        // An edit that drops the contact point is a new version that cannot be approved.
        String noContact = textEn.replaceAll("(?m)^Contact: .*$", "");
        comms().contentType(ContentType.JSON)
                .body(Map.of("basedOn", 1, "text", Map.of("id", textId, "en", noContact)))
                .post(statements)
                .then()
                .statusCode(201)
                .header("Location", containsString(statements + "/2"))
                .body("version", equalTo(2));
        awaitVersion(incident, 2, "DRAFT");
        comms().get(statements + "/2")
                .then()
                .body("author", equalTo("test-user"))
                .body("basedOn", equalTo(1))
                .body("missingElements", hasItem("CONTACT (en)"));
        comms().post(statements + "/2/approval")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("errors", equalTo(List.of("CONTACT (en)")));
        comms().get(statements + "/1/diff/2?lang=en")
                .then()
                .statusCode(200)
                .body("diff.en", hasItem(containsString("-Contact: ")))
                .body("diff.id", equalTo(null));

        // Put the contact back: approve, publish.
        comms().contentType(ContentType.JSON)
                .body(Map.of("basedOn", 2, "text", Map.of("id", textId, "en", textEn)))
                .post(statements)
                .then()
                .statusCode(201);
        comms().post(statements + "/3/approval").then().statusCode(200).body("status", equalTo("APPROVED"));
        comms().post(statements + "/3/publication").then().statusCode(200).body("status", equalTo("PUBLISHED"));
        awaitVersion(incident, 3, "PUBLISHED");

        // The public page, in both languages, with conditional requests.
        String etag = given().get("/statements/" + incident)
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("<html lang=\"id\">"))
                .body(containsString("Klaim tersebut menyebut 279 juta data"))
                .header("Last-Modified", not(equalTo(null)))
                .extract()
                .header("ETag");
        given().header("If-None-Match", etag)
                .get("/statements/" + incident)
                .then()
                .statusCode(304);
        given().get("/statements/" + incident + "?lang=en")
                .then()
                .statusCode(200)
                .body(containsString("The claim speaks of 279 million records"));
        given().get("/statements").then().statusCode(200).body(containsString("/statements/" + incident));
        given().get("/api/v1/public/statements")
                .then()
                .statusCode(200)
                .header("ETag", not(equalTo(null)))
                .body("find { it.incidentId == '" + incident + "' }.version", equalTo(3));

        // Withdrawn: gone from public view.
        comms().contentType(ContentType.JSON)
                .body(Map.of("reason", "The figure in point 1 was wrong"))
                .post(statements + "/3/withdrawal")
                .then()
                .statusCode(200)
                .body("status", equalTo("WITHDRAWN"));
        awaitVersion(incident, 3, "WITHDRAWN");
        given().get("/statements/" + incident).then().statusCode(404);
    }

    @Test
    void decisionsNeedTheCommsRoleAndReadsAToken() {
        String statements = "/api/v1/incidents/any/statements";
        given().get(statements).then().statusCode(401).contentType("application/problem+json");
        given().auth()
                .oauth2(TestTokens.forRoles(Roles.ANALYST))
                .post(statements + "/1/approval")
                .then()
                .statusCode(403);
        comms().post(statements + "/1/approval").then().statusCode(404).contentType("application/problem+json");
        comms().get(statements + "/1?lang=fr").then().statusCode(400);
    }

    private void awaitVersion(String incident, int version, String status) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> comms().get("/api/v1/incidents/" + incident + "/statements")
                        .then()
                        .statusCode(200)
                        .body("find { it.version == " + version + " }.status", equalTo(status)));
    }

    private static RequestSpecification comms() {
        return given().auth().oauth2(TestTokens.forRoles(Roles.COMMS));
    }
}
