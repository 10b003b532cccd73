package io.leakwatch.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.leakwatch.testing.TestTokens;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import org.awaitility.Awaitility;

/** Following a registry import of a running matching-service, as an analyst does. */
final class RegistryImports {

    private RegistryImports() {}

    /** Waits until the import has completed (the new registry serves); answers its progress. */
    static JsonPath awaitCompleted(ServiceProcess matching, String importId, Duration atMost) {
        String analyst = TestTokens.forRoles("analyst");
        Awaitility.await()
                .atMost(atMost)
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> given().baseUri(matching.baseUrl())
                        .auth()
                        .oauth2(analyst)
                        .get("/api/v1/registry/imports/" + importId)
                        .then()
                        .statusCode(200)
                        .body("status", equalTo("COMPLETED")));
        return given().baseUri(matching.baseUrl())
                .auth()
                .oauth2(analyst)
                .get("/api/v1/registry/imports/" + importId)
                .then()
                .extract()
                .jsonPath();
    }
}
