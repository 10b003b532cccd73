package io.leakwatch.e2e;

import static io.restassured.RestAssured.given;

import io.leakwatch.testing.TestTokens;
import io.restassured.http.ContentType;
import java.util.UUID;

/** Filing incidents at a running intake-service, as a reporter does. */
final class Incidents {

    /** The 2021 claim: 279 million Indonesians, said to be BPJS Kesehatan's participants. */
    private static final String CLAIM_2021 = """
            {"title":"Data of 279 million Indonesians offered on a forum",
             "source":{"kind":"FORUM","url":"https://forum.example/Thread-%s","actor":"Kotz"},
             "claimedRecordCount":279000000,
             "dataCategories":["NIK","NAME","PHONE","ADDRESS","SALARY"],
             "discoveredAt":"2021-05-20T09:00:00Z",
             "jurisdictions":["ID"]}
            """;

    private Incidents() {}

    /** Files the 2021 claim (from a thread of its own each time); answers the new incident's id. */
    static String fileThe2021Claim(ServiceProcess intake) {
        return given().baseUri(intake.baseUrl())
                .auth()
                .oauth2(TestTokens.forRoles("reporter"))
                .contentType(ContentType.JSON)
                .body(CLAIM_2021.formatted(UUID.randomUUID()))
                .post("/api/v1/incidents")
                .then()
                .statusCode(201)
                .extract()
                .path("incidentId");
    }
}
