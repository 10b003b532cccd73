package io.leakwatch.intake.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import io.leakwatch.contracts.CloudEvent;
import io.leakwatch.contracts.IntegrationEvent;
import io.leakwatch.contracts.Topics;
import io.leakwatch.contracts.incident.IncidentReported;
import io.leakwatch.intake.domain.AddObservable;
import io.leakwatch.intake.domain.ChangeTakedownState;
import io.leakwatch.intake.domain.RecordAwareness;
import io.leakwatch.intake.domain.StartVerification;
import io.leakwatch.intake.domain.TriageIncident;
import io.leakwatch.platform.messaging.CloudEventCodec;
import io.leakwatch.platform.security.CachingJwtParser;
import io.leakwatch.platform.security.Roles;
import io.leakwatch.testing.LeakwatchTestStack;
import io.leakwatch.testing.TestTokens;
import io.leakwatch.testing.TopicReader;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.auth.principal.JWTParser;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = LeakwatchTestStack.class, scope = TestResourceScope.GLOBAL)
class IncidentResourceTest {

    @Inject
    JWTParser tokenParser;

    @Inject
    CommandGateway commands;

    @TestHTTPResource("/api/v1/incidents")
    URI incidents;

    /** The 2021 claim, on a thread of its own each time: the same link again would be a sighting, not an incident. */
    static String claim2021() {
        return claim2021("https://forum.example/Thread-279-million-" + UUID.randomUUID());
    }

    static String claim2021(String url) {
        return """
                {"title":"Data of 279 million Indonesians offered on a forum",
                 "source":{"kind":"FORUM","url":"%s","actor":"Kotz"},
                 "claimedRecordCount":279000000,
                 "dataCategories":["NIK","NAME","PHONE"],
                 "discoveredAt":"2021-05-20T09:00:00Z",
                 "jurisdictions":["ID"]}
                """.formatted(url);
    }

    @Test
    void reportingAClaimAnswersWithTheIncidentAndItsLocation() {
        String created = asReporter()
                .contentType(ContentType.JSON)
                .body(claim2021())
                .post("/api/v1/incidents")
                .then()
                .statusCode(201)
                .header("Location", matchesPattern("http://[^/]+/api/v1/incidents/[0-9a-f-]{36}"))
                .header("ETag", "\"0\"")
                .body("status", equalTo("REPORTED"))
                .body("claimedRecordCount", equalTo(279000000))
                .body("incidentId", notNullValue())
                .extract()
                .asString();
        String incidentId = JsonPath.from(created).getString("incidentId");

        // The 201 is built from the report's first event only; it must say what a full read of the stream says.
        String read = asReporter()
                .get("/api/v1/incidents/" + incidentId)
                .then()
                .statusCode(200)
                .body("title", equalTo("Data of 279 million Indonesians offered on a forum"))
                .body("source.kind", equalTo("FORUM"))
                .extract()
                .asString();
        assertThat(read).isEqualTo(created);
    }

    /**
     * Over HTTP/2 (cleartext, upgraded from HTTP/1.1 as {@link HttpClient} does it), a JSON body must not be read
     * ahead of RESTEasy Reactive: Vert.x refuses to pause an HTTP/2 request that has ended, and every report was a 500.
     */
    @Test
    void aClientSpeakingHttp2CanReportAClaim() throws Exception {
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpRequest report = HttpRequest.newBuilder(incidents)
                .header("Authorization", "Bearer " + TestTokens.forRoles(Roles.REPORTER))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(claim2021()))
                .build();

        HttpResponse<String> first = client.send(report, HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> second = client.send(
                HttpRequest.newBuilder(report, (name, value) -> true)
                        .POST(HttpRequest.BodyPublishers.ofString(claim2021()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
        assertThat(second.version()).as("the upgraded connection").isEqualTo(HttpClient.Version.HTTP_2);
    }

    @Test
    void theReportReachesTheIncidentTopicFromTheEventStore() {
        String incidentId = asReporter()
                .contentType(ContentType.JSON)
                .body(claim2021())
                .post("/api/v1/incidents")
                .then()
                .statusCode(201)
                .extract()
                .path("incidentId");

        CloudEventCodec codec = new CloudEventCodec();
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<CloudEvent<IntegrationEvent>> published =
                    TopicReader.readAll(LeakwatchTestStack.broker().bootstrapServers(), Topics.INCIDENT_EVENTS).stream()
                            .filter(record -> incidentId.equals(record.key()))
                            .map(record -> codec.decode(record.value()))
                            .flatMap(Optional::stream)
                            .toList();
            assertThat(published).hasSize(1);
            assertThat(published.get(0).type()).isEqualTo("io.leakwatch.incident.IncidentReported");
            assertThat(published.get(0).subject()).isEqualTo(incidentId);
            assertThat(published.get(0).source()).isEqualTo("/leakwatch/intake-service");
            assertThat(((IncidentReported) published.get(0).data()).claimedRecordCount())
                    .isEqualTo(279_000_000L);
        });
    }

    @Test
    void theIncidentShowsEveryFactRecordedSinceTheReport() {
        String incidentId = asReporter()
                .contentType(ContentType.JSON)
                .body(claim2021())
                .post("/api/v1/incidents")
                .then()
                .statusCode(201)
                .extract()
                .path("incidentId");
        // Now, not 2021: an awareness three days old would have its notification clocks fire during the test.
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

        commands.sendAndWait(new TriageIncident(incidentId, "HIGH", "TLP:AMBER", "analyst-1", now));
        commands.sendAndWait(new RecordAwareness(incidentId, now, List.of()));
        commands.sendAndWait(new StartVerification(incidentId, "sample-1", now));
        commands.sendAndWait(
                new AddObservable(incidentId, "obs-1", "OFFER_LINK", "https://forum.example/Thread-279-million", now));
        commands.sendAndWait(new ChangeTakedownState(incidentId, "obs-1", "REQUESTED", now));

        asReporter()
                .get("/api/v1/incidents/" + incidentId)
                .then()
                .statusCode(200)
                .body("status", equalTo("UNDER_VERIFICATION"))
                .body("triage.marking", equalTo("TLP:AMBER"))
                .body("awareness.jurisdictions", contains("ID"))
                .body("samples[0].sampleId", equalTo("sample-1"))
                .body("observables[0].takedownState", equalTo("REQUESTED"))
                .body("version", equalTo(5));
    }

    @Test
    void aReportWithoutTitleIsAProblem() {
        asReporter()
                .contentType(ContentType.JSON)
                .body(claim2021().replace("\"title\":\"Data of 279 million Indonesians offered on a forum\",", ""))
                .post("/api/v1/incidents")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("title"));
    }

