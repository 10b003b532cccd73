package io.leakwatch.intake.domain;

import io.leakwatch.contracts.incident.AskingPrice;
import io.leakwatch.contracts.incident.IncidentReported;
import io.leakwatch.contracts.incident.ReportSource;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The optional details of a report: what the seller asks and the reporter's TLP marking. */
class ReportDetailsTest {

    private static final Instant SEEN = Instant.parse("2021-05-20T09:00:00Z");
    private static final Instant REPORTED = Instant.parse("2021-05-20T10:00:00Z");
    private static final ReportSource FORUM = new ReportSource("FORUM", "https://forum.example/t/1", "Kotz");

    private FixtureConfiguration<Incident> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Incident.class);
    }

    @Test
    void aReportKeepsThePriceAndTheMarkingInTheirCanonicalSpelling() {
        fixture.givenNoPriorActivity()
                .when(report(new AskingPrice("0.15", "btc"), "tlp:amber+strict"))
                .expectEvents(new IncidentReported(
                        "inc-1",
                        "279 million",
                        FORUM,
                        279_000_000L,
                        List.of("NIK"),
                        SEEN,
                        List.of("ID"),
                        REPORTED,
                        new AskingPrice("0.15", "BTC"),
                        "TLP:AMBER+STRICT"));
    }

    @Test
    void cannotReportAMarkingOutsideTlp() {
        fixture.givenNoPriorActivity()
                .when(report(null, "SECRET"))
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void cannotReportANegativeOrNonNumericPrice() {
        fixture.givenNoPriorActivity()
                .when(report(new AskingPrice("-1", "USD"), null))
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(report(new AskingPrice("a lot", "USD"), null))
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    private static ReportIncident report(AskingPrice price, String marking) {
        return new ReportIncident(
                "inc-1",
                "279 million",
                FORUM,
                279_000_000L,
                List.of("NIK"),
                SEEN,
                List.of("ID"),
                REPORTED,
                price,
                marking);
    }
}
