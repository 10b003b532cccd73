package io.leakwatch.matching.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.leakwatch.platform.security.Roles;
import io.leakwatch.testing.BadInput;
import io.leakwatch.testing.LeakwatchTestStack;
import io.leakwatch.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code PUT /api/v1/data-shares/{id}} replaces a share; what it refuses leaves the share as it was. */
@QuarkusTest
@WithTestResource(value = LeakwatchTestStack.class, scope = TestResourceScope.GLOBAL)
class DataShareResourceTest {

    /** Names are unique in the database the test classes share. */
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aPutReplacesTheShareAndKeepsItsIdAndCreationTime() {
        JsonPath created = create(share("warehouse-" + suffix, "canary-w-" + suffix));

        JsonPath updated = analyst()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "name",
                        "  warehouse-v2-" + suffix + " ",
                        "description",
                        "nightly export, since 2019",
                        "recipient",
                        "BI team",
                        "columns",
                        List.of("nik", " nama ", "tgl_lahir"),
                        "canarySet",
                        "canary-w2-" + suffix))
                .put("/api/v1/data-shares/" + created.getString("id"))
                .then()
                .statusCode(200)
                .body("id", equalTo(created.getString("id")))
                .body("name", equalTo("warehouse-v2-" + suffix))
                .body("description", equalTo("nightly export, since 2019"))
                .body("recipient", equalTo("BI team"))
                .body("columns", contains("nik", "nama", "tgl_lahir"))
                .body("canarySet", equalTo("canary-w2-" + suffix))
                .extract()
                .jsonPath();
        // PostgreSQL keeps microseconds; the answer to the POST had the clock's nanoseconds.
        assertThat(micros(updated.getString("createdAt"))).isEqualTo(micros(created.getString("createdAt")));
        assertThat(micros(updated.getString("updatedAt"))).isAfterOrEqualTo(micros(created.getString("updatedAt")));
        analyst()
                .get("/api/v1/data-shares/" + created.getString("id"))
                .then()
                .statusCode(200)
                .body("name", equalTo("warehouse-v2-" + suffix))
                .body("columns", contains("nik", "nama", "tgl_lahir"));

        // A blank canary set takes the share out of canary matching.
        Map<String, Object> withoutCanary = share("warehouse-v2-" + suffix, " ");
        analyst()
                .contentType(ContentType.JSON)
                .body(withoutCanary)
                .put("/api/v1/data-shares/" + created.getString("id"))
                .then()
                .statusCode(200)
                .body("canarySet", nullValue());
    }

    @Test
    void aPutToAShareThatDoesNotExistIsNotFound() {
        for (String id : List.of(UUID.randomUUID().toString(), "not-a-uuid")) {
            var response = analyst()
                    .contentType(ContentType.JSON)
                    .body(share("ghost-" + suffix, null))
                    .put("/api/v1/data-shares/" + id);
            BadInput.assertRefused(response, "a PUT to share " + id);
            assertThat(response.statusCode()).as("a PUT to share " + id).isEqualTo(404);
        }
        analyst()
                .get("/api/v1/data-shares")
                .then()
                .statusCode(200)
                .body("findAll { it.name == 'ghost-" + suffix + "' }", org.hamcrest.Matchers.empty());
    }

    @Test
    void anInvalidOrConflictingPutIsRefusedAndChangesNothing() {
        String id = create(share("partner-" + suffix, "canary-p-" + suffix)).getString("id");
        create(share("other-" + suffix, "canary-o-" + suffix));
        String before =
                analyst().get("/api/v1/data-shares/" + id).then().extract().asString();

        Map<String, Map<String, Object>> invalid = new LinkedHashMap<>();
        invalid.put("a blank name", with("name", " "));
        invalid.put("no name", with("name", null));
        invalid.put("no recipient", with("recipient", null));
        invalid.put("no columns", with("columns", List.of()));
        invalid.put("a blank column", with("columns", List.of("nik", " ")));
        invalid.put("a name of 201 characters", with("name", "n".repeat(201)));
        invalid.put("a canary set of 101 characters", with("canarySet", "c".repeat(101)));
        for (Map.Entry<String, Map<String, Object>> bad : invalid.entrySet()) {
            var response =
                    analyst().contentType(ContentType.JSON).body(bad.getValue()).put("/api/v1/data-shares/" + id);
            BadInput.assertRefused(response, "a PUT with " + bad.getKey());
            assertThat(response.statusCode()).as(bad.getKey()).isEqualTo(400);
        }
        BadInput.assertRefused(
                analyst().contentType(ContentType.JSON).body("{\"name\":").put("/api/v1/data-shares/" + id),
                "a PUT of broken JSON");
        BadInput.assertRefused(
                analyst().contentType(ContentType.TEXT).body("name=x").put("/api/v1/data-shares/" + id),
                "a PUT of text");

        for (Map<String, Object> taken : List.of(
                share("other-" + suffix, "canary-new-" + suffix), share("new-" + suffix, "canary-o-" + suffix))) {
            analyst()
                    .contentType(ContentType.JSON)
                    .body(taken)
                    .put("/api/v1/data-shares/" + id)
                    .then()
                    .statusCode(409)
                    .contentType("application/problem+json");
        }
        given().auth()
                .oauth2(TestTokens.forRoles(Roles.AUDITOR))
                .contentType(ContentType.JSON)
                .body(share("auditor-" + suffix, null))
                .put("/api/v1/data-shares/" + id)
                .then()
                .statusCode(403);

        assertThat(analyst().get("/api/v1/data-shares/" + id).then().extract().asString())
                .as("the share after refused PUTs")
                .isEqualTo(before);
    }

    private static Instant micros(String instant) {
        return Instant.parse(instant).truncatedTo(ChronoUnit.MICROS);
    }

    private Map<String, Object> with(String field, Object value) {
        Map<String, Object> body = new HashMap<>(share("partner-" + suffix, "canary-p-" + suffix));
        body.put(field, value);
        return body;
    }

    private static Map<String, Object> share(String name, String canarySet) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("description", "test share");
        body.put("recipient", "partner");
        body.put("columns", List.of("NIK", "NAMA"));
        body.put("canarySet", canarySet);
        return body;
    }

    private static JsonPath create(Map<String, Object> share) {
        return analyst()
                .contentType(ContentType.JSON)
                .body(share)
                .post("/api/v1/data-shares")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }

    private static RequestSpecification analyst() {
        return given().auth().oauth2(TestTokens.forRoles(Roles.ANALYST));
    }
}