    /** RESTEasy Reactive answers a body cut short with a bare "HTTP 400 Bad Request"; the problem says what it is. */
    @Test
    void brokenJsonIsAProblem() {
        asReporter()
                .contentType(ContentType.JSON)
                .body("{\"title\":")
                .post("/api/v1/incidents")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("not valid JSON"));
    }

    @Test
    void anUnknownSourceKindIsAProblem() {
        asReporter()
                .contentType(ContentType.JSON)
                .body(claim2021().replace("\"FORUM\"", "\"PIGEON\""))
                .post("/api/v1/incidents")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void anUnknownIncidentIsNotFound() {
        asReporter()
                .get("/api/v1/incidents/no-such-incident")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void withoutATokenNothingIsFiled() {
        given().contentType(ContentType.JSON)
                .body(claim2021())
                .post("/api/v1/incidents")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void onlyAReporterFilesAClaim() {
        for (String token : new String[] {
            TestTokens.forRoles(Roles.AUDITOR), TestTokens.forRoles(Roles.COMMS), TestTokens.forRoles(Roles.ANALYST)
        }) {
            given().auth()
                    .oauth2(token)
                    .contentType(ContentType.JSON)
                    .body(claim2021())
                    .post("/api/v1/incidents")
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void anExpiredOrForeignTokenIsRefused() {
        for (String token :
                new String[] {TestTokens.expired(Roles.REPORTER), TestTokens.signedByAStranger(Roles.REPORTER)}) {
            given().auth()
                    .oauth2(token)
                    .contentType(ContentType.JSON)
                    .body(claim2021())
                    .post("/api/v1/incidents")
                    .then()
                    .statusCode(401)
                    .contentType("application/problem+json");
        }
    }

    /** Quarkus checks bearer tokens with the JWTParser bean: the one that verifies a token once, until it expires. */
    @Test
    void bearerTokensAreCheckedByTheCachingParser() {
        assertThat(tokenParser).isInstanceOf(CachingJwtParser.class);
    }

    private static RequestSpecification asReporter() {
        return given().auth().oauth2(TestTokens.forRoles(Roles.REPORTER));
    }

    @Test
    void openApiDescribesEveryEndpoint() {
        given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/incidents"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/incidents/{incidentId}/triage"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/incidents/{incidentId}/events"));
    }

    @Test
    void aReportMayCarryTheAskingPriceAndAMarking() {
        String created = asReporter()
                .contentType(ContentType.JSON)
                .body(claim2021()
                        .replace(
                                "\"jurisdictions\"",
                                "\"price\":{\"amount\":0.15,\"currency\":\"btc\"},"
                                        + "\"marking\":\"tlp:amber\",\"jurisdictions\""))
                .post("/api/v1/incidents")
                .then()
                .statusCode(201)
                .body("askingPrice.amount", equalTo("0.15"))
                .body("askingPrice.currency", equalTo("BTC"))
                .body("marking", equalTo("TLP:AMBER"))
                .extract()
                .asString();
        String incidentId = JsonPath.from(created).getString("incidentId");
        // The 201 shows the event the command applied, normalised as the aggregate normalises it.
        assertThat(asReporter().get("/api/v1/incidents/" + incidentId).asString())
                .isEqualTo(created);

        asReporter()
                .contentType(ContentType.JSON)
                .body(claim2021().replace("\"jurisdictions\"", "\"marking\":\"TOP SECRET\",\"jurisdictions\""))
                .post("/api/v1/incidents")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("marking"));
        assertThat(incidentId).isNotBlank();
    }
}
