package io.leakwatch.matching.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.matching.MatchingDriver;
import io.leakwatch.platform.security.Roles;
import io.leakwatch.testing.BadInput;
import io.leakwatch.testing.LeakwatchTestStack;
import io.leakwatch.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * How a registry import behaves around the good path: one at a time (a second, sent while the first still streams,
 * is a 409), a bad row in the middle of a large export is rejected alone, and a body that stops being CSV in the
 * middle fails the whole import while the previous registry keeps serving.
 */
@QuarkusTest
@WithTestResource(value = LeakwatchTestStack.class, scope = TestResourceScope.GLOBAL)
class RegistryImportTest {

    private static final String HEADER = "nik,full_name,status,registered_on\n";
    /** More than the rows between two progress saves (5,000), so that the failure comes after saved progress. */
    private static final int ROWS = 12_000;

    @TestHTTPResource("/api/v1/registry/imports")
    URI imports;

    @Test
    void aSecondImportWhileTheFirstStillStreamsIsAConflict() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        // The first import sends its header and some rows, then waits until the second has been answered.
        InputStream held =
                new SequenceInputStream(new ByteArrayInputStream(utf8(HEADER + rows(1, 2_000))), new InputStream() {
                    private InputStream rest;

                    @Override
                    public int read() throws IOException {
                        byte[] one = new byte[1];
                        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        if (rest == null) {
                            try {
                                if (!release.await(60, TimeUnit.SECONDS)) {
                                    throw new IOException("never released");
                                }
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                throw new IOException(e);
                            }
                            rest = new ByteArrayInputStream(utf8(rows(2_001, 3_000)));
                        }
                        return rest.read(buffer, offset, length);
                    }
                });
        HttpRequest first = HttpRequest.newBuilder(imports)
                .header("Authorization", "Bearer " + TestTokens.forRoles(Roles.ANALYST))
                .header("Content-Type", "text/csv")
                .timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> held))
                .build();
        CompletableFuture<HttpResponse<String>> firstAnswer = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .sendAsync(first, HttpResponse.BodyHandlers.ofString());
        try {
            // The first holds the lock once its import is recorded as running.
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> analyst()
                            .get("/api/v1/registry/imports")
                            .then()
                            .extract()
                            .jsonPath()
                            .getList("status")
                            .contains("RUNNING"));
            assertThat(firstAnswer).isNotDone();

            var second = analyst()
                    .contentType("text/csv")
                    .body(utf8(HEADER + rows(5_001, 5_010)))
                    .post("/api/v1/registry/imports");
            BadInput.assertRefused(second, "a second import while one runs");
            assertThat(second.statusCode()).isEqualTo(409);
        } finally {
            release.countDown();
        }

        HttpResponse<String> answer = firstAnswer.get(120, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        JsonPath done = MatchingDriver.awaitImport(JsonPath.from(answer.body()).getString("importId"), "COMPLETED");
        assertThat(done.getLong("rowsRead")).isEqualTo(3_000);
        assertThat(stats().getInt("registryMembers")).isEqualTo(3_000);
        // The lock went with the first import: the next one is taken.
        MatchingDriver.importRegistry(HEADER + rows(1, 10));
    }

    @Test
    void badRowsInTheMiddleOfALargeExportAreRejectedAloneWithTheirLines() {
        int middle = ROWS / 2;
        String export = HEADER
                + rows(1, middle - 1)
                + "3171010101800000,Serial Zero,ACTIVE,2020-01-01\n" // line middle + 1: an invalid NIK
                + "3171010101809998,Too,Many,Fields,Here\n" // line middle + 2: a ragged row
                + rows(middle, ROWS);
        String importId = MatchingDriver.importRegistry(export);

        JsonPath progress = MatchingDriver.awaitImport(importId, "COMPLETED");
        assertThat(progress.getLong("rowsRead")).isEqualTo(ROWS + 2);
        assertThat(progress.getLong("rowsRejected")).isEqualTo(2);
        assertThat(progress.getList("rejections", Map.class))
                .containsExactly(
                        Map.of("line", middle + 1, "reason", "nik is invalid: SERIAL"),
                        Map.of("line", middle + 2, "reason", "expected 4 fields, found 5"));
        assertThat(stats().getInt("registryMembers")).isEqualTo(ROWS);
    }

    @Test
    void aQuoteThatNeverClosesInTheMiddleFailsTheImportAndThePreviousRegistryServes() throws Exception {
        MatchingDriver.importRegistry(HEADER + rows(1, 100));
        String serving =
                analyst().get("/api/v1/registry/stats").then().extract().asString();
        long versionsBefore = storedVersions();

        int middle = ROWS / 2;
        // From the quote on, the rest of the body is one unterminated field: rows after it are never rows.
        String export =
                HEADER + rows(1, middle - 1) + "3171010101809998,\"Siti,ACTIVE,2020-01-01\n" + rows(middle, ROWS);
        var refused = analyst().contentType("text/csv").body(utf8(export)).post("/api/v1/registry/imports");
        BadInput.assertRefused(refused, "an export whose quote never closes");
        assertThat(refused.statusCode()).isEqualTo(400);

        JsonPath failed =
                analyst().get("/api/v1/registry/imports").then().extract().jsonPath();
        assertThat(failed.getString("[0].status")).isEqualTo("FAILED");
        assertThat(failed.getString("[0].failure")).startsWith("the body could not be read as CSV near line ");
        // The rows before the quote were read (and staged), then rolled back with the failure.
        assertThat(failed.getLong("[0].rowsRead")).isBetween((long) middle - 1, (long) middle);
        assertThat(analyst().get("/api/v1/registry/stats").then().extract().asString())
                .as("the registry that serves")
                .isEqualTo(serving);
        assertThat(storedVersions()).as("versions stored, of every generation").isEqualTo(versionsBefore);
    }

    /** Valid rows numbered from {@code from} to {@code to}: NIKs of Jakarta (3171) born on distinct 1980 dates. */
    private static String rows(int from, int to) {
        StringBuilder rows = new StringBuilder();
        for (int i = from; i <= to; i++) {
            int serial = (i - 1) % 9_000 + 1;
            int day = (i - 1) / 9_000 % 28 + 1;
            rows.append(String.format("317101%02d0180%04d,Member %d,ACTIVE,2020-01-01\n", day, serial, i));
        }
        return rows.toString();
    }

    private static long storedVersions() throws Exception {
        try (Connection connection = LeakwatchTestStack.database().connect();
                Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery("SELECT count(*) FROM registry_member_version")) {
            count.next();
            return count.getLong(1);
        }
    }

    private static JsonPath stats() {
        return analyst()
                .get("/api/v1/registry/stats")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static RequestSpecification analyst() {
        return given().auth().oauth2(TestTokens.forRoles(Roles.ANALYST));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
