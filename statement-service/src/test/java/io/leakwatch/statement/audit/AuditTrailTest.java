package io.leakwatch.statement.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.leakwatch.contracts.CloudEvent;
import io.leakwatch.contracts.IntegrationEvent;
import io.leakwatch.contracts.Topics;
import io.leakwatch.contracts.incident.IncidentReported;
import io.leakwatch.contracts.incident.ReportSource;
import io.leakwatch.contracts.verification.VerificationOpened;
import io.leakwatch.platform.messaging.CloudEventCodec;
import io.leakwatch.platform.security.Roles;
import io.leakwatch.testing.LeakwatchTestStack;
import io.leakwatch.testing.TestTokens;
import io.leakwatch.testing.TopicWriter;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every event of every event topic lands once in its incident's chain; tampering is found, online and offline. */
@QuarkusTest
@WithTestResource(value = LeakwatchTestStack.class, scope = TestResourceScope.GLOBAL)
class AuditTrailTest {

    private final CloudEventCodec codec = new CloudEventCodec();

    @Test
    void theTrailHoldsEveryTopicsEventsOnceAndItsChainIsVerifiedOnlineAndOffline(@TempDir Path dir) throws Exception {
        String incident = UUID.randomUUID().toString();
        String reported = envelope(new IncidentReported(
                incident,
                "Data of 279 million Indonesians offered on a forum",
                new ReportSource("FORUM", null, "Kotz"),
                279_000_000L,
                List.of("NIK"),
                Instant.parse("2021-05-20T02:00:00Z"),
                List.of("ID"),
                Instant.parse("2021-05-20T03:00:00Z")));
        String opened = envelope(new VerificationOpened(incident, 279_000_000L, Instant.parse("2021-05-20T03:00:01Z")));
        String kafka = LeakwatchTestStack.broker().bootstrapServers();
        TopicWriter.publish(kafka, Topics.INCIDENT_EVENTS, incident, reported, reported);
        TopicWriter.publish(kafka, Topics.VERIFICATION_EVENTS, incident, opened, opened);

        // The report, the verification, and statement-service's own StatementDrafted from its topic; no repeats.
        String trail = "/api/v1/audit/incidents/" + incident + "/trail";
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> auditor().get(trail).then().statusCode(200).body("$", hasSize(3)));
        Thread.sleep(1_000);
        auditor()
                .get(trail)
                .then()
                .body("$", hasSize(3))
                .body(
                        "topic",
                        org.hamcrest.Matchers.hasItems(
                                Topics.INCIDENT_EVENTS, Topics.VERIFICATION_EVENTS, Topics.STATEMENT_EVENTS))
                .body("[0].prevHash", equalTo(AuditChain.GENESIS))
                .body("[0].event.data.claimedRecordCount", org.hamcrest.Matchers.notNullValue());
        auditor()
                .get(trail + "/verify")
                .then()
                .statusCode(200)
                .body("valid", equalTo(true))
                .body("entries", equalTo(3));

        // Offline: the export verifies with the JDK alone, and not after one byte changed.
        String export = auditor()
                .get(trail + "/export")
                .then()
                .statusCode(200)
                .contentType("application/x-ndjson")
                .extract()
                .asString();
        Path file = dir.resolve("trail.ndjson");
        Files.writeString(file, export, StandardCharsets.UTF_8);
        TrailVerifier.Result accepted = TrailVerifier.verify(file);
        assertThat(accepted.valid()).isTrue();
        assertThat(accepted.entries()).isEqualTo(3);
        String head = auditor().get(trail + "/verify").then().extract().path("head");
        assertThat(accepted.head()).isEqualTo(head);

        int secondLine = export.indexOf('\n') + 1;
        int byteInSecondEvent = export.indexOf("\"event\":", secondLine) + 20;
        char[] tampered = export.toCharArray();
        tampered[byteInSecondEvent] = tampered[byteInSecondEvent] == 'a' ? 'b' : 'a';
        Files.writeString(file, new String(tampered), StandardCharsets.UTF_8);
        TrailVerifier.Result rejected = TrailVerifier.verify(file);
        assertThat(rejected.valid()).isFalse();
        assertThat(rejected.seq()).isEqualTo(2);

        // Online: one altered row in the database is named, and nothing before it. The entry altered is the first after
        // the report that quotes the claim (the verification's): which topic's event the trail took second is the
        // order they arrived in, not fixed.
        int alteredSeq;
        try (Connection db = LeakwatchTestStack.database().connect();
                PreparedStatement find = db.prepareStatement("SELECT min(seq) FROM audit_entry"
                        + " WHERE incident_id = ? AND seq > 1 AND canonical LIKE '%279000000%'")) {
            find.setString(1, incident);
            var rows = find.executeQuery();
            rows.next();
            alteredSeq = rows.getInt(1);
        }
        assertThat(alteredSeq)
                .as("an entry after the report that quotes the claim")
                .isGreaterThan(1);
        try (Connection db = LeakwatchTestStack.database().connect();
                PreparedStatement alter = db.prepareStatement(
                        "UPDATE audit_entry SET canonical = replace(canonical, '279000000', '279000001')"
                                + " WHERE incident_id = ? AND seq = ?")) {
            alter.setString(1, incident);
            alter.setInt(2, alteredSeq);
            assertThat(alter.executeUpdate()).isEqualTo(1);
        }
        auditor()
                .get(trail + "/verify")
                .then()
                .statusCode(200)
                .body("valid", equalTo(false))
                .body("entries", equalTo(alteredSeq - 1))
                .body("firstInvalid.seq", equalTo(alteredSeq))
                .body("firstInvalid.reason", equalTo("hash does not match the event"));
    }

    @Test
    void onlyAuditorsReadTrails() {
        given().auth()
                .oauth2(TestTokens.forRoles(Roles.COMMS))
                .get("/api/v1/audit/incidents/x/trail")
                .then()
                .statusCode(403);
        auditor().get("/api/v1/audit/incidents/none/trail/verify").then().statusCode(404);
    }

    private static RequestSpecification auditor() {
        return given().auth().oauth2(TestTokens.forRoles(Roles.AUDITOR));
    }

    private String envelope(IntegrationEvent event) {
        return codec.encode(CloudEvent.wrap(UUID.randomUUID().toString(), "/leakwatch/test", Instant.now(), event));
    }
}
