package io.leakwatch.statement.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.leakwatch.contracts.CloudEvent;
import io.leakwatch.contracts.IntegrationEvent;
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
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deleting an audit entry in the middle or at the end of a trail, or swapping two entries, is reported by
 * {@code /trail/verify} with the seq where the trail stops holding, and by the offline {@link TrailVerifier} on the
 * export with its line; once the rows are put back, the trail verifies again.
 */
@QuarkusTest
@WithTestResource(value = LeakwatchTestStack.class, scope = TestResourceScope.GLOBAL)
class AuditTamperingTest {

    private static Connection session;
    private final CloudEventCodec codec = new CloudEventCodec();

    @Test
    void deletedAndReorderedEntriesAreReportedWhereTheTrailBreaks(@TempDir Path dir) throws Exception {
        String incident = UUID.randomUUID().toString();
        publish(incident);
        String trail = "/api/v1/audit/incidents/" + incident + "/trail";
        // The claim also drafts statements, whose own events join the trail: wait until it stops growing.
        int[] seen = {-1};
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(3))
                .until(() -> {
                    int now = auditor().get(trail + "/verify").then().extract().path("entries");
                    boolean settled = now >= 3 && now == seen[0];
                    seen[0] = now;
                    return settled;
                });
        int entries = seen[0];
        String where = " FROM audit_entry WHERE incident_id = '" + incident + "'";
        sql("CREATE TEMP TABLE kept AS SELECT *" + where);

        // The middle entry deleted: seq 3 follows seq 1.
        sql("DELETE" + where + " AND seq = 2");
        assertBroken(trail, 3, "expected seq 2", dir, 2, 0);
        restore(trail, where, entries);

        // The last entry deleted: the chain holds, but it no longer reaches the head.
        sql("DELETE" + where + " AND seq = " + entries);
        assertBroken(trail, entries, "entries were deleted from its end", dir, 0, entries - 1);
        restore(trail, where, entries);

        // The first two entries swapped: the first no longer starts the chain.
        sql("UPDATE audit_entry SET seq = -1 WHERE incident_id = '" + incident + "' AND seq = 1;"
                + " UPDATE audit_entry SET seq = 1 WHERE incident_id = '" + incident + "' AND seq = 2;"
                + " UPDATE audit_entry SET seq = 2 WHERE incident_id = '" + incident + "' AND seq = -1");
        assertBroken(trail, 1, "prevHash is not the previous entry's hash", dir, 1, 0);
        restore(trail, where, entries);
    }

    /**
     * Online at {@code seq} with {@code reason}; offline at export line {@code line}, or (line 0) the export verifies
     * with {@code exported} entries.
     */
    private static void assertBroken(String trail, long seq, String reason, Path dir, long line, long exported)
            throws Exception {
        auditor()
                .get(trail + "/verify")
                .then()
                .statusCode(200)
                .body("valid", equalTo(false))
                .body("firstInvalid.seq", equalTo((int) seq))
                .body("firstInvalid.reason", containsString(reason));
        Path export = dir.resolve("trail-" + UUID.randomUUID() + ".ndjson");
        Files.write(
                export,
                auditor()
                        .get(trail + "/export")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asByteArray());
        TrailVerifier.Result offline = TrailVerifier.verify(export);
        if (line == 0) {
            // An export is checked against the head the auditor noted, not against the database's head row.
            assertThat(offline.valid()).isTrue();
            assertThat(offline.entries()).isEqualTo(exported);
        } else {
            assertThat(offline.valid()).isFalse();
            assertThat(offline.line()).isEqualTo(line);
        }
    }

    private static void restore(String trail, String where, int entries) {
        sql("DELETE" + where + "; INSERT INTO audit_entry SELECT * FROM kept");
        auditor().get(trail + "/verify").then().body("valid", equalTo(true)).body("entries", equalTo(entries));
    }

    private void publish(String incident) {
        IncidentReported reported = new IncidentReported(
                incident,
                "Data of 279 million Indonesians offered on a forum",
                new ReportSource("FORUM", null, "Kotz"),
                279_000_000L,
                List.of("NIK"),
                Instant.parse("2021-05-20T02:00:00Z"),
                List.of("ID"),
                Instant.parse("2021-05-20T03:00:00Z"));
        TopicWriter.publish(
                LeakwatchTestStack.broker().bootstrapServers(),
                Topics.INCIDENT_EVENTS,
                incident,
                record(reported, "2021-05-20T03:00:00Z"),
                record(sighting(incident, "https://forum.example/a"), "2021-05-21T03:00:00Z"),
                record(sighting(incident, "https://forum.example/b"), "2021-05-22T03:00:00Z"));
    }

    private static SightingRecorded sighting(String incident, String url) {
        return new SightingRecorded(
                incident,
                new ReportSource("FORUM", url, "Kotz"),
                Instant.parse("2021-05-21T00:00:00Z"),
                Instant.parse("2021-05-21T01:00:00Z"));
    }

    private String record(IntegrationEvent event, String time) {
        return codec.encode(
                CloudEvent.wrap(UUID.randomUUID().toString(), "/leakwatch/test", Instant.parse(time), event));
    }

    private static void sql(String statements) {
        try {
            if (session == null || session.isClosed()) {
                session = LeakwatchTestStack.database().connect();
            }
            try (Statement statement = session.createStatement()) {
                statement.execute(statements);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void close() throws SQLException {
        if (session != null) {
            session.close();
        }
    }

    private static RequestSpecification auditor() {
        return given().auth().oauth2(TestTokens.forRoles(Roles.AUDITOR));
    }
}
