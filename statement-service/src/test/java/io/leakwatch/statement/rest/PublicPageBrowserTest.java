package io.leakwatch.statement.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.leakwatch.contracts.CloudEvent;
import io.leakwatch.contracts.Topics;
import io.leakwatch.contracts.incident.IncidentReported;
import io.leakwatch.contracts.incident.ReportSource;
import io.leakwatch.contracts.incident.SightingRecorded;
import io.leakwatch.platform.messaging.CloudEventCodec;
import io.leakwatch.platform.security.Roles;
import io.leakwatch.testing.LeakwatchTestStack;
import io.leakwatch.testing.TestTokens;
import io.leakwatch.testing.TopicWriter;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The public page as a real browser sees it: Debian's {@code chromium}, headless, dumps the DOM it built. The test
 * stops as skipped only when chromium is not installed ({@code infra/local/test.sh} installs it).
 */
@QuarkusTest
@WithTestResource(value = LeakwatchTestStack.class, scope = TestResourceScope.GLOBAL)
class PublicPageBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Pattern OTHER_LANGUAGE = Pattern.compile("<a href=\"([^\"]+)\" hreflang=\"en\"");

    @TestHTTPResource("/")
    URL base;

    @Test
    void thePublishedStatementRendersInBothLanguagesAndTheDraftAfterItStaysHidden() throws Exception {
        Assumptions.assumeTrue(
                Files.isExecutable(CHROMIUM),
                "chromium is not installed (apt-get install -y chromium); the browser check of the public page is"
                        + " skipped");
        String incident = publishedStatementWithADraftAfterIt();

        String indonesian = dumpDom("statements/" + incident);
        assertThat(indonesian)
                .contains("<html lang=\"id\">")
                .contains("<h1>")
                .contains("Klaim tersebut menyebut 279 juta data")
                .contains("Versi 1, diterbitkan")
                .doesNotContain("terlihat lagi");

        Matcher link = OTHER_LANGUAGE.matcher(indonesian);
        assertThat(link.find())
                .as("a link to the English page in %s", indonesian)
                .isTrue();
        String english = dumpDom(link.group(1).replaceFirst("^/", "").replace("&amp;", "&"));
        assertThat(english)
                .contains("<html lang=\"en\">")
                .contains("The claim speaks of 279 million records")
                .contains("Version 1, published")
                .doesNotContain("seen again")
                .doesNotContain("Klaim tersebut");
    }

    /** Version 1 published; version 2, drafted from a sighting afterwards, left a draft. */
    private static String publishedStatementWithADraftAfterIt() {
        String incident = UUID.randomUUID().toString();
        CloudEventCodec codec = new CloudEventCodec();
        ReportSource forum = new ReportSource("FORUM", null, "Kotz");
        IncidentReported reported = new IncidentReported(
                incident,
                "Data of 279 million Indonesians offered on a forum",
                forum,
                279_000_000L,
                List.of("NIK", "NAME"),
                Instant.parse("2021-05-20T02:00:00Z"),
                List.of("ID"),
                Instant.parse("2021-05-20T03:00:00Z"));
        publish(
                incident,
                codec.encode(
                        CloudEvent.wrap(UUID.randomUUID().toString(), "/leakwatch/test", Instant.now(), reported)));
        awaitStatus(incident, 1, "DRAFT");
        String statements = "/api/v1/incidents/" + incident + "/statements";
        comms().post(statements + "/1/approval").then().statusCode(200);
        comms().post(statements + "/1/publication").then().statusCode(200);
        Instant seen = Instant.parse("2021-05-21T03:00:00Z");
        publish(
                incident,
                codec.encode(CloudEvent.wrap(
                        UUID.randomUUID().toString(),
                        "/leakwatch/test",
                        Instant.now(),
                        new SightingRecorded(incident, forum, seen, seen))));
        awaitStatus(incident, 1, "PUBLISHED");
        awaitStatus(incident, 2, "DRAFT");
        return incident;
    }

    /** What chromium made of the page at {@code path}, after its scripts and styles, as serialised HTML. */
    private String dumpDom(String path) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium-profile");
        Path out = Files.createTempFile("dom", ".html");
        Process chromium = new ProcessBuilder(
                        CHROMIUM.toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--user-data-dir=" + profile,
                        "--dump-dom",
                        base + path)
                .redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!chromium.waitFor(60, TimeUnit.SECONDS)) {
            chromium.destroyForcibly();
            throw new AssertionError("chromium did not finish loading " + path + " within 60 s");
        }
        assertThat(chromium.exitValue()).as("chromium's exit code").isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static void awaitStatus(String incident, int version, String status) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> comms().get("/api/v1/incidents/" + incident + "/statements")
                        .then()
                        .statusCode(200)
                        .body("find { it.version == " + version + " }.status", equalTo(status)));
    }

    private static void publish(String incident, String record) {
        TopicWriter.publish(LeakwatchTestStack.broker().bootstrapServers(), Topics.INCIDENT_EVENTS, incident, record);
    }

    private static RequestSpecification comms() {
        return given().auth().oauth2(TestTokens.forRoles(Roles.COMMS));
    }
}
