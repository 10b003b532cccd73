package io.leakwatch.matching;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.leakwatch.contracts.Topics;
import io.leakwatch.contracts.sample.SampleChunk;
import io.leakwatch.contracts.verification.VerificationResult;
import io.leakwatch.matching.synthetic.GeneratorMain;
import io.leakwatch.matching.synthetic.GroundTruth;
import io.leakwatch.matching.synthetic.SyntheticPipeline;
import io.leakwatch.matching.synthetic.SyntheticRegistry;
import io.leakwatch.matching.synthetic.SyntheticSample;
import io.leakwatch.platform.axon.AxonJson;
import io.leakwatch.platform.privacy.NameBloomEncoder;
import io.leakwatch.platform.security.Roles;
import io.leakwatch.testing.LeakwatchTestStack;
import io.leakwatch.testing.TestTokens;
import io.leakwatch.testing.TopicReader;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The whole path through the running service: shares and a generated registry over REST, chunks and the submission
 * over Kafka (one chunk twice), the result over REST, compared field by field with the generator's ground truth; then
 * no plaintext NIK, name or phone anywhere in the database or on a topic.
 */
@QuarkusTest
@WithTestResource(value = LeakwatchTestStack.class, scope = TestResourceScope.GLOBAL)
class VerificationFlowTest {

    private final ObjectMapper json = AxonJson.mapper();

