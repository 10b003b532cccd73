package io.leakwatch.intake.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.platform.security.Roles;
import io.leakwatch.testing.BadBodies;
import io.leakwatch.testing.BadInput;
import io.leakwatch.testing.BadInputTally;
import io.leakwatch.testing.JsonEndpoint;
import io.leakwatch.testing.LeakwatchTestStack;
import io.leakwatch.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input is refused: a corpus of malformed bodies for every JSON endpoint and for the sample upload, each answered
 * with a 4xx problem naming what is wrong, no 5xx, no stack trace, and nothing recorded; then seeded random mutations
 * of valid bodies (docs/decisions.md, "Property tests without jqwik"), each answered with a 2xx or a 4xx problem.
 */
@QuarkusTest
@WithTestResource(value = LeakwatchTestStack.class, scope = TestResourceScope.GLOBAL)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {

    private static final int MUTATIONS = 300;
    private static final BadInputTally TALLY = new BadInputTally("intake");

    /** A valid body per endpoint (path below the incident, or "" for the report) and the fields it must have. */
    private static final List<JsonEndpoint> ENDPOINTS = List.of(
            new JsonEndpoint(
                    "POST", "", Roles.REPORTER, """
                    {"title":"Data of 279 million Indonesians offered","source":{"kind":"FORUM",
                     "url":"https://forum.example/t/1","actor":"Kotz"},"claimedRecordCount":279000000,
                     "dataCategories":["NIK"],"discoveredAt":"2021-05-20T09:00:00Z","jurisdictions":["ID"]}""", List.of("title", "source", "claimedRecordCount", "discoveredAt")),
            new JsonEndpoint(
                    "POST",
                    "/triage",
                    Roles.ANALYST,
                    "{\"severity\":\"HIGH\",\"marking\":\"TLP:AMBER\",\"owner\":\"csirt\"}",
                    List.of("severity", "marking", "owner")),
            new JsonEndpoint(
                    "POST",
                    "/awareness",
                    Roles.ANALYST,
                    "{\"awareAt\":\"2021-05-20T10:00:00Z\",\"jurisdictions\":[\"ID\"]}",
                    List.of("awareAt")),
            new JsonEndpoint(
                    "POST",
                    "/sightings",
                    Roles.ANALYST,
                    "{\"source\":{\"kind\":\"FORUM\",\"url\":\"https://forum.example/t/2\"},"
                            + "\"seenAt\":\"2021-05-21T10:00:00Z\"}",
                    List.of("source", "seenAt")),
            new JsonEndpoint(
                    "POST",
                    "/observables",
                    Roles.ANALYST,
                    "{\"kind\":\"OFFER_LINK\",\"value\":\"https://forum.example/t/1\"}",
                    List.of("kind", "value")),
            new JsonEndpoint(
                    "POST",
                    "/notifications",
                    Roles.ANALYST,
                    "{\"jurisdiction\":\"ID\",\"recipient\":\"AUTHORITY\",\"notifiedAt\":\"2021-05-21T10:00:00Z\"}",
                    List.of("jurisdiction", "recipient", "notifiedAt")),
            new JsonEndpoint("POST", "/closure", Roles.ANALYST, "{\"note\":\"handled\"}", List.of()),
            new JsonEndpoint("POST", "/dismissal", Roles.ANALYST, "{\"reason\":\"a hoax\"}", List.of("reason")));

    private String incidentId;

    @TestHTTPResource("/api/v1/incidents")
    URI incidentsUri;

    /** Made in the first test, not in a @BeforeAll: rest-assured knows the test port only once a test runs. */
    @BeforeEach
    void anIncident() {
        if (incidentId == null) {
            incidentId = SampleFiles.newIncident();
        }
    }

    @AfterAll
    static void report() {
        TALLY.print();
    }

    @Test
    void malformedJsonBodiesAreRefusedAndRecordNothing() throws Exception {
        long incidents = incidents();
        long events = eventsOf(incidentId);
        for (JsonEndpoint endpoint : ENDPOINTS) {
            TALLY.refused(concrete(endpoint).assertCorpusRefused());
        }
        assertThat(incidents()).as("incidents recorded").isEqualTo(incidents);
        assertThat(eventsOf(incidentId)).as("events of the incident").isEqualTo(events);
    }

    @Test
    void malformedSamplesAreRefusedAndRecordNothing() throws Exception {
        long events = eventsOf(incidentId);
        Map<String, byte[]> corpus = new LinkedHashMap<>();
        corpus.put("an empty file", new byte[0]);
        corpus.put("no header", utf8("3171011205900001,Siti Nurhaliza\n3273021506850003,Budi\n"));
        corpus.put("a byte-order mark and nothing else", utf8("\uFEFF"));
        corpus.put("a header without a NIK column", utf8("name,phone\r\nSiti,0812\r\n"));
        corpus.put("an unclosed quote over a line break", utf8("nik,full_name\n3171011205900001,\"Siti\nNur\n"));
        corpus.put("binary bytes", new byte[] {'n', 'i', 'k', '\n', 0, 1, 2, 3, (byte) 0xFF, (byte) 0xFE, 0, 0});
        corpus.put(
                "invalid UTF-8",
                new byte[] {'n', 'i', 'k', '\n', '3', '1', (byte) 0xC3, (byte) 0x28, (byte) 0xA0, (byte) 0xA1, '\n'});
        corpus.put("a 10 MB line", utf8("nik,full_name\n3171011205900001," + BadBodies.TEN_MB + "\n"));
        corpus.put("a zip bomb", BadBodies.zipBomb());
        for (Map.Entry<String, byte[]> bad : corpus.entrySet()) {
            BadInput.assertRefused(upload("text/csv", bad.getValue()), "a sample with " + bad.getKey());
            TALLY.refused(1);
        }
        for (String type : List.of("application/json", "application/zip", "text/csv; charset=UTF-16")) {
            BadInput.assertRefused(upload(type, utf8("nik\n3171011205900001\n")), "a sample as " + type);
            TALLY.refused(1);
        }
        assertThat(eventsOf(incidentId)).as("events of the incident").isEqualTo(events);
    }

    /**
     * Sent chunked (no Content-Length, so nothing can refuse it up front): a report whose title grows past
     * {@code leakwatch.http.json-body-limit} is cut off while it is read, and still answered with a problem.
     */
    @Test
    void aChunkedJsonBodyPastTheLimitIsRefusedWithAProblem() throws Exception {
        long incidents = incidents();
        String report = ENDPOINTS.get(0).body().replace("Data of 279", BadBodies.TEN_MB.substring(0, 2 << 20));
        InputStream unannounced = new BufferedInputStream(new ByteArrayInputStream(utf8(report)));
        Response response = BadBodies.raw(TestTokens.forRoles(Roles.REPORTER))
                .contentType("application/json")
                .body(unannounced)
                .post("/api/v1/incidents");
        assertThat(response.statusCode()).isEqualTo(413);
        BadInput.assertRefused(response, "a chunked 2 MB report");
        assertThat(incidents()).as("incidents recorded").isEqualTo(incidents);
    }

    /**
     * Over HTTP/2 a JSON body is not read ahead (see {@code JsonBodies}), so it must announce a length within the JSON
     * limit: without one it would be read on the worker up to Quarkus's body limit, 1 GB here.
     */
    @Test
    void overHttp2AJsonBodyMustAnnounceALengthWithinTheLimit() throws Exception {
        long incidents = incidents();
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        // Note: a request without a body first, on which Java's client upgrades the connection to HTTP/2.
        client.send(HttpRequest.newBuilder(incidentsUri).GET().build(), HttpResponse.BodyHandlers.discarding());
        HttpRequest.Builder report = HttpRequest.newBuilder(incidentsUri)
                .header("Authorization", "Bearer " + TestTokens.forRoles(Roles.REPORTER))
                .header("Content-Type", "application/json");
        String valid = ENDPOINTS.get(0).body();

        HttpResponse<String> unannounced = client.send(
                report.POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofString(valid)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> tooLarge = client.send(
                report.POST(HttpRequest.BodyPublishers.ofString(
                                valid.replace("Data of 279", BadBodies.TEN_MB.substring(0, 2 << 20))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(unannounced.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(unannounced.statusCode()).as(unannounced.body()).isEqualTo(411);
        assertThat(unannounced.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(unannounced.body()).contains("Content-Length");
        assertThat(tooLarge.statusCode()).as(tooLarge.body()).isEqualTo(413);
        assertThat(tooLarge.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(incidents()).as("incidents recorded").isEqualTo(incidents);
    }

    static IntStream seeds() {
        return IntStream.range(0, MUTATIONS);
    }

    /** Case i mutates the valid body of endpoint i mod 8 with {@code new Random(i)}. */
    @ParameterizedTest
    @MethodSource("seeds")
    void aMutatedBodyIsAcceptedOrRefusedWithAProblemNeverAFailure(int seed) throws Exception {
        Response response = concrete(ENDPOINTS.get(seed % ENDPOINTS.size())).assertMutationHandled(seed);
        TALLY.fuzzed(response);
    }

    private JsonEndpoint concrete(JsonEndpoint endpoint) {
        return endpoint.at(
                endpoint.path().isEmpty() ? "/api/v1/incidents" : "/api/v1/incidents/" + incidentId + endpoint.path());
    }

    private Response upload(String contentType, byte[] body) {
        return BadBodies.raw(TestTokens.forRoles(Roles.REPORTER))
                .contentType(contentType)
                .body(body)
                .post("/api/v1/incidents/" + incidentId + "/samples");
    }

    private static long incidents() throws SQLException {
        return LeakwatchTestStack.database()
                .count("SELECT count(DISTINCT aggregateidentifier) FROM domainevententry WHERE type = 'Incident'");
    }

    private static long eventsOf(String incidentId) throws SQLException {
        return LeakwatchTestStack.database()
                .count("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = '" + incidentId + "'");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
