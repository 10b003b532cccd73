package io.leakwatch.intake.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.contracts.incident.AwarenessRecorded;
import io.leakwatch.contracts.incident.IncidentClosed;
import io.leakwatch.contracts.incident.IncidentDismissed;
import io.leakwatch.contracts.incident.IncidentNotified;
import io.leakwatch.contracts.incident.IncidentReported;
import io.leakwatch.contracts.incident.IncidentTriaged;
import io.leakwatch.contracts.incident.IncidentUnderVerification;
import io.leakwatch.contracts.incident.IncidentVerified;
import io.leakwatch.contracts.incident.NotificationRecorded;
import io.leakwatch.contracts.incident.ObservableAdded;
import io.leakwatch.contracts.incident.ReportSource;
import io.leakwatch.contracts.incident.SightingRecorded;
import io.leakwatch.contracts.incident.TakedownStateChanged;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.ResultValidator;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class IncidentTest {

    private static final String ID = "inc-1";
    private static final Instant DISCOVERED = Instant.parse("2021-05-20T09:00:00Z");
    private static final Instant REPORTED = Instant.parse("2021-05-20T10:00:00Z");
    private static final Instant AWARE = Instant.parse("2021-05-20T09:30:00Z");
    private static final Instant LATER = Instant.parse("2021-05-21T12:00:00Z");
    private static final ReportSource FORUM = new ReportSource("FORUM", "https://forum.example/t/1", "Kotz");
    private static final String LINK = "https://forum.example/Thread-279-million";
    private static final String DIGEST = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private FixtureConfiguration<Incident> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Incident.class);
    }

    // Histories that leave the incident at each status.

    private static Instant at(int day, int hour) {
        return Instant.parse(String.format("2021-05-%02dT%02d:00:00Z", day, hour));
    }

    private static IncidentReported reported(List<String> jurisdictions) {
        return new IncidentReported(
                ID, "279 million", FORUM, 279_000_000L, List.of("NIK"), DISCOVERED, jurisdictions, REPORTED);
    }

    private static List<Object> reported() {
        return List.of(reported(List.of("ID")));
    }

    private static List<Object> triaged() {
        return with(reported(), new IncidentTriaged(ID, "HIGH", "TLP:AMBER", "analyst-1", at(20, 11)));
    }

    private static List<Object> underVerification() {
        return with(triaged(), new IncidentUnderVerification(ID, "sample-1", at(20, 12)));
    }

    private static List<Object> verified() {
        return with(underVerification(), new IncidentVerified(ID, "sample-1", "CONFIRMED", at(20, 14)));
    }

    private static List<Object> aware(List<Object> history) {
        return with(history, new AwarenessRecorded(ID, AWARE, List.of("ID")));
    }

    private static List<Object> notified() {
        return with(
                aware(verified()),
                notice("ID", "AUTHORITY", at(21, 8)),
                notice("ID", "DATA_SUBJECTS", at(21, 9)),
                new IncidentNotified(ID, at(21, 9)));
    }

    private static List<Object> closed() {
        return with(notified(), new IncidentClosed(ID, at(25, 9), null));
    }

    private static List<Object> dismissed() {
        return with(triaged(), new IncidentDismissed(ID, "A recycled hoax", at(21, 9)));
    }

    private static List<Object> with(List<Object> history, Object... more) {
        List<Object> events = new ArrayList<>(history);
        events.addAll(List.of(more));
        return events;
    }

    private static NotificationRecorded notice(String jurisdiction, String recipient, Instant notifiedAt) {
        return new NotificationRecorded(ID, jurisdiction, recipient, notifiedAt, notifiedAt.plusSeconds(600));
    }

    private static RecordNotification recordNotice(String jurisdiction, String recipient, Instant notifiedAt) {
        return new RecordNotification(ID, jurisdiction, recipient, notifiedAt, notifiedAt.plusSeconds(600));
    }

    private ResultValidator<Incident> given(List<Object> history, Object command) {
        return fixture.given(history).when(command);
    }

    private static Matcher<Throwable> refusedWhile(IncidentStatus status) {
        return new CustomTypeSafeMatcher<>("a refusal while the incident is " + status) {
            @Override
            protected boolean matchesSafely(Throwable item) {
                return item instanceof IncidentTransitionRefused refusal && refusal.status() == status;
            }
        };
    }

    private static void assertStatus(Incident incident, IncidentStatus expected) {
        assertThat(incident.status()).isEqualTo(expected);
    }

    @Nested
    class Reporting {

        @Test
        void reportingAClaimRecordsIt() {
            fixture.givenNoPriorActivity()
                    .when(new ReportIncident(
                            ID,
                            "279 million",
                            FORUM,
                            279_000_000L,
                            List.of("NIK"),
                            DISCOVERED,
                            List.of("ID"),
                            REPORTED))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(reported(List.of("ID")))
                    .expectState(incident -> assertStatus(incident, IncidentStatus.REPORTED));
        }

        @Test
        void cannotReportWithoutATitle() {
            fixture.givenNoPriorActivity()
                    .when(new ReportIncident(ID, " ", FORUM, 1, List.of(), DISCOVERED, List.of(), REPORTED))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }

        @Test
        void cannotClaimANegativeCount() {
            fixture.givenNoPriorActivity()
                    .when(new ReportIncident(ID, "t", FORUM, -1, List.of(), DISCOVERED, List.of(), REPORTED))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class Triage {

        @Test
        void triagingAReportedIncidentRecordsTheAssessmentInItsCanonicalSpelling() {
            given(reported(), new TriageIncident(ID, " high", "tlp:amber+strict", " analyst-1 ", at(20, 11)))
                    .expectEvents(new IncidentTriaged(ID, "HIGH", "TLP:AMBER+STRICT", "analyst-1", at(20, 11)))
                    .expectState(incident -> assertStatus(incident, IncidentStatus.TRIAGED));
        }

        @Test
        void triagingAgainReplacesTheAssessmentAndKeepsTheStatus() {
            given(triaged(), new TriageIncident(ID, "CRITICAL", "TLP:RED", "analyst-2", at(20, 15)))
                    .expectEvents(new IncidentTriaged(ID, "CRITICAL", "TLP:RED", "analyst-2", at(20, 15)))
                    .expectState(incident -> assertStatus(incident, IncidentStatus.TRIAGED));
        }

        @Test
        void triagingAVerifiedIncidentDoesNotMoveItBack() {
            given(verified(), new TriageIncident(ID, "CRITICAL", "TLP:AMBER", "analyst-1", at(20, 15)))
                    .expectEvents(new IncidentTriaged(ID, "CRITICAL", "TLP:AMBER", "analyst-1", at(20, 15)))
                    .expectState(incident -> assertStatus(incident, IncidentStatus.VERIFIED));
        }

        @Test
        void anIncidentWhoseSampleCameFirstCanStillBeTriaged() {
            given(
                            with(reported(), new IncidentUnderVerification(ID, "sample-1", at(20, 11))),
                            new TriageIncident(ID, "LOW", "TLP:GREEN", "analyst-1", at(20, 12)))
                    .expectEvents(new IncidentTriaged(ID, "LOW", "TLP:GREEN", "analyst-1", at(20, 12)))
                    .expectState(incident -> assertStatus(incident, IncidentStatus.UNDER_VERIFICATION));
        }

        @Test
        void repeatingTheSameTriageRecordsNothing() {
            given(triaged(), new TriageIncident(ID, "HIGH", "TLP:AMBER", "analyst-1", at(20, 16)))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void cannotTriageWithAnUnknownSeverity() {
            given(reported(), new TriageIncident(ID, "SEVERE", "TLP:AMBER", "analyst-1", at(20, 11)))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }

        @Test
        void cannotTriageWithAMarkingOutsideTlp() {
            given(reported(), new TriageIncident(ID, "HIGH", "TLP:WHITE", "analyst-1", at(20, 11)))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }

        @Test
        void cannotTriageWithoutAnOwner() {
            given(reported(), new TriageIncident(ID, "HIGH", "TLP:AMBER", " ", at(20, 11)))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }

        @Test
        void cannotTriageWithoutATime() {
            given(reported(), new TriageIncident(ID, "HIGH", "TLP:AMBER", "analyst-1", null))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class Sightings {

        private final ReportSource telegram = new ReportSource("SOCIAL_MEDIA", "https://t.me/leaks/9", "@kotz");

        @Test
        void aSightingIsRecordedAndKeepsTheStatus() {
            given(underVerification(), new RecordSighting(ID, telegram, at(21, 7), at(21, 8)))
                    .expectEvents(new SightingRecorded(ID, telegram, at(21, 7), at(21, 8)))
                    .expectState(incident -> assertStatus(incident, IncidentStatus.UNDER_VERIFICATION));
        }

        @Test
        void theSameSightingTwiceIsRecordedOnce() {
            given(
                            with(reported(), new SightingRecorded(ID, telegram, at(21, 7), at(21, 8))),
                            new RecordSighting(ID, telegram, at(21, 7), at(21, 9)))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void cannotRecordASightingWithoutASource() {
            given(reported(), new RecordSighting(ID, null, at(21, 7), at(21, 8)))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class Awareness {

        @Test
        void awarenessStartsTheClocksOfTheGivenJurisdictions() {
            given(reported(), new RecordAwareness(ID, AWARE, List.of("id", " EU", "ID")))
                    .expectEvents(new AwarenessRecorded(ID, AWARE, List.of("ID", "EU")))
                    .expectState(incident -> assertStatus(incident, IncidentStatus.REPORTED));
        }

        @Test
        void awarenessWithoutJurisdictionsStartsTheReportedOnes() {
            given(List.of(reported(List.of("ID", "EU"))), new RecordAwareness(ID, AWARE, List.of()))
                    .expectEvents(new AwarenessRecorded(ID, AWARE, List.of("ID", "EU")));
        }

        @Test
        void awarenessIsRecordedOnlyOnce() {
            given(aware(triaged()), new RecordAwareness(ID, AWARE, List.of("ID")))
                    .expectException(refusedWhile(IncidentStatus.TRIAGED))
                    .expectNoEvents();
        }

        @Test
        void cannotRecordAwarenessWhenNoJurisdictionIsKnown() {
            given(List.of(reported(List.of())), new RecordAwareness(ID, AWARE, null))
                    .expectException(refusedWhile(IncidentStatus.REPORTED))
                    .expectNoEvents();
        }

        @Test
        void cannotRecordAwarenessWithoutATime() {
            given(reported(), new RecordAwareness(ID, null, List.of("ID")))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class Verification {

        @Test
        void theFirstSampleOfAReportedIncidentPutsItUnderVerification() {
            given(reported(), new StartVerification(ID, "sample-1", at(20, 12)))
                    .expectEvents(new IncidentUnderVerification(ID, "sample-1", at(20, 12)))
                    .expectState(incident -> assertStatus(incident, IncidentStatus.UNDER_VERIFICATION));
        }

        @Test
        void theFirstSampleOfATriagedIncidentPutsItUnderVerification() {
            given(triaged(), new StartVerification(ID, "sample-1", at(20, 12)))
                    .expectEvents(new IncidentUnderVerification(ID, "sample-1", at(20, 12)))
                    .expectState(incident -> assertStatus(incident, IncidentStatus.UNDER_VERIFICATION));
        }

        @Test
        void aFurtherSampleIsRecordedUnderItsOwnId() {
            given(underVerification(), new StartVerification(ID, "sample-2", at(20, 13)))
                    .expectEvents(new IncidentUnderVerification(ID, "sample-2", at(20, 13)))
                    .expectState(incident -> assertStatus(incident, IncidentStatus.UNDER_VERIFICATION));
        }

        @Test
        void aFurtherSampleDoesNotMoveAVerifiedIncidentBack() {
            given(verified(), new StartVerification(ID, "sample-2", at(21, 13)))
                    .expectEvents(new IncidentUnderVerification(ID, "sample-2", at(21, 13)))
                    .expectState(incident -> assertStatus(incident, IncidentStatus.VERIFIED));
        }

        @Test
        void theSameSampleTwiceIsRecordedOnce() {
            given(underVerification(), new StartVerification(ID, "sample-1", at(20, 13)))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void cannotStartAVerificationWithoutASample() {
            given(triaged(), new StartVerification(ID, "", at(20, 12)))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }

        @Test
        void theVerdictOnTheSampleVerifiesTheIncident() {
            given(underVerification(), new RecordVerificationResult(ID, "sample-1", "confirmed", at(20, 14)))
                    .expectEvents(new IncidentVerified(ID, "sample-1", "CONFIRMED", at(20, 14)))
                    .expectState(incident -> assertStatus(incident, IncidentStatus.VERIFIED));
        }

        @Test
        void aLaterSamplesVerdictKeepsTheIncidentVerified() {
            given(
                            with(verified(), new IncidentUnderVerification(ID, "sample-2", at(21, 13))),
                            new RecordVerificationResult(ID, "sample-2", "LIKELY", at(21, 15)))
                    .expectEvents(new IncidentVerified(ID, "sample-2", "LIKELY", at(21, 15)))
                    .expectState(incident -> assertStatus(incident, IncidentStatus.VERIFIED));
        }

        @Test
        void cannotVerifyAnIncidentThatNeverSentASample() {
            given(triaged(), new RecordVerificationResult(ID, "sample-1", "CONFIRMED", at(20, 14)))
                    .expectException(refusedWhile(IncidentStatus.TRIAGED))
                    .expectNoEvents();
        }

        @Test
        void cannotRecordAVerdictOnASampleOfAnotherIncident() {
            given(underVerification(), new RecordVerificationResult(ID, "sample-9", "CONFIRMED", at(20, 14)))
                    .expectException(refusedWhile(IncidentStatus.UNDER_VERIFICATION))
                    .expectNoEvents();
        }

        @Test
        void theSameVerdictTwiceIsRecordedOnce() {
            given(verified(), new RecordVerificationResult(ID, "sample-1", "CONFIRMED", at(20, 15)))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void cannotChangeTheVerdictOnAVerifiedSample() {
            given(verified(), new RecordVerificationResult(ID, "sample-1", "FABRICATED", at(20, 15)))
                    .expectException(refusedWhile(IncidentStatus.VERIFIED))
                    .expectNoEvents();
        }

        @Test
        void cannotRecordAVerificationResultWithoutAVerdict() {
            given(underVerification(), new RecordVerificationResult(ID, "sample-1", " ", at(20, 14)))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class Notification {

        @Test
        void aNoticeIsRecordedBeforeVerificationOnceTheOrganisationIsAware() {
            given(aware(reported()), recordNotice("id", "authority", at(21, 8)))
                    .expectEvents(notice("ID", "AUTHORITY", at(21, 8)))
                    .expectState(incident -> assertStatus(incident, IncidentStatus.REPORTED));
        }

        @Test
        void cannotNotifyBeforeAwarenessIsRecorded() {
            given(verified(), recordNotice("ID", "AUTHORITY", at(21, 8)))
                    .expectException(refusedWhile(IncidentStatus.VERIFIED))
                    .expectNoEvents();
        }

        @Test
        void cannotNotifyAJurisdictionWhoseClockDoesNotRun() {
            given(aware(verified()), recordNotice("SG", "AUTHORITY", at(21, 8)))
                    .expectException(refusedWhile(IncidentStatus.VERIFIED))
                    .expectNoEvents();
        }

        @Test
        void cannotNotifyBeforeTheOrganisationWasAware() {
            given(aware(verified()), recordNotice("ID", "AUTHORITY", AWARE.minusSeconds(60)))
                    .expectException(refusedWhile(IncidentStatus.VERIFIED))
                    .expectNoEvents();
        }

        @Test
        void cannotNotifyAnUnknownRecipient() {
            given(aware(verified()), recordNotice("ID", "PRESS", at(21, 8)))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }

        @Test
        void theSameNoticeTwiceIsRecordedOnce() {
            given(
                            with(aware(verified()), notice("ID", "AUTHORITY", at(21, 8))),
                            recordNotice("ID", "AUTHORITY", at(21, 8)))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void aFollowUpNoticeIsRecorded() {
            given(
                            with(aware(verified()), notice("ID", "AUTHORITY", at(21, 8))),
                            recordNotice("ID", "AUTHORITY", at(22, 8)))
                    .expectEvents(notice("ID", "AUTHORITY", at(22, 8)))
                    .expectState(incident -> assertStatus(incident, IncidentStatus.VERIFIED));
        }

        @Test
        void aVerifiedIncidentWithANoticeMissingStaysVerified() {
            given(
                            with(
                                    verified(),
                                    new AwarenessRecorded(ID, AWARE, List.of("ID", "EU")),
                                    notice("ID", "AUTHORITY", at(21, 8)),
                                    notice("ID", "DATA_SUBJECTS", at(21, 9))),
                            recordNotice("EU", "AUTHORITY", at(21, 10)))
                    .expectEvents(notice("EU", "AUTHORITY", at(21, 10)))
                    .expectState(incident -> assertStatus(incident, IncidentStatus.VERIFIED));
        }

        @Test
        void theLastMissingNoticeMakesAVerifiedIncidentNotifiedAsOfTheLastFirstNotice() {
            given(
                            with(
                                    verified(),
                                    new AwarenessRecorded(ID, AWARE, List.of("ID", "EU")),
                                    notice("ID", "AUTHORITY", at(21, 8)),
                                    notice("EU", "DATA_SUBJECTS", at(21, 9)),
                                    notice("ID", "DATA_SUBJECTS", at(21, 10)),
                                    notice("ID", "DATA_SUBJECTS", at(22, 10))),
                            recordNotice("EU", "AUTHORITY", at(21, 11)))
                    .expectEvents(notice("EU", "AUTHORITY", at(21, 11)), new IncidentNotified(ID, at(21, 11)))
                    .expectState(incident -> assertStatus(incident, IncidentStatus.NOTIFIED));
        }

        @Test
        void noticesCompleteBeforeTheVerdictMakeTheIncidentNotifiedWithItsVerdict() {
            given(
                            with(
                                    aware(underVerification()),
                                    notice("ID", "AUTHORITY", at(21, 8)),
                                    notice("ID", "DATA_SUBJECTS", at(21, 9))),
                            new RecordVerificationResult(ID, "sample-1", "CONFIRMED", at(22, 14)))
                    .expectEvents(
                            new IncidentVerified(ID, "sample-1", "CONFIRMED", at(22, 14)),
                            new IncidentNotified(ID, at(21, 9)))
                    .expectState(incident -> assertStatus(incident, IncidentStatus.NOTIFIED));
        }

        @Test
        void completeNoticesWithoutAVerdictLeaveTheIncidentUnderVerification() {
            given(
                            with(aware(underVerification()), notice("ID", "AUTHORITY", at(21, 8))),
                            recordNotice("ID", "DATA_SUBJECTS", at(21, 9)))
                    .expectEvents(notice("ID", "DATA_SUBJECTS", at(21, 9)))
                    .expectState(incident -> assertStatus(incident, IncidentStatus.UNDER_VERIFICATION));
        }

        @Test
        void aFollowUpNoticeToANotifiedIncidentKeepsItNotified() {
            given(notified(), recordNotice("ID", "DATA_SUBJECTS", at(23, 9)))
                    .expectEvents(notice("ID", "DATA_SUBJECTS", at(23, 9)))
                    .expectState(incident -> assertStatus(incident, IncidentStatus.NOTIFIED));
        }

        @Test
        void aLaterVerdictOnANotifiedIncidentKeepsItNotified() {
            given(
                            with(notified(), new IncidentUnderVerification(ID, "sample-2", at(23, 9))),
                            new RecordVerificationResult(ID, "sample-2", "LIKELY", at(23, 12)))
                    .expectEvents(new IncidentVerified(ID, "sample-2", "LIKELY", at(23, 12)))
                    .expectState(incident -> assertStatus(incident, IncidentStatus.NOTIFIED));
        }
    }

    @Nested
    class Closing {

        @Test
        void aNotifiedIncidentCloses() {
            given(notified(), new CloseIncident(ID, null, at(25, 9)))
                    .expectEvents(new IncidentClosed(ID, at(25, 9), null))
                    .expectState(incident -> assertStatus(incident, IncidentStatus.CLOSED));
        }

        @Test
        void aVerifiedIncidentClosesWithANoteSayingWhyNoNoticeIsDue() {
            given(verified(), new CloseIncident(ID, " Fabricated: no notice due ", at(25, 9)))
                    .expectEvents(new IncidentClosed(ID, at(25, 9), "Fabricated: no notice due"))
                    .expectState(incident -> assertStatus(incident, IncidentStatus.CLOSED));
        }

        @Test
        void cannotCloseAVerifiedIncidentWithoutANote() {
            given(verified(), new CloseIncident(ID, "  ", at(25, 9)))
                    .expectException(refusedWhile(IncidentStatus.VERIFIED))
                    .expectNoEvents();
        }

        static Stream<Arguments> unverified() {
            return Stream.of(
                    Arguments.of(IncidentStatus.REPORTED, reported()),
                    Arguments.of(IncidentStatus.TRIAGED, triaged()),
                    Arguments.of(IncidentStatus.UNDER_VERIFICATION, underVerification()));
        }

        @ParameterizedTest
        @MethodSource("unverified")
        void cannotCloseAnIncidentThatWasNeverVerified(IncidentStatus status, List<Object> history) {
            given(history, new CloseIncident(ID, "Nothing to see", at(25, 9)))
                    .expectException(refusedWhile(status))
                    .expectNoEvents();
        }
    }

    @Nested
    class Dismissal {

        static Stream<Arguments> open() {
            return Stream.of(
                    Arguments.of(IncidentStatus.REPORTED, reported()),
                    Arguments.of(IncidentStatus.TRIAGED, triaged()),
                    Arguments.of(IncidentStatus.UNDER_VERIFICATION, underVerification()),
                    Arguments.of(IncidentStatus.VERIFIED, verified()),
                    Arguments.of(IncidentStatus.NOTIFIED, notified()));
        }

        @ParameterizedTest
        @MethodSource("open")
        void anOpenIncidentIsDismissedWithAReason(IncidentStatus status, List<Object> history) {
            given(history, new DismissIncident(ID, " A recycled hoax ", at(26, 9)))
                    .expectEvents(new IncidentDismissed(ID, "A recycled hoax", at(26, 9)))
                    .expectState(incident -> assertStatus(incident, IncidentStatus.DISMISSED));
        }

        @Test
        void cannotDismissWithoutAReason() {
            given(triaged(), new DismissIncident(ID, "", at(26, 9)))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class Ended {

        static Stream<Object> everyCommand() {
            return Stream.of(
                    new TriageIncident(ID, "LOW", "TLP:CLEAR", "analyst-1", at(27, 9)),
                    new RecordSighting(ID, FORUM, at(27, 8), at(27, 9)),
                    new RecordAwareness(ID, AWARE, List.of("EU")),
                    new StartVerification(ID, "sample-3", at(27, 9)),
                    new RecordVerificationResult(ID, "sample-1", "LIKELY", at(27, 9)),
                    recordNotice("ID", "AUTHORITY", at(27, 9)),
                    new CloseIncident(ID, "again", at(27, 9)),
                    new DismissIncident(ID, "again", at(27, 9)),
                    new AddObservable(ID, "obs-9", "SELLER_HANDLE", "Kotz", at(27, 9)),
                    new ChangeTakedownState(ID, "obs-1", "DONE", at(27, 9)));
        }

        @ParameterizedTest
        @MethodSource("everyCommand")
        void nothingIsRecordedForAClosedIncident(Object command) {
            given(closed(), command)
                    .expectException(refusedWhile(IncidentStatus.CLOSED))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @MethodSource("everyCommand")
        void nothingIsRecordedForADismissedIncident(Object command) {
            given(dismissed(), command)
                    .expectException(refusedWhile(IncidentStatus.DISMISSED))
                    .expectNoEvents();
        }
    }

    @Nested
    class Observables {

        @ParameterizedTest
        @EnumSource(
                value = IncidentStatus.class,
                names = {"CLOSED", "DISMISSED"},
                mode = EnumSource.Mode.EXCLUDE)
        void anObservableIsAddedInEveryOpenStatus(IncidentStatus status) {
            List<Object> history = switch (status) {
                case REPORTED -> reported();
                case TRIAGED -> triaged();
                case UNDER_VERIFICATION -> underVerification();
                case VERIFIED -> verified();
                default -> notified();
            };
            given(history, new AddObservable(ID, "obs-1", "seller_handle", " Kotz ", at(21, 9)))
                    .expectEvents(new ObservableAdded(ID, "obs-1", "SELLER_HANDLE", "Kotz", at(21, 9)))
                    .expectState(incident -> assertStatus(incident, status));
        }

        @Test
        void aFileDigestIsKeptInLowerCase() {
            given(reported(), new AddObservable(ID, "obs-1", "FILE_DIGEST", DIGEST.toUpperCase(), at(21, 9)))
                    .expectEvents(new ObservableAdded(ID, "obs-1", "FILE_DIGEST", DIGEST, at(21, 9)));
        }

        @ParameterizedTest
        @ValueSource(strings = {"d41d8cd98f00b204e9800998ecf8427e", "not a digest"})
        void cannotAddAFileDigestThatIsNotASha256(String value) {
            given(reported(), new AddObservable(ID, "obs-1", "FILE_DIGEST", value, at(21, 9)))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }

        @ParameterizedTest
        @ValueSource(strings = {"forum.example/Thread-279-million", "https://forum example/x"})
        void cannotAddAnOfferLinkThatIsNotAnAbsoluteUri(String value) {
            given(reported(), new AddObservable(ID, "obs-1", "OFFER_LINK", value, at(21, 9)))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }

        @Test
        void cannotAddAnObservableOfAnUnknownKind() {
            given(reported(), new AddObservable(ID, "obs-1", "EMAIL", "kotz@example.org", at(21, 9)))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }

        @Test
        void theSameObservableTwiceIsRecordedOnce() {
            given(
                            with(reported(), new ObservableAdded(ID, "obs-1", "OFFER_LINK", LINK, at(21, 9))),
                            new AddObservable(ID, "obs-1", "OFFER_LINK", LINK, at(21, 10)))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void cannotReuseAnObservableIdForAnotherValue() {
            given(
                            with(reported(), new ObservableAdded(ID, "obs-1", "OFFER_LINK", LINK, at(21, 9))),
                            new AddObservable(ID, "obs-1", "OFFER_LINK", LINK + "-2", at(21, 10)))
                    .expectException(refusedWhile(IncidentStatus.REPORTED))
                    .expectNoEvents();
        }

        @Test
        void cannotAddTheSameLinkUnderASecondId() {
            given(
                            with(reported(), new ObservableAdded(ID, "obs-1", "OFFER_LINK", LINK, at(21, 9))),
                            new AddObservable(ID, "obs-2", "OFFER_LINK", LINK, at(21, 10)))
                    .expectException(refusedWhile(IncidentStatus.REPORTED))
                    .expectNoEvents();
        }
    }

    @Nested
    class Takedowns {

        private List<Object> withLink() {
            return with(
                    triaged(),
                    new ObservableAdded(ID, "obs-1", "OFFER_LINK", LINK, at(21, 9)),
                    new ObservableAdded(ID, "obs-2", "SELLER_HANDLE", "Kotz", at(21, 9)));
        }

        private List<Object> requested() {
            return with(withLink(), new TakedownStateChanged(ID, "obs-1", "REQUESTED", at(21, 10)));
        }

        @Test
        void aTakedownStartsWithARequest() {
            given(withLink(), new ChangeTakedownState(ID, "obs-1", "requested", at(21, 10)))
                    .expectEvents(new TakedownStateChanged(ID, "obs-1", "REQUESTED", at(21, 10)))
                    .expectState(incident -> assertStatus(incident, IncidentStatus.TRIAGED));
        }

        @ParameterizedTest
        @ValueSource(strings = {"DONE", "FAILED"})
        void aRequestedTakedownEnds(String state) {
            given(requested(), new ChangeTakedownState(ID, "obs-1", state, at(22, 10)))
                    .expectEvents(new TakedownStateChanged(ID, "obs-1", state, at(22, 10)));
        }

        @Test
        void aFailedTakedownIsRequestedAgain() {
            given(
                            with(requested(), new TakedownStateChanged(ID, "obs-1", "FAILED", at(22, 10))),
                            new ChangeTakedownState(ID, "obs-1", "REQUESTED", at(23, 10)))
                    .expectEvents(new TakedownStateChanged(ID, "obs-1", "REQUESTED", at(23, 10)));
        }

        @Test
        void repeatingTheCurrentTakedownStateRecordsNothing() {
            given(requested(), new ChangeTakedownState(ID, "obs-1", "REQUESTED", at(22, 10)))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @ParameterizedTest
        @ValueSource(strings = {"DONE", "FAILED"})
        void cannotEndATakedownThatWasNeverRequested(String state) {
            given(withLink(), new ChangeTakedownState(ID, "obs-1", state, at(22, 10)))
                    .expectException(refusedWhile(IncidentStatus.TRIAGED))
                    .expectNoEvents();
        }

        @Test
        void cannotTakeDownAnObservableThatIsNotALink() {
            given(withLink(), new ChangeTakedownState(ID, "obs-2", "REQUESTED", at(21, 10)))
                    .expectException(refusedWhile(IncidentStatus.TRIAGED))
                    .expectNoEvents();
        }

        @Test
        void cannotTakeDownAnUnknownObservable() {
            given(withLink(), new ChangeTakedownState(ID, "obs-9", "REQUESTED", at(21, 10)))
                    .expectException(refusedWhile(IncidentStatus.TRIAGED))
                    .expectNoEvents();
        }

        @Test
        void cannotMoveATakedownToAnUnknownState() {
            given(requested(), new ChangeTakedownState(ID, "obs-1", "PENDING", at(22, 10)))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }
    }
}