    @Test
    void aGeneratedSampleIsVerifiedExactlyAndNoPlaintextIsKept() throws Exception {
        String analyst = TestTokens.forRoles(Roles.ANALYST);
        for (GroundTruth.Share share : GeneratorMain.SHARES) {
            given().auth()
                    .oauth2(analyst)
                    .contentType(ContentType.JSON)
                    .body(Map.of(
                            "name",
                            share.name(),
                            "recipient",
                            "partner",
                            "columns",
                            share.columns(),
                            "canarySet",
                            share.canarySet()))
                    .post("/api/v1/data-shares")
                    .then()
                    .statusCode(201);
        }
        given().auth()
                .oauth2(analyst)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "", "recipient", "x", "columns", List.of()))
                .post("/api/v1/data-shares")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");

        SyntheticRegistry registry =
                SyntheticRegistry.generate(11, 200, List.of("canary-partner", "canary-warehouse"), 3);
        String export = registry.toCsv() + "3171010101900000,,Broken Serial,,,,,ACTIVE,,,,\n";
        long exportLines = export.lines().count();
        String importId = MatchingDriver.startImport(export);
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().auth()
                        .oauth2(analyst)
                        .get("/api/v1/registry/imports/" + importId)
                        .then()
                        .statusCode(200)
                        .body("status", equalTo("COMPLETED"))
                        .body("rowsRead", equalTo((int) exportLines - 1))
                        .body("rowsRejected", equalTo(1))
                        .body("rejections", hasSize(1))
                        .body("rejections[0].line", equalTo((int) exportLines))
                        .body("rejections[0].reason", equalTo("nik is invalid: SERIAL")));
        long members = registry.members().stream()
                .filter(m -> !m.canary() && !m.latest().status().equals("DECEASED"))
                .count();
        given().auth()
                .oauth2(analyst)
                .get("/api/v1/registry/stats")
                .then()
                .statusCode(200)
                .body("registryMembers", equalTo((int) members))
                .body("canarySets", equalTo(2));
        given().auth()
                .oauth2(analyst)
                .contentType("text/csv")
                .body("name,phone\nx,y\n")
                .post("/api/v1/registry/imports")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");

        String incidentId = UUID.randomUUID().toString();
        String sampleId = UUID.randomUUID().toString();
        SyntheticSample sample = SyntheticSample.generate(
                5,
                registry,
                LocalDate.parse("2021-05-01"),
                new SyntheticSample.Composition(30, 3, 3, 4, 2, 3, 1, "canary-partner", true));
        VerificationResult truth = GroundTruth.expected(
                registry,
                sample,
                GeneratorMain.SHARES,
                279_000_000L,
                new NameBloomEncoder(SyntheticPipeline.TOKENISER));
        SyntheticPipeline.Tokenised tokenised = SyntheticPipeline.tokenise(sample, incidentId, sampleId, 3, 5);

        MatchingDriver.reportIncident(incidentId, 279_000_000L);
        for (SampleChunk chunk : tokenised.chunks()) {
            // The first chunk twice: Kafka may deliver a record again (every chunk twice: ChunkRedeliveryTest).
            MatchingDriver.publish(chunk, chunk.chunkNumber() == 0 ? 2 : 1);
        }
        MatchingDriver.publish(tokenised.submitted());

        String auditor = TestTokens.forRoles(Roles.AUDITOR);
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> given().auth()
                        .oauth2(auditor)
                        .get("/api/v1/verifications/" + sampleId)
                        .then()
                        .statusCode(200)
                        .body("status", equalTo("COMPLETED")));
        String body = given().auth()
                .oauth2(auditor)
                .get("/api/v1/verifications/" + sampleId)
                .then()
                .body("progress.chunksDone", equalTo(tokenised.chunks().size()))
                .body("progress.chunksExpected", equalTo(tokenised.chunks().size()))
                .extract()
                .asString();
        VerificationResult actual = json.readValue(body, VerificationResult.class);
        assertThat(actual)
                .usingRecursiveComparison(io.leakwatch.matching.synthetic.GroundTruthTest.closeDoubles())
                .isEqualTo(truth);
        assertThat(actual.verdict()).isEqualTo("CONFIRMED");
        given().auth()
                .oauth2(auditor)
                .queryParam("incidentId", incidentId)
                .get("/api/v1/verifications")
                .then()
                .statusCode(200)
                .body("", hasSize(1))
                .body("[0].sampleId", equalTo(sampleId));
        given().auth()
                .oauth2(TestTokens.forRoles(Roles.REPORTER))
                .get("/api/v1/verifications/" + sampleId)
                .then()
                .statusCode(403);

        assertNoPlaintext(registry, sample);
    }

    /** Every table of the service's database and every topic, searched for the plaintext the test generated. */
    private static void assertNoPlaintext(SyntheticRegistry registry, SyntheticSample sample) throws Exception {
        Set<String> secrets = new HashSet<>();
        registry.members()
                .forEach(m -> m.versions().forEach(v -> {
                    secrets.add(v.nik());
                    secrets.add(v.phone());
                    secrets.add(v.fullName().toLowerCase(Locale.ROOT));
                }));
        sample.rows().forEach(row -> {
            String nik = row.canonical().get("nik");
            if (nik != null && nik.length() >= 15) {
                secrets.add(nik);
            }
            String name = row.canonical().get("full_name");
            if (name != null && !name.isBlank()) {
                secrets.add(name.toLowerCase(Locale.ROOT));
            }
        });
        List<String> stored = new ArrayList<>();
        try (Connection connection = LeakwatchTestStack.database().connect();
                Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            assertThat(tables).contains("registry_member_version", "domainevententry", "verification_view");
            for (String table : tables) {
                try (ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
                    int columns = rows.getMetaData().getColumnCount();
                    StringBuilder text = new StringBuilder(table).append(':');
                    while (rows.next()) {
                        for (int c = 1; c <= columns; c++) {
                            Object value = rows.getObject(c);
                            text.append(
                                            value instanceof byte[] bytes
                                                    ? new String(bytes, StandardCharsets.ISO_8859_1)
                                                    : String.valueOf(value))
                                    .append('|');
                        }
                    }
                    stored.add(text.toString().toLowerCase(Locale.ROOT));
                }
            }
        }
        for (String topic : Topics.ALL) {
            TopicReader.readAll(LeakwatchTestStack.broker().bootstrapServers(), topic)
                    .forEach(r -> stored.add((topic + ":" + r.key() + "|" + r.value()).toLowerCase(Locale.ROOT)));
        }
        for (String place : stored) {
            for (String secret : secrets) {
                assertThat(place)
                        .as("plaintext in %s", place.substring(0, place.indexOf(':')))
                        .doesNotContain(secret);
            }
        }
    }
}
