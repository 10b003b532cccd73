package io.leakwatch.intake.domain;

import io.leakwatch.contracts.incident.AwarenessRecorded;
import io.leakwatch.contracts.incident.IncidentDismissed;
import io.leakwatch.contracts.incident.IncidentReported;
import io.leakwatch.contracts.incident.NotificationDeadlineApproaching;
import io.leakwatch.contracts.incident.NotificationDeadlineMissed;
import io.leakwatch.contracts.incident.ReportSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The notification clocks that awareness starts (DESIGN.md, Deadlines): 72 hours, a warning at three quarters. */
class NotificationClockTest {

    private static final Instant AWARE = Instant.parse("2021-05-20T09:30:00Z");
    private static final Instant APPROACHING = AWARE.plus(Duration.ofHours(54));
    private static final Instant DUE = AWARE.plus(Duration.ofHours(72));
    private static final IncidentReported REPORTED = new IncidentReported(
            "inc-1",
            "279 million",
            new ReportSource("FORUM", "https://forum.example/t/1", "Kotz"),
            279_000_000L,
            List.of("NIK"),
            AWARE.minusSeconds(3600),
            List.of("ID"),
            AWARE.minusSeconds(1800));

    private FixtureConfiguration<Incident> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Incident.class);
    }

    @Test
    void awarenessStartsAClockPerJurisdiction() {
        fixture.givenCurrentTime(AWARE)
                .andGiven(REPORTED)
                .when(new RecordAwareness("inc-1", AWARE, List.of("ID", "EU")))
                .expectEvents(new AwarenessRecorded("inc-1", AWARE, List.of("ID", "EU")))
                .expectScheduledDeadline(APPROACHING, NotificationClock.start("ID", AWARE))
                .expectScheduledDeadline(DUE, NotificationClock.start("ID", AWARE))
                .expectScheduledDeadline(DUE, NotificationClock.start("EU", AWARE));
    }

    @Test
    void threeQuartersOfThePeriodWithoutNoticesIsRecordedAsApproaching() {
        fixture.givenCurrentTime(AWARE)
                .andGiven(REPORTED)
                .andGivenCommands(new RecordAwareness("inc-1", AWARE, List.of("ID")))
                .whenTimeAdvancesTo(APPROACHING.plusSeconds(1))
                .expectEvents(new NotificationDeadlineApproaching("inc-1", "ID", DUE, APPROACHING));
    }

    @Test
    void theEndOfThePeriodWithoutNoticesIsRecordedAsMissed() {
        fixture.givenCurrentTime(AWARE)
                .andGiven(REPORTED)
                .andGivenCommands(new RecordAwareness("inc-1", AWARE, List.of("ID")))
                .whenTimeAdvancesTo(DUE.plusSeconds(1))
                .expectEvents(
                        new NotificationDeadlineApproaching("inc-1", "ID", DUE, APPROACHING),
                        new NotificationDeadlineMissed("inc-1", "ID", DUE));
    }

    @Test
    void aWarningThatFiresAfterTheMissIsNotRecorded() {
        // Both deadlines came due while the service was down and the scheduler fired the miss first.
        fixture.givenCurrentTime(AWARE)
                .andGiven(REPORTED)
                .andGivenCommands(new RecordAwareness("inc-1", AWARE, List.of("ID")))
                .andGiven(new NotificationDeadlineMissed("inc-1", "ID", DUE))
                .whenTimeAdvancesTo(APPROACHING.plusSeconds(1))
                .expectNoEvents();
    }

    @Test
    void notifyingTheAuthorityAndTheDataSubjectsStopsTheIndonesianClock() {
        Instant notified = AWARE.plus(Duration.ofHours(10));
        fixture.givenCurrentTime(AWARE)
                .andGiven(REPORTED)
                .andGivenCommands(
                        new RecordAwareness("inc-1", AWARE, List.of("ID")),
                        new RecordNotification("inc-1", "ID", "AUTHORITY", notified, notified),
                        new RecordNotification("inc-1", "ID", "DATA_SUBJECTS", notified, notified))
                .whenTimeAdvancesTo(DUE.plusSeconds(1))
                .expectNoEvents();
    }

    @Test
    void theAuthorityAloneDoesNotStopTheIndonesianClock() {
        Instant notified = AWARE.plus(Duration.ofHours(10));
        fixture.givenCurrentTime(AWARE)
                .andGiven(REPORTED)
                .andGivenCommands(
                        new RecordAwareness("inc-1", AWARE, List.of("ID")),
                        new RecordNotification("inc-1", "ID", "AUTHORITY", notified, notified))
                .whenTimeAdvancesTo(DUE.plusSeconds(1))
                .expectEvents(
                        new NotificationDeadlineApproaching("inc-1", "ID", DUE, APPROACHING),
                        new NotificationDeadlineMissed("inc-1", "ID", DUE));
    }

    @Test
    void theAuthorityAloneStopsTheGdprClock() {
        Instant notified = AWARE.plus(Duration.ofHours(10));
        fixture.givenCurrentTime(AWARE)
                .andGiven(REPORTED)
                .andGivenCommands(
                        new RecordAwareness("inc-1", AWARE, List.of("EU")),
                        new RecordNotification("inc-1", "EU", "AUTHORITY", notified, notified))
                .whenTimeAdvancesTo(DUE.plusSeconds(1))
                .expectNoEvents();
    }

    @Test
    void aDismissedIncidentsClocksRecordNothing() {
        fixture.givenCurrentTime(AWARE)
                .andGiven(REPORTED)
                .andGivenCommands(new RecordAwareness("inc-1", AWARE, List.of("ID")))
                .andGiven(new IncidentDismissed("inc-1", "a recycled hoax", AWARE.plusSeconds(60)))
                .whenTimeAdvancesTo(DUE.plusSeconds(1))
                .expectNoEvents();
    }
}
