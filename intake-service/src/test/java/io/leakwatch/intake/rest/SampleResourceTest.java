package io.leakwatch.intake.rest;

import static io.leakwatch.intake.rest.SampleFiles.asReporter;
import static io.leakwatch.intake.rest.SampleFiles.newIncident;
import static io.leakwatch.intake.rest.SampleFiles.utf8;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import io.leakwatch.contracts.CloudEvent;
import io.leakwatch.contracts.Topics;
import io.leakwatch.contracts.incident.SampleSubmitted;
import io.leakwatch.contracts.sample.SampleChunk;
import io.leakwatch.contracts.sample.SampleRow;
import io.leakwatch.platform.messaging.CloudEventCodec;
import io.leakwatch.platform.security.Roles;
import io.leakwatch.testing.LeakwatchTestStack;
import io.leakwatch.testing.TestTokens;
import io.leakwatch.testing.TopicReader;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = LeakwatchTestStack.class, scope = TestResourceScope.GLOBAL)
class SampleResourceTest {

    private static final String CSV = "text/csv";

    @Test
    void aCanonicalSampleIsTokenisedChunkedAndRecorded() throws Exception {
        String incidentId = newIncident();
        byte[] file = utf8(SampleFiles.CANONICAL);
        int chunks = SampleFiles.expectedChunks(List.of(
                "3171011205900001", "3273021506850003", "3578031010800004", "3171011205900001", "5171016007950006"));

        String sampleId = upload(incidentId, file, null)
                .statusCode(202)
                .header("Location", containsString("/api/v1/incidents/" + incidentId + "/samples/"))
                .body("rows", equalTo(7))
                .body("invalidRows", equalTo(2))
                .body("raggedRows", equalTo(1))
                .body("raggedLines", contains(8))
                .body("chunks", equalTo(chunks))
                .body("bytes", equalTo(file.length))
                .body("sha256", equalTo(SampleFiles.sha256(file)))
                .body(
                        "headerNames",
                        contains(
                                "nik",
                                "card_no",
                                "full_name",
                                "birth_date",
                                "sex",
                                "phone",
                                "regency_code",
                                "updated_at"))
                .body("unmappedColumns", empty())
                .body("tokenKeyId", equalTo(SampleFiles.testTokeniser().keyId()))
                .extract()
                .path("sampleId");

        List<SampleChunk> sent = Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> SampleFiles.chunksOf(sampleId), found -> found.size() == chunks);
        assertThat(sent.stream().map(SampleChunk::chunkNumber).sorted())
                .containsExactlyElementsOf(
                        java.util.stream.IntStream.range(0, chunks).boxed().toList());
        List<SampleRow> rows =
                sent.stream().flatMap(chunk -> chunk.rows().stream()).toList();
        assertThat(rows).hasSize(5);
        assertThat(rows).extracting(SampleRow::line).containsExactlyInAnyOrder(2L, 3L, 4L, 7L, 10L);
        Map<String, Set<Integer>> bucketsByNik = sent.stream()
                .flatMap(chunk -> chunk.rows().stream().map(row -> Map.entry(row.nikToken(), chunk.bucket())))
                .collect(Collectors.groupingBy(
                        Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toSet())));
        assertThat(bucketsByNik)
                .hasSize(4)
                .allSatisfy((nik, buckets) -> assertThat(buckets).hasSize(1));
        SampleRow siti =
                rows.stream().filter(row -> row.line() == 2).findFirst().orElseThrow();
        assertThat(siti.fieldTokens())
                .containsOnlyKeys("card_no", "full_name", "birth_date", "sex", "phone", "regency_code");
        assertThat(siti.nameBloom()).isNotBlank();
        assertThat(siti.updatedAt()).isEqualTo(LocalDate.parse("2021-05-01"));
        assertThat(rows.stream()
                        .filter(row -> row.line() == 10)
                        .findFirst()
                        .orElseThrow()
                        .updatedAt())
                .isEqualTo(LocalDate.parse("2021-05-12"));

        SampleSubmitted submitted = awaitSubmitted(incidentId);
        assertThat(submitted.sampleId()).isEqualTo(sampleId);
        assertThat(submitted.rows()).isEqualTo(7);
        assertThat(submitted.invalidRows()).isEqualTo(2);
        assertThat(submitted.chunks()).isEqualTo(chunks);
        assertThat(submitted.sha256()).isEqualTo(SampleFiles.sha256(file));
        assertThat(submitted.mappedColumns())
                .containsExactly(
                        "nik", "card_no", "full_name", "birth_date", "sex", "phone", "regency_code", "updated_at");

        asReporter()
                .get("/api/v1/incidents/" + incidentId)
                .then()
                .statusCode(200)
                .body("status", equalTo("UNDER_VERIFICATION"))
                .body("samples[0].sampleId", equalTo(sampleId));
        asReporter()
                .get("/api/v1/incidents/" + incidentId + "/samples/" + sampleId)
                .then()
                .statusCode(200)
                .body("sha256", equalTo(SampleFiles.sha256(file)));
    }

    @Test
    void theDumpOf2021IsReadThroughAMapping() throws Exception {
        String incidentId = newIncident();
        byte[] file = utf8(SampleFiles.DUMP_2021);

        String sampleId = upload(incidentId, file, SampleFiles.DUMP_2021_MAPPING)
                .statusCode(202)
                .body("rows", equalTo(3))
                .body("invalidRows", equalTo(1))
                .body("raggedRows", equalTo(0))
                .body("chunks", equalTo(SampleFiles.expectedChunks(List.of("3171011205900001", "3201014403920007"))))
                .body("sha256", equalTo(SampleFiles.sha256(file)))
                .body("mappedColumns", contains("nik", "card_no", "full_name", "birth_date", "phone", "updated_at"))
                .body("unmappedColumns", contains("EMAIL", "NPWP", "KDKANTOR"))
                .extract()
                .path("sampleId");

        List<SampleRow> rows = Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(
                        () -> SampleFiles.chunksOf(sampleId).stream()
                                .flatMap(chunk -> chunk.rows().stream())
                                .toList(),
                        found -> found.size() == 2);
        assertThat(rows)
                .allSatisfy(row ->
                        assertThat(row.fieldTokens()).containsOnlyKeys("card_no", "full_name", "birth_date", "phone"));
        assertThat(awaitSubmitted(incidentId).unmappedColumns()).containsExactly("EMAIL", "NPWP", "KDKANTOR");
    }

    @Test
    void aFileWithoutAHeaderIsRefusedAtLineOne() {
        refused("3171011205900001,Siti Nurhaliza,081234567890\n3273021506850003,Budi,0812\n", null, 400, 1, "header");
    }

    @Test
    void anEmptyFileHasNoHeader() {
        refused("", null, 400, 1, "header");
    }

    @Test
    void aHeaderWithoutANikColumnIsRefused() {
        refused("NO_KTP,NAMA\n3171011205900001,Siti Nurhaliza\n", "full_name:NAMA", 400, 1, "NIK column");
    }

    @Test
    void aMappingFromAColumnTheHeaderLacksIsRefused() {
        refused(SampleFiles.DUMP_2021, "nik:NIK,full_name:NAME", 400, 1, "NAME");
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedAtTheLineOfTheBadByte() {
        byte[] latin1 = "nik,full_name\n3171011205900001,Siti\n3273021506850003,Jos\u00e9\n"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        refused(latin1, null, 400, 3, "UTF-8");
    }

    @Test
    void anUnclosedQuoteIsNotCsv() {
        refused("nik,full_name\n3171011205900001,Siti\n3273021506850003,\"Budi,x\n", null, 400, 3, "not CSV");
    }

    @Test
    void binaryDataIsNotCsv() {
        refused(new byte[] {'n', 'i', 'k', '\n', 0x50, 0x4B, 0x03, 0x04, 0, 0}, null, 400, 2, "not CSV");
    }

    @Test
    void aWrongContentTypeIsUnsupported() {
        String incidentId = newIncident();
        asReporter()
                .contentType("application/json")
                .body("{\"nik\":\"3171011205900001\"}")
                .post("/api/v1/incidents/" + incidentId + "/samples")
                .then()
                .statusCode(415)
                .contentType("application/problem+json");
        asReporter()
                .contentType("text/csv; charset=ISO-8859-1")
                .body(utf8(SampleFiles.CANONICAL))
                .post("/api/v1/incidents/" + incidentId + "/samples")
                .then()
                .statusCode(415)
                .contentType("application/problem+json");
        assertNothingRecorded(incidentId);
    }

    @Test
    void aFileOverTheLimitIsTooLarge() {
        String incidentId = newIncident();
        upload(incidentId, overTheLimit(), null)
                .statusCode(413)
                .contentType("application/problem+json")
                .body("detail", containsString("larger than"));
        assertNothingRecorded(incidentId);
    }

    /**
     * Sent chunked (an InputStream, so no Content-Length): {@code OversizedBodies} cannot see its size in advance, and
     * Quarkus would cut it off past {@code quarkus.http.limits.max-body-size} without a problem body; the upload counts
     * its own bytes below that limit, so it still answers a problem (docs/decisions.md, "Session 6").
     */
    @Test
    void aChunkedFileThatGrowsOverTheLimitIsTooLargeToo() {
        String incidentId = newIncident();
        uploadChunked(incidentId, overTheLimit())
                .statusCode(413)
                .contentType("application/problem+json")
                .body("detail", containsString("larger than"));
        assertNothingRecorded(incidentId);
    }

    @Test
    void onlyAReporterUploadsAndOnlyToAKnownIncident() {
        String incidentId = newIncident();
        given().auth()
                .oauth2(TestTokens.forRoles(Roles.ANALYST))
                .contentType(CSV)
                .body(utf8(SampleFiles.CANONICAL))
                .post("/api/v1/incidents/" + incidentId + "/samples")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        upload("no-such-incident", utf8(SampleFiles.CANONICAL), null)
                .statusCode(404)
                .contentType("application/problem+json");
    }

    /** A valid file just over the tests' sample limit (256K). */
    private static byte[] overTheLimit() {
        StringBuilder big = new StringBuilder("nik,full_name\n");
        while (big.length() <= 300 * 1024) {
            big.append("3171011205900001,Siti Nurhaliza\n");
        }
        return utf8(big.toString());
    }

    private static ValidatableResponse upload(String incidentId, byte[] file, String mapping) {
        var request = csv().body(file);
        if (mapping != null) {
            request = request.queryParam("mapping", mapping);
        }
        return request.post("/api/v1/incidents/" + incidentId + "/samples").then();
    }

    /** Sent chunked, with no Content-Length. */
    private static ValidatableResponse uploadChunked(String incidentId, byte[] file) {
        // Note: not a bare ByteArrayInputStream, whose length rest-assured announces; of any other stream it cannot.
        InputStream unannounced = new BufferedInputStream(new ByteArrayInputStream(file));
        return csv().body(unannounced)
                .post("/api/v1/incidents/" + incidentId + "/samples")
                .then();
    }

    private static RequestSpecification csv() {
        // Sent as plain text/csv, as curl sends it: rest-assured would otherwise declare ISO-8859-1 (refused, 415).
        return asReporter()
                .config(RestAssured.config()
                        .encoderConfig(EncoderConfig.encoderConfig()
                                .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .contentType(CSV);
    }

    private static void refused(String file, String mapping, int status, int line, String detail) {
        refused(utf8(file), mapping, status, line, detail);
    }

    private static void refused(byte[] file, String mapping, int status, int line, String detail) {
        String incidentId = newIncident();
        upload(incidentId, file, mapping)
                .statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("line", equalTo(line))
                .body("detail", containsString(detail));
        assertNothingRecorded(incidentId);
    }

    private static void assertNothingRecorded(String incidentId) {
        asReporter()
                .get("/api/v1/incidents/" + incidentId)
                .then()
                .statusCode(200)
                .body("status", equalTo("REPORTED"))
                .body("samples", empty())
                .body("version", equalTo(0));
    }

    private static SampleSubmitted awaitSubmitted(String incidentId) {
        CloudEventCodec codec = new CloudEventCodec();
        return Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(
                        () ->
                                TopicReader.readAll(
                                                LeakwatchTestStack.broker().bootstrapServers(), Topics.INCIDENT_EVENTS)
                                        .stream()
                                        .filter(record -> incidentId.equals(record.key()))
                                        .map(record -> codec.decode(record.value()))
                                        .flatMap(Optional::stream)
                                        .map(CloudEvent::data)
                                        .filter(SampleSubmitted.class::isInstance)
                                        .map(SampleSubmitted.class::cast)
                                        .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
    }
}
