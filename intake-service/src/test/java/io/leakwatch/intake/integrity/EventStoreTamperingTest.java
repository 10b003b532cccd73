package io.leakwatch.intake.integrity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.leakwatch.intake.TestIncidents;
import io.leakwatch.platform.seal.EventStoreCheck;
import io.leakwatch.platform.seal.EventStoreVerifier;
import io.leakwatch.platform.seal.EventStoreVerifier.Finding;
import io.leakwatch.platform.security.Roles;
import io.leakwatch.testing.LeakwatchTestStack;
import io.leakwatch.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Tampering with intake's own event store is found and located: an edited payload, a deleted event, two events of an
 * incident swapped, and an event slipped in below the seal's position are each reported by the verify endpoint and by
 * the offline check with the global index, the aggregate and the sequence number; once the row is put back, the store
 * verifies again.
 */
@QuarkusTest
@WithTestResource(value = LeakwatchTestStack.class, scope = TestResourceScope.GLOBAL)
class EventStoreTamperingTest {

    private static final String VERIFY = "/api/v1/event-store/verify";

    @Test
    void editedDeletedReorderedAndInsertedEventsAreReportedWhereTheyAre() throws SQLException {
        String incidentId = reportAndTriage();
        awaitSealed(incidentId);
        long reported = globalIndex(incidentId, 0);
        long triaged = globalIndex(incidentId, 1);

        // Edited: the claimed record count in the stored payload.
        sql("UPDATE domainevententry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), '279000000',"
                + " '279000001'), 'UTF8') WHERE globalindex = " + reported);
        assertFound(reported, incidentId, 0, "altered");
        sql("UPDATE domainevententry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), '279000001',"
                + " '279000000'), 'UTF8') WHERE globalindex = " + reported);
        assertValid();

        // Deleted: the triage, kept aside and put back.
        sql("CREATE TEMP TABLE IF NOT EXISTS kept AS SELECT * FROM domainevententry WITH NO DATA");
        sql("INSERT INTO kept SELECT * FROM domainevententry WHERE globalindex = " + triaged
                + "; DELETE FROM domainevententry WHERE globalindex = " + triaged);
        assertFound(triaged, incidentId, 1, "deleted");
        sql("INSERT INTO domainevententry SELECT * FROM kept WHERE globalindex = " + triaged);
        assertValid();

        // Reordered: the incident's two events swap places.
        swap(incidentId);
        assertFound(reported, incidentId, 0, "reordered");
        assertFound(triaged, incidentId, 1, "reordered");
        swap(incidentId);
        assertValid();

        // Inserted below the seal's position: a forged copy of the report under another aggregate.
        String forged = UUID.randomUUID().toString();
        sql("INSERT INTO domainevententry (globalindex, aggregateidentifier, sequencenumber, type, eventidentifier,"
                + " metadata, payload, payloadrevision, payloadtype, timestamp) SELECT -" + reported + ", '" + forged
                + "', 0, type, '" + forged + "', metadata, payload, payloadrevision, payloadtype, timestamp"
                + " FROM domainevententry WHERE globalindex = " + reported);
        assertFound(-reported, forged, 0, "not sealed");
        sql("DELETE FROM domainevententry WHERE globalindex = -" + reported);
        assertValid();
    }

    @Test
    void onlyAuditorsVerifyTheStore() {
        given().auth()
                .oauth2(TestTokens.forRoles(Roles.ANALYST))
                .get(VERIFY)
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().get(VERIFY).then().statusCode(401).contentType("application/problem+json");
    }

    private static void assertFound(long globalIndex, String aggregateId, long sequence, String problem)
            throws SQLException {
        JsonPath online = auditor().get(VERIFY).then().statusCode(200).extract().jsonPath();
        assertThat(online.getBoolean("valid")).isFalse();
        List<Finding> findings = online.getList("findings", Finding.class);
        assertThat(findings)
                .filteredOn(f -> f.globalIndex() == globalIndex)
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.aggregateId()).isEqualTo(aggregateId);
                    assertThat(f.sequenceNumber()).isEqualTo(sequence);
                    assertThat(f.problem()).contains(problem);
                });
        String offline = offline();
        assertThat(offline)
                .contains("INVALID globalIndex=" + globalIndex + " aggregate=" + aggregateId + " sequence=" + sequence);
    }

    private static void assertValid() throws SQLException {
        auditor().get(VERIFY).then().statusCode(200).body("valid", equalTo(true));
        assertThat(offline()).startsWith("VALID sealed=");
    }

    /** What the offline check prints, run on its own JDBC connection as an auditor would from the command line. */
    private static String offline() throws SQLException {
        try (Connection connection = LeakwatchTestStack.database().connect()) {
            return EventStoreCheck.describe(EventStoreVerifier.verify(connection));
        }
    }

    private static void swap(String incidentId) {
        String where = " WHERE aggregateidentifier = '" + incidentId + "' AND sequencenumber = ";
        sql("UPDATE domainevententry SET sequencenumber = -1" + where + "0; UPDATE domainevententry SET "
                + "sequencenumber = 0" + where + "1; UPDATE domainevententry SET sequencenumber = 1" + where + "-1");
    }

    private static void awaitSealed(String incidentId) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(count("SELECT count(*) FROM event_seal WHERE aggregate_id = '" + incidentId + "'"))
                    .isEqualTo(2);
            auditor().get(VERIFY).then().statusCode(200).body("valid", equalTo(true));
        });
    }

    private static long globalIndex(String incidentId, long sequence) {
        return count("SELECT globalindex FROM domainevententry WHERE aggregateidentifier = '" + incidentId
                + "' AND sequencenumber = " + sequence);
    }

    private static long count(String query) {
        try (Connection connection = LeakwatchTestStack.database().connect();
                PreparedStatement statement = connection.prepareStatement(query);
                ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One session for all statements, so that the kept row survives between a delete and its restore. */
    private static Connection session;

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

    private static String reportAndTriage() {
        String incidentId = TestIncidents.report();
        as(Roles.ANALYST)
                .contentType(ContentType.JSON)
                .body("{\"severity\":\"HIGH\",\"marking\":\"TLP:AMBER\",\"owner\":\"analyst-1\"}")
                .post("/api/v1/incidents/" + incidentId + "/triage")
                .then()
                .statusCode(200);
        return incidentId;
    }

    private static RequestSpecification auditor() {
        return as(Roles.AUDITOR);
    }

    private static RequestSpecification as(String role) {
        return given().auth().oauth2(TestTokens.forRoles(role));
    }
}
