package io.leakwatch.intake.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.leakwatch.testing.LeakwatchTestStack;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** Duplicate detection's lookup, on summary rows written here directly (the projection is tested elsewhere). */
@QuarkusTest
@WithTestResource(value = LeakwatchTestStack.class, scope = TestResourceScope.GLOBAL)
class IncidentSummariesTest {

    private static final Instant MAY_20 = Instant.parse("2021-05-20T09:00:00Z");

    @Inject
    IncidentSummaries summaries;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void anOpenIncidentWithTheSameLinkMatches() throws SQLException {
        String link = newLink();
        String incidentId = summary("TRIAGED", link, MAY_20);

        assertThat(summaries.openIncidentMatching(link, null)).contains(incidentId);
        assertThat(summaries.openIncidentMatching(newLink(), null)).isEmpty();
    }

    @Test
    void aClosedOrDismissedIncidentDoesNotMatch() throws SQLException {
        String closed = newLink();
        String dismissed = newLink();
        summary("CLOSED", closed, MAY_20);
        String digest = digest();
        digest(summary("DISMISSED", dismissed, MAY_20), digest);

        assertThat(summaries.openIncidentMatching(closed, null)).isEmpty();
        assertThat(summaries.openIncidentMatching(dismissed, digest)).isEmpty();
    }

    @Test
    void anOpenIncidentKnowingTheDigestMatchesWhateverTheLink() throws SQLException {
        String digest = digest();
        String incidentId = summary("UNDER_VERIFICATION", newLink(), MAY_20);
        digest(incidentId, digest);

        assertThat(summaries.openIncidentMatching(newLink(), digest)).contains(incidentId);
        assertThat(summaries.openIncidentMatching(null, digest)).contains(incidentId);
        assertThat(summaries.openIncidentMatching(newLink(), digest())).isEmpty();
    }

    @Test
    void theEarliestReportedOfSeveralMatchesWins() throws SQLException {
        String link = newLink();
        String digest = digest();
        String byLink = summary("REPORTED", link, MAY_20.plusSeconds(60));
        String byDigest = summary("REPORTED", newLink(), MAY_20);
        digest(byDigest, digest);

        assertThat(summaries.openIncidentMatching(link, digest)).contains(byDigest);
        assertThat(summaries.openIncidentMatching(link, null)).contains(byLink);
    }

    private static String newLink() {
        return "forum.example/thread-" + UUID.randomUUID();
    }

    private static String digest() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private String summary(String status, String sourceUrlKey, Instant reportedAt) throws SQLException {
        String incidentId = UUID.randomUUID().toString();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO incident_summary (incident_id, title, status, source_kind, source_url_key,"
                                + " claimed_record_count, reported_at, last_event_at, version)"
                                + " VALUES (?, 'a claim', ?, 'FORUM', ?, 1, ?, ?, 0)")) {
            insert.setString(1, incidentId);
            insert.setString(2, status);
            insert.setString(3, sourceUrlKey);
            insert.setTimestamp(4, Timestamp.from(reportedAt));
            insert.setTimestamp(5, Timestamp.from(reportedAt));
            insert.executeUpdate();
        }
        return incidentId;
    }

    private void digest(String incidentId, String sha256) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO incident_digest (sha256, incident_id) VALUES (?, ?)")) {
            insert.setString(1, sha256);
            insert.setString(2, incidentId);
            insert.executeUpdate();
        }
    }
}
