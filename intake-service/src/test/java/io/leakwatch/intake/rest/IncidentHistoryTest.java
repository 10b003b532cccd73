package io.leakwatch.intake.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.leakwatch.contracts.incident.AwarenessRecorded;
import io.leakwatch.contracts.incident.IncidentClosed;
import io.leakwatch.contracts.incident.IncidentDismissed;
import io.leakwatch.contracts.incident.IncidentNotified;
import io.leakwatch.contracts.incident.IncidentReported;
import io.leakwatch.contracts.incident.IncidentTriaged;
import io.leakwatch.contracts.incident.IncidentUnderVerification;
import io.leakwatch.contracts.incident.IncidentVerified;
import io.leakwatch.contracts.incident.NotificationDeadlineApproaching;
import io.leakwatch.contracts.incident.NotificationDeadlineMissed;
import io.leakwatch.contracts.incident.NotificationRecorded;
import io.leakwatch.contracts.incident.ObservableAdded;
import io.leakwatch.contracts.incident.ReportSource;
import io.leakwatch.contracts.incident.SightingRecorded;
import io.leakwatch.contracts.incident.TakedownStateChanged;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentHistoryTest {

    private static final String ID = "inc-1";
    private static final ReportSource FORUM = new ReportSource("FORUM", "https://forum.example/t/1", "Kotz");
    private static final ReportSource TELEGRAM = new ReportSource("SOCIAL_MEDIA", "https://t.me/leaks/9", "@kotz");
    private static final String LINK = "https://forum.example/Thread-279-million";

    private static Instant at(int day, int hour) {
        return Instant.parse(String.format("2021-05-%02dT%02d:00:00Z", day, hour));
    }

    private static IncidentReported reported() {
        return new IncidentReported(
                ID, "279 million", FORUM, 279_000_000L, List.of("NIK"), at(20, 9), List.of("ID", "EU"), at(20, 10));
    }

    private static IncidentView fold(Object... events) {
        IncidentHistory history = new IncidentHistory();
        for (int i = 0; i < events.length; i++) {
            history.apply(events[i], i);
        }
        return history.view().orElseThrow();
    }

    @Test
    void aStreamWithoutAReportIsNoIncident() {
        assertThat(new IncidentHistory().view()).isEmpty();
        assertThat(new IncidentHistory()
                        .apply(new SightingRecorded(ID, FORUM, at(20, 9), at(20, 10)), 0)
                        .view())
                .isEmpty();
    }

    @Test
    void aReportAloneIsAReportedIncidentWithNoFactsYet() {
        IncidentView view = fold(reported());

        assertThat(view.status()).isEqualTo("REPORTED");
        assertThat(view.title()).isEqualTo("279 million");
        assertThat(view.jurisdictions()).containsExactly("ID", "EU");
        assertThat(view.version()).isZero();
        assertThat(view.triage()).isNull();
        assertThat(view.awareness()).isNull();
        assertThat(view.sightings()).isEmpty();
        assertThat(view.samples()).isEmpty();
        assertThat(view.notifications()).isEmpty();
        assertThat(view.observables()).isEmpty();
        assertThat(view.closure()).isNull();
        assertThat(view.dismissal()).isNull();
    }

    @Test
    void aWholeLifeShowsEveryFactAndTheStatusItEndsIn() {
        IncidentView view = fold(
                reported(),
                new IncidentTriaged(ID, "HIGH", "TLP:AMBER", "analyst-1", at(20, 11)),
                new AwarenessRecorded(ID, at(20, 9), List.of("ID")),
                new SightingRecorded(ID, TELEGRAM, at(20, 12), at(20, 13)),
                new IncidentUnderVerification(ID, "sample-1", at(20, 14)),
                new ObservableAdded(ID, "obs-1", "OFFER_LINK", LINK, at(20, 15)),
                new ObservableAdded(ID, "obs-2", "SELLER_HANDLE", "Kotz", at(20, 15)),
                new TakedownStateChanged(ID, "obs-1", "REQUESTED", at(20, 16)),
                new NotificationRecorded(ID, "ID", "AUTHORITY", at(21, 8), at(21, 9)),
                new IncidentVerified(ID, "sample-1", "CONFIRMED", at(21, 10)),
                new TakedownStateChanged(ID, "obs-1", "DONE", at(21, 11)),
                new NotificationRecorded(ID, "ID", "DATA_SUBJECTS", at(21, 12), at(21, 13)),
                new IncidentNotified(ID, at(21, 12)),
                new IncidentClosed(ID, at(25, 9), "Handled"));

        assertThat(view.status()).isEqualTo("CLOSED");
        assertThat(view.version()).isEqualTo(13);
        assertThat(view.triage()).isEqualTo(new IncidentView.Triage("HIGH", "TLP:AMBER", "analyst-1", at(20, 11)));
        assertThat(view.awareness())
                .isEqualTo(new IncidentView.Awareness(
                        at(20, 9), List.of("ID"), List.of(new IncidentView.Clock("ID", at(23, 9), "STOPPED"))));
        assertThat(view.sightings()).containsExactly(new IncidentView.Sighting(TELEGRAM, at(20, 12), at(20, 13)));
        assertThat(view.samples())
                .containsExactly(new IncidentView.Sample("sample-1", at(20, 14), "CONFIRMED", at(21, 10)));
        assertThat(view.verdict()).isEqualTo("CONFIRMED");
        assertThat(view.notifications())
                .containsExactly(
                        new IncidentView.Notification("ID", "AUTHORITY", at(21, 8), at(21, 9)),
                        new IncidentView.Notification("ID", "DATA_SUBJECTS", at(21, 12), at(21, 13)));
        assertThat(view.notifiedAt()).isEqualTo(at(21, 12));
        assertThat(view.observables())
                .containsExactly(
                        new IncidentView.Observable("obs-1", "OFFER_LINK", LINK, at(20, 15), "DONE", at(21, 11)),
                        new IncidentView.Observable("obs-2", "SELLER_HANDLE", "Kotz", at(20, 15), null, null));
        assertThat(view.closure()).isEqualTo(new IncidentView.Closure(at(25, 9), "Handled"));
        assertThat(view.dismissal()).isNull();
    }

    @Test
    void aStatusShownIsTheOneTheLatestMovingEventLeft() {
        assertThat(fold(reported(), new IncidentTriaged(ID, "LOW", "TLP:CLEAR", "a", at(20, 11)))
                        .status())
                .isEqualTo("TRIAGED");
        assertThat(fold(reported(), new IncidentUnderVerification(ID, "s", at(20, 11)))
                        .status())
                .isEqualTo("UNDER_VERIFICATION");
        assertThat(fold(
                                reported(),
                                new IncidentUnderVerification(ID, "s", at(20, 11)),
                                new IncidentVerified(ID, "s", "LIKELY", at(20, 12)),
                                new IncidentTriaged(ID, "LOW", "TLP:CLEAR", "a", at(20, 13)))
                        .status())
                .isEqualTo("VERIFIED");
    }

    @Test
    void aLaterTriageAndALaterVerdictReplaceTheEarlierOnes() {
        IncidentView view = fold(
                reported(),
                new IncidentTriaged(ID, "LOW", "TLP:CLEAR", "analyst-1", at(20, 11)),
                new IncidentUnderVerification(ID, "sample-1", at(20, 12)),
                new IncidentVerified(ID, "sample-1", "INCONCLUSIVE", at(20, 13)),
                new IncidentUnderVerification(ID, "sample-2", at(21, 12)),
                new IncidentVerified(ID, "sample-2", "CONFIRMED", at(21, 13)),
                new IncidentTriaged(ID, "CRITICAL", "TLP:RED", "analyst-2", at(21, 14)));

        assertThat(view.triage().severity()).isEqualTo("CRITICAL");
        assertThat(view.triage().owner()).isEqualTo("analyst-2");
        assertThat(view.verdict()).isEqualTo("CONFIRMED");
        assertThat(view.samples())
                .extracting(IncidentView.Sample::sampleId, IncidentView.Sample::verdict)
                .containsExactly(tuple("sample-1", "INCONCLUSIVE"), tuple("sample-2", "CONFIRMED"));
    }

    @Test
    void aDismissedIncidentShowsWhy() {
        IncidentView view = fold(reported(), new IncidentDismissed(ID, "A recycled hoax", at(21, 9)));

        assertThat(view.status()).isEqualTo("DISMISSED");
        assertThat(view.dismissal()).isEqualTo(new IncidentView.Dismissal(at(21, 9), "A recycled hoax"));
        assertThat(view.closure()).isNull();
    }

    @Test
    void anEventTheViewDoesNotKnowOnlyMovesTheVersion() {
        IncidentView view = fold(reported(), "some future event");

        assertThat(view.status()).isEqualTo("REPORTED");
        assertThat(view.version()).isEqualTo(1);
    }

    @Test
    void aMissedClockStaysMissedWhenAWarningIsRecordedAfterIt() {
        IncidentView view = fold(
                reported(),
                new AwarenessRecorded(ID, at(20, 9), List.of("ID")),
                new NotificationDeadlineMissed(ID, "ID", at(23, 9)),
                new NotificationDeadlineApproaching(ID, "ID", at(23, 9), at(22, 15)));

        assertThat(view.awareness().clocks()).containsExactly(new IncidentView.Clock("ID", at(23, 9), "MISSED"));
    }
}
