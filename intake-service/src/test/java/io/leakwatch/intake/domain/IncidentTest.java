package io.leakwatch.intake.domain;

import io.leakwatch.contracts.incident.IncidentReported;
import io.leakwatch.contracts.incident.ReportSource;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IncidentTest {

    private static final Instant DISCOVERED = Instant.parse("2021-05-20T09:00:00Z");
    private static final Instant REPORTED = Instant.parse("2021-05-20T10:00:00Z");
    private static final ReportSource FORUM = new ReportSource("FORUM", "https://forum.example/t/1", "Kotz");

    private FixtureConfiguration<Incident> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Incident.class);
    }

    @Test
    void reportingAClaimRecordsIt() {
        fixture.givenNoPriorActivity()
                .when(new ReportIncident(
                        "inc-1",
                        "279 million",
                        FORUM,
                        279_000_000L,
                        List.of("NIK"),
                        DISCOVERED,
                        List.of("ID"),
                        REPORTED))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new IncidentReported(
                        "inc-1",
                        "279 million",
                        FORUM,
                        279_000_000L,
                        List.of("NIK"),
                        DISCOVERED,
                        List.of("ID"),
                        REPORTED));
    }

    @Test
    void cannotReportWithoutATitle() {
        fixture.givenNoPriorActivity()
                .when(new ReportIncident("inc-1", " ", FORUM, 1, List.of(), DISCOVERED, List.of(), REPORTED))
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void cannotClaimANegativeCount() {
        fixture.givenNoPriorActivity()
                .when(new ReportIncident("inc-1", "t", FORUM, -1, List.of(), DISCOVERED, List.of(), REPORTED))
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }
}
