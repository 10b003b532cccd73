package io.leakwatch.intake.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leakwatch.platform.security.Roles;
import io.leakwatch.testing.BadInput;
import io.leakwatch.testing.LeakwatchTestStack;
import io.leakwatch.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
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

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEN_MB = "x".repeat(10 * 1024 * 1024);
    private static final int MUTATIONS = 300;
    private static final AtomicInteger REFUSED = new AtomicInteger();
    private static final AtomicInteger FUZZED = new AtomicInteger();
    private static final AtomicInteger FUZZ_ACCEPTED = new AtomicInteger();

    /** A valid body per endpoint (path below the incident, or "" for the report) and the fields it must have. */
    private record Endpoint(String method, String path, String role, String body, List<String> required) {}

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint(
                    "POST", "", Roles.REPORTER, """
                    {"title":"Data of 279 million Indonesians offered","source":{"kind":"FORUM",
                     "url":"https://forum.example/t/1","actor":"Kotz"},"claimedRecordCount":279000000,
                     "dataCategories":["NIK"],"discoveredAt":"2021-05-20T09:00:00Z","jurisdictions":["ID"]}""", List.of("title", "source", "claimedRecordCount", "discoveredAt")),
            new Endpoint(
                    "POST",
                    "/triage",
                    Roles.ANALYST,
                    "{\"severity\":\"HIGH\",\"marking\":\"TLP:AMBER\",\"owner\":\"csirt\"}",
                    List.of("severity", "marking", "owner")),
            new Endpoint(
                    "POST",
                    "/awareness",
                    Roles.ANALYST,
                    "{\"awareAt\":\"2021-05-20T10:00:00Z\",\"jurisdictions\":[\"ID\"]}",
                    List.of("awareAt")),
            new Endpoint(
                    "POST",
                    "/sightings",
                    Roles.ANALYST,
                    "{\"source\":{\"kind\":\"FORUM\",\"url\":\"https://forum.example/t/2\"},"
                            + "\"seenAt\":\"2021-05-21T10:00:00Z\"}",
                    List.of("source", "seenAt")),
            new Endpoint(
                    "POST",
                    "/observables",
                    Roles.ANALYST,
                    "{\"kind\":\"OFFER_LINK\",\"value\":\"https://forum.example/t/1\"}",
                    List.of("kind", "value")),
            new Endpoint(
                    "POST",
                    "/notifications",
                    Roles.ANALYST,
                    "{\"jurisdiction\":\"ID\",\"recipient\":\"AUTHORITY\",\"notifiedAt\":\"2021-05-21T10:00:00Z\"}",
                    List.of("jurisdiction", "recipient", "notifiedAt")),
            new Endpoint("POST", "/closure", Roles.ANALYST, "{\"note\":\"handled\"}", List.of()),
            new Endpoint("POST", "/dismissal", Roles.ANALYST, "{\"reason\":\"a hoax\"}", List.of("reason")));

    private String incidentId;

    /** Made in the first test, not in a @BeforeAll: rest-assured knows the test port only once a test runs. */
    @BeforeEach
    void anIncident() {
        if (incidentId == null) {
            incidentId = SampleFiles.newIncident();
        }
    }

    @AfterAll
    static void report() {
        System.out.printf(
                "bad-input: %d inputs tried, all refused with 4xx problem+json; fuzz: %d mutations tried, %d accepted,"
                        + " %d refused with 4xx problem+json, none 5xx%n",
                REFUSED.get(), FUZZED.get(), FUZZ_ACCEPTED.get(), FUZZED.get() - FUZZ_ACCEPTED.get());
    }

    @Test
    void malformedJsonBodiesAreRefusedAndRecordNothing() throws Exception {
        long incidents = incidents();
        long events = eventsOf(incidentId);
        for (Endpoint endpoint : ENDPOINTS) {
            for (Map.Entry<String, String> bad : corpus(endpoint).entrySet()) {
                Response response = send(endpoint, "application/json", bad.getValue());
                BadInput.assertRefused(response, endpoint.method() + " " + endpoint.path() + " with " + bad.getKey());
                REFUSED.incrementAndGet();
            }
            for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded")) {
                BadInput.assertRefused(send(endpoint, type, endpoint.body()), endpoint.path() + " as " + type);
                REFUSED.incrementAndGet();
            }
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
        corpus.put("a 10 MB line", utf8("nik,full_name\n3171011205900001," + TEN_MB + "\n"));
        corpus.put("a zip bomb", zipBomb());
        for (Map.Entry<String, byte[]> bad : corpus.entrySet()) {
            BadInput.assertRefused(upload("text/csv", bad.getValue()), "a sample with " + bad.getKey());
            REFUSED.incrementAndGet();
        }
        for (String type : List.of("application/json", "application/zip", "text/csv; charset=UTF-16")) {
            BadInput.assertRefused(upload(type, utf8("nik\n3171011205900001\n")), "a sample as " + type);
            REFUSED.incrementAndGet();
        }
        assertThat(eventsOf(incidentId)).as("events of the incident").isEqualTo(events);
    }

    static IntStream seeds() {
        return IntStream.range(0, MUTATIONS);
    }

    /** Case i mutates the valid body of endpoint i mod 8 with {@code new Random(i)}. */
    @ParameterizedTest
    @MethodSource("seeds")
    void aMutatedBodyIsAcceptedOrRefusedWithAProblemNeverAFailure(int seed) throws Exception {
        Random random = new Random(seed);
        Endpoint endpoint = ENDPOINTS.get(seed % ENDPOINTS.size());
        String body = mutate(endpoint.body(), random);
        Response response = send(endpoint, "application/json", body);
        BadInput.assertHandled(response, "seed " + seed + ": " + endpoint.path() + " with " + abbreviate(body));
        FUZZED.incrementAndGet();
        if (response.statusCode() < 400) {
            FUZZ_ACCEPTED.incrementAndGet();
        }
    }

    /** Named malformed versions of an endpoint's valid body. */
    private static Map<String, String> corpus(Endpoint endpoint) throws IOException {
        Map<String, String> corpus = new LinkedHashMap<>();
        corpus.put("an empty body", "");
        corpus.put("null", "null");
        corpus.put("an array", "[]");
        corpus.put("a string", "\"hello\"");
        corpus.put("a number", "42");
        corpus.put(
                "a cut-off object", endpoint.body().substring(0, endpoint.body().length() / 2));
        corpus.put("a trailing comma", endpoint.body().replaceFirst("}\\s*$", ",}"));
        corpus.put("single quotes", endpoint.body().replace('"', '\''));
        corpus.put("two objects", endpoint.body() + endpoint.body());
        corpus.put("an extra field", with(endpoint.body(), "extra", JsonNodeFactory.instance.textNode("x")));
        ObjectNode valid = (ObjectNode) JSON.readTree(endpoint.body());
        for (String field : endpoint.required()) {
            ObjectNode missing = valid.deepCopy();
            missing.remove(field);
            corpus.put("no " + field, missing.toString());
            corpus.put(field + " null", with(endpoint.body(), field, JsonNodeFactory.instance.nullNode()));
        }
        for (Iterator<String> fields = valid.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            JsonNode value = valid.get(field);
            corpus.put(field + " an object", with(endpoint.body(), field, JSON.readTree("{\"a\":1}")));
            if (!value.isArray()) {
                corpus.put(field + " an array", with(endpoint.body(), field, JSON.readTree("[1,2]")));
            }
            if (value.isTextual() || value.isObject()) {
                corpus.put(field + " a number", with(endpoint.body(), field, JsonNodeFactory.instance.numberNode(7)));
                corpus.put(
                        field + " a boolean", with(endpoint.body(), field, JsonNodeFactory.instance.booleanNode(true)));
            }
            if (value.isNumber()) {
                corpus.put(field + " a word", with(endpoint.body(), field, JsonNodeFactory.instance.textNode("many")));
                corpus.put(field + " a fraction", with(endpoint.body(), field, JSON.readTree("1.5")));
                corpus.put(field + " negative", with(endpoint.body(), field, JSON.readTree("-1")));
                corpus.put(field + " huge", with(endpoint.body(), field, JSON.readTree("99999999999999999999999")));
                corpus.put(field + " 1e400", with(endpoint.body(), field, JSON.readTree("1e400")));
                corpus.put(
                        field + " above ten billion",
                        with(endpoint.body(), field, JsonNodeFactory.instance.numberNode(10_000_000_001L)));
            }
            if (field.endsWith("At")) {
                for (String date : List.of(
                        "2999-01-01T00:00:00Z",
                        "0001-01-01T00:00:00Z",
                        "1899-12-31T00:00:00Z",
                        "2021-13-45T00:00:00Z",
                        "yesterday",
                        "20 May 2021")) {
                    corpus.put(
                            field + " " + date, with(endpoint.body(), field, JsonNodeFactory.instance.textNode(date)));
                }
            } else if (value.isTextual()) {
                // One 10 MB string per endpoint: each costs seconds on a loaded machine, and one shows the limit holds.
                if (corpus.keySet().stream().noneMatch(name -> name.endsWith(" 10 MB"))) {
                    corpus.put(
                            field + " 10 MB", with(endpoint.body(), field, JsonNodeFactory.instance.textNode(TEN_MB)));
                }
                corpus.put(field + " blank", with(endpoint.body(), field, JsonNodeFactory.instance.textNode("   ")));
            }
        }
        return corpus;
    }

    private static String with(String body, String field, JsonNode value) throws IOException {
        ObjectNode node = (ObjectNode) JSON.readTree(body);
        node.set(field, value);
        return node.toString();
    }

    /** One to three random edits of the text or the tree of a valid body. */
    private static String mutate(String body, Random random) throws IOException {
        String text = body;
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits; i++) {
            text = switch (random.nextInt(6)) {
                case 0 -> {
                    int at = random.nextInt(Math.max(1, text.length()));
                    yield text.substring(0, at) + text.substring(Math.min(text.length(), at + 1));
                }
                case 1 -> {
                    int at = random.nextInt(text.length() + 1);
                    String noise = "{}[]\",:\\\u0000\u00e9\ud83d\ude00 0-e.x\n";
                    yield text.substring(0, at) + noise.charAt(random.nextInt(noise.length())) + text.substring(at);
                }
                case 2 -> {
                    int from = random.nextInt(Math.max(1, text.length()));
                    int to = Math.min(text.length(), from + random.nextInt(20));
                    yield text.substring(0, to) + text.substring(from, to) + text.substring(to);
                }
                default -> mutateTree(text, random);
            };
        }
        return text;
    }

    private static String mutateTree(String text, Random random) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException e) {
            return text; // already broken: leave it so
        }
        if (!(root instanceof ObjectNode object) || object.isEmpty()) {
            return text;
        }
        List<String> fields = new ArrayList<>();
        object.fieldNames().forEachRemaining(fields::add);
        String field = fields.get(random.nextInt(fields.size()));
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        switch (random.nextInt(4)) {
            case 0 -> object.remove(field);
            case 1 -> object.set("x" + random.nextInt(100), nodes.textNode("extra"));
            default -> {
                JsonNode[] values = {
                    nodes.nullNode(),
                    nodes.numberNode(random.nextLong()),
                    nodes.numberNode(-random.nextInt(1000)),
                    nodes.numberNode(random.nextDouble() * 1e300),
                    nodes.textNode(""),
                    nodes.textNode("a".repeat(random.nextInt(5000))),
                    nodes.textNode(randomDate(random)),
                    nodes.booleanNode(random.nextBoolean()),
                    nodes.arrayNode().add(random.nextInt()),
                    nodes.objectNode().put("k", "v"),
                };
                object.set(field, values[random.nextInt(values.length)]);
            }
        }
        return object.toString();
    }

    private static String randomDate(Random random) {
        int year = 1 + random.nextInt(9998);
        return String.format(
                "%04d-%02d-%02dT%02d:00:00Z", year, 1 + random.nextInt(14), random.nextInt(33), random.nextInt(26));
    }

    private Response send(Endpoint endpoint, String contentType, String body) {
        String path =
                endpoint.path().isEmpty() ? "/api/v1/incidents" : "/api/v1/incidents/" + incidentId + endpoint.path();
        RequestSpecification request = raw(endpoint.role()).contentType(contentType);
        // JSON as raw UTF-8 bytes (exactly what the mutation made); other types as text, which rest-assured can encode.
        request = contentType.equals("application/json")
                ? request.body(body.getBytes(StandardCharsets.UTF_8))
                : request.body(body);
        return request.request(endpoint.method(), path);
    }

    private Response upload(String contentType, byte[] body) {
        return raw(Roles.REPORTER)
                .contentType(contentType)
                .body(body)
                .post("/api/v1/incidents/" + incidentId + "/samples");
    }

    /** The bytes as given: rest-assured would otherwise add a charset to the content type. */
    private static RequestSpecification raw(String role) {
        return given().config(RestAssured.config()
                        .encoderConfig(EncoderConfig.encoderConfig()
                                .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .auth()
                .oauth2(TestTokens.forRoles(role));
    }

    /** A small zip whose one entry inflates to 100 MB of zeros, sent as if it were CSV. */
    private static byte[] zipBomb() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("registry.csv"));
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 100; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static long incidents() throws SQLException {
        return count("SELECT count(DISTINCT aggregateidentifier) FROM domainevententry WHERE type = 'Incident'");
    }

    private static long eventsOf(String incidentId) throws SQLException {
        return count("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = '" + incidentId + "'");
    }

    private static long count(String sql) throws SQLException {
        try (Connection connection = LeakwatchTestStack.database().connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String abbreviate(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }
}
