package io.leakwatch.intake;

import static io.restassured.RestAssured.given;

import io.leakwatch.contracts.CloudEvent;
import io.leakwatch.contracts.verification.VerificationCompleted;
import io.leakwatch.contracts.verification.VerificationResult;
import io.leakwatch.platform.messaging.CloudEventCodec;
import io.leakwatch.platform.security.Roles;
import io.leakwatch.testing.TestTokens;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Incidents and verdicts for tests that need one and do not care about its details. */
public final class TestIncidents {

    private TestIncidents() {}

    /** Reports the 2021 claim (on a forum thread of its own) over HTTP as a reporter; the new incident's id. */
    public static String report() {
        return given().auth()
                .oauth2(TestTokens.forRoles(Roles.REPORTER))
                .contentType(ContentType.JSON)
                .body("""
                        {"title":"Data of 279 million Indonesians offered on a forum",
                         "source":{"kind":"FORUM","url":"https://forum.example/Thread-%s","actor":"Kotz"},
                         "claimedRecordCount":279000000, "dataCategories":["NIK"],
                         "discoveredAt":"2021-05-20T09:00:00Z", "jurisdictions":["ID"]}
                        """.formatted(UUID.randomUUID()))
                .post("/api/v1/incidents")
                .then()
                .statusCode(201)
                .extract()
                .path("incidentId");
    }

    /** A {@code VerificationCompleted} record with a CONFIRMED verdict for {@code sampleId}, as matching publishes it. */
    public static String confirmed(String incidentId, String sampleId) {
        VerificationResult result = new VerificationResult(
                40,
                0,
                0,
                38,
                2,
                36,
                null,
                null,
                3,
                List.of(),
                List.of(),
                0.95,
                0.83,
                0.99,
                0.95,
                0.82,
                0.99,
                null,
                "CONFIRMED",
                279_000_000L,
                0,
                true);
        return new CloudEventCodec()
                .encode(CloudEvent.wrap(
                        UUID.randomUUID().toString(),
                        "/leakwatch/matching-service",
                        Instant.now(),
                        new VerificationCompleted(incidentId, sampleId, result, Instant.now())));
    }
}
