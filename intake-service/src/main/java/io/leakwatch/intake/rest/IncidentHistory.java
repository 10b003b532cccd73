package io.leakwatch.intake.rest;

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
import io.leakwatch.contracts.incident.SightingRecorded;
import io.leakwatch.contracts.incident.TakedownStateChanged;
import io.leakwatch.intake.domain.IncidentStatus;
import io.leakwatch.intake.domain.NotificationClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Folds one incident's events, in stream order, into its {@link IncidentView}. The status is folded by the domain's
 * {@link IncidentStatus#after(Object)}, so the view and the aggregate cannot disagree about it. Events it does not
 * know only move the version.
 *
 * <p>Note: intake reads an incident straight from its event stream; when a stored projection comes, it folds with
 * this class too.
 */
final class IncidentHistory {

    private IncidentReported report;
    private IncidentStatus status;
    private long version = -1;
    private IncidentView.Triage triage;
    private IncidentView.Awareness awareness;
    private final Map<String, String> clockStates = new LinkedHashMap<>();
    private final List<IncidentView.Sighting> sightings = new ArrayList<>();
    private final Map<String, IncidentView.Sample> samples = new LinkedHashMap<>();
    private String verdict;
    private final List<IncidentView.Notification> notifications = new ArrayList<>();
    private Instant notifiedAt;
    private final Map<String, IncidentView.Observable> observables = new LinkedHashMap<>();
    private IncidentView.Closure closure;
    private IncidentView.Dismissal dismissal;

    /** Folds the next event of the stream, recorded under {@code sequenceNumber}. */
    IncidentHistory apply(Object event, long sequenceNumber) {
        version = sequenceNumber;
        if (event instanceof IncidentReported) {
            status = IncidentStatus.REPORTED;
        } else if (status != null) {
            status = status.after(event);
        }
        if (event instanceof IncidentReported reported) {
            report = reported;
        } else if (event instanceof IncidentTriaged triaged) {
            triage = new IncidentView.Triage(
                    triaged.severity(), triaged.marking(), triaged.owner(), triaged.triagedAt());
        } else if (event instanceof SightingRecorded sighting) {
            sightings.add(new IncidentView.Sighting(sighting.source(), sighting.seenAt(), sighting.recordedAt()));
        } else if (event instanceof AwarenessRecorded aware) {
            awareness = new IncidentView.Awareness(aware.awareAt(), aware.jurisdictions(), List.of());
            aware.jurisdictions().forEach(jurisdiction -> clockStates.put(jurisdiction, "RUNNING"));
        } else if (event instanceof NotificationDeadlineApproaching approaching) {
            // A missed clock stays missed: histories recorded before the aggregate refused a late warning may hold
            // the warning after the miss.
            clockStates.merge(
                    approaching.jurisdiction(), "APPROACHING", (state, next) -> state.equals("MISSED") ? state : next);
        } else if (event instanceof NotificationDeadlineMissed missed) {
            clockStates.put(missed.jurisdiction(), "MISSED");
        } else if (event instanceof IncidentUnderVerification started) {
            samples.put(
                    started.sampleId(), new IncidentView.Sample(started.sampleId(), started.startedAt(), null, null));
        } else if (event instanceof IncidentVerified verified) {
            IncidentView.Sample sample = samples.get(verified.sampleId());
            samples.put(
                    verified.sampleId(),
                    new IncidentView.Sample(
                            verified.sampleId(),
                            sample == null ? null : sample.startedAt(),
                            verified.verdict(),
                            verified.verifiedAt()));
            verdict = verified.verdict();
        } else if (event instanceof NotificationRecorded notice) {
            notifications.add(new IncidentView.Notification(
                    notice.jurisdiction(), notice.recipient(), notice.notifiedAt(), notice.recordedAt()));
        } else if (event instanceof IncidentNotified notified) {
            notifiedAt = notified.notifiedAt();
        } else if (event instanceof ObservableAdded added) {
            observables.put(
                    added.observableId(),
                    new IncidentView.Observable(
                            added.observableId(), added.kind(), added.value(), added.addedAt(), null, null));
        } else if (event instanceof TakedownStateChanged takedown) {
            observables.computeIfPresent(
                    takedown.observableId(),
                    (id, observable) -> new IncidentView.Observable(
                            id,
                            observable.kind(),
                            observable.value(),
                            observable.addedAt(),
                            takedown.state(),
                            takedown.changedAt()));
        } else if (event instanceof IncidentClosed closed) {
            closure = new IncidentView.Closure(closed.closedAt(), closed.note());
        } else if (event instanceof IncidentDismissed dismissed) {
            dismissal = new IncidentView.Dismissal(dismissed.dismissedAt(), dismissed.reason());
        }
        return this;
    }

    /** The incident as folded so far; empty while no report was folded (there is no such incident). */
    Optional<IncidentView> view() {
        if (report == null) {
            return Optional.empty();
        }
        return Optional.of(new IncidentView(
                report.incidentId(),
                status.name(),
                report.title(),
                report.source(),
                report.claimedRecordCount(),
                report.dataCategories(),
                report.discoveredAt(),
                report.jurisdictions(),
                report.reportedAt(),
                report.askingPrice(),
                triage != null ? triage.marking() : report.marking(),
                triage,
                awarenessWithClocks(),
                List.copyOf(sightings),
                List.copyOf(samples.values()),
                verdict,
                List.copyOf(notifications),
                notifiedAt,
                List.copyOf(observables.values()),
                closure,
                dismissal,
                version));
    }

    private IncidentView.Awareness awarenessWithClocks() {
        if (awareness == null) {
            return null;
        }
        List<IncidentView.Clock> clocks = new ArrayList<>();
        clockStates.forEach((jurisdiction, state) -> {
            NotificationClock clock = NotificationClock.start(jurisdiction, awareness.awareAt());
            boolean stopped = !state.equals("MISSED")
                    && clock.requiredRecipients().stream()
                            .allMatch(recipient -> notifications.stream()
                                    .anyMatch(notice -> notice.jurisdiction().equals(jurisdiction)
                                            && notice.recipient().equals(recipient.name())));
            clocks.add(new IncidentView.Clock(jurisdiction, clock.dueAt(), stopped ? "STOPPED" : state));
        });
        return new IncidentView.Awareness(awareness.awareAt(), awareness.jurisdictions(), clocks);
    }
}
