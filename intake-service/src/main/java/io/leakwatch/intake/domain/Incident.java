package io.leakwatch.intake.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.leakwatch.contracts.incident.AskingPrice;
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
import io.leakwatch.contracts.incident.SampleSubmitted;
import io.leakwatch.contracts.incident.SightingRecorded;
import io.leakwatch.contracts.incident.TakedownStateChanged;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * A claimed leak of the organisation's data, from the first report to its closure.
 *
 * <p>REPORTED → TRIAGED → UNDER_VERIFICATION → VERIFIED → NOTIFIED → CLOSED, or DISMISSED from any open status. A
 * command that is malformed on its own is an {@link IllegalArgumentException}; a well-formed command that the
 * incident's history does not allow is an {@link IncidentTransitionRefused}. Either way nothing is recorded. A command
 * that repeats what is already recorded (a retried request, a redelivered message) records nothing and succeeds.
 * Once CLOSED or DISMISSED, every command is refused.
 */
public class Incident {

    private static final Pattern SHA_256_HEX = Pattern.compile("[0-9a-f]{64}");

    @AggregateIdentifier
    private String incidentId;

    private IncidentStatus status;
    private List<String> reportedJurisdictions = List.of();
    private Triage triage;
    private final Set<Sighting> sightings = new HashSet<>();
    private Instant awareAt;
    private List<String> clockJurisdictions = List.of();
    private final Set<String> missedClocks = new HashSet<>();
    private final Set<String> samples = new HashSet<>();
    private final Map<String, String> submittedDigests = new HashMap<>();
    private final Map<String, String> verdicts = new HashMap<>();
    private final Set<Notice> notices = new HashSet<>();
    private final Map<Duty, Instant> firstNoticeByDuty = new HashMap<>();
    private final Map<String, Observable> observables = new HashMap<>();

    protected Incident() {
        // For Axon, which rebuilds the incident from its events.
    }

    @CommandHandler
    Incident(ReportIncident command) {
        apply(reportOf(command));
    }

    /**
     * The one event a {@code ReportIncident} applies, or why it is refused. A pure function of the command (its
     * {@code reportedAt} included), so that intake's 201 can show the incident the command created without reading
     * back the event it just appended.
     */
    public static IncidentReported reportOf(ReportIncident command) {
        if (command.title() == null || command.title().isBlank()) {
            throw new IllegalArgumentException("An incident needs a title");
        }
        if (command.claimedRecordCount() < 0) {
            throw new IllegalArgumentException("A claimed record count cannot be negative");
        }
        String marking = command.marking() == null
                ? null
                : TlpMarking.of(command.marking()).label();
        AskingPrice price = command.askingPrice();
        if (price != null && !isAmount(price.amount())) {
            throw new IllegalArgumentException(
                    "An asking price must be a number of at least zero, not " + price.amount());
        }
        if (price != null && (price.currency() == null || !price.currency().matches("[A-Za-z]{3,5}"))) {
            throw new IllegalArgumentException("An asking price needs a currency code such as USD, IDR or BTC");
        }
        return new IncidentReported(
                command.incidentId(),
                command.title(),
                command.source(),
                command.claimedRecordCount(),
                command.dataCategories(),
                command.discoveredAt(),
                command.jurisdictions(),
                command.reportedAt(),
                price == null
                        ? null
                        : new AskingPrice(
                                price.amount().strip(), price.currency().toUpperCase(Locale.ROOT)),
                marking);
    }

    private static boolean isAmount(String amount) {
        try {
            return amount != null && new BigDecimal(amount.strip()).signum() >= 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Triage, in any open status. The first triage moves a REPORTED incident to TRIAGED; a later one (a verdict came
     * in, a new owner took over) replaces the assessment and leaves the status where it is, so an incident whose
     * sample arrived before anyone triaged it can still be given a severity, a marking and an owner.
     */
    @CommandHandler
    void handle(TriageIncident command) {
        Triage assessed = new Triage(
                Severity.of(command.severity()).name(),
                TlpMarking.of(command.marking()).label(),
                text(command.owner(), "A triage needs an owner"));
        requireTime(command.triagedAt(), "triagedAt");
        requireOpen("triage the incident");
        if (assessed.equals(triage)) {
            return;
        }
        apply(new IncidentTriaged(
                incidentId, assessed.severity(), assessed.marking(), assessed.owner(), command.triagedAt()));
    }

    /** A sighting of the same claim, in any open status; it does not move the status. */
    @CommandHandler
    void handle(RecordSighting command) {
        ReportSource source = command.source();
        if (source == null || source.kind() == null || source.kind().isBlank()) {
            throw new IllegalArgumentException("A sighting needs a source with a kind");
        }
        requireTime(command.seenAt(), "seenAt");
        requireTime(command.recordedAt(), "recordedAt");
        requireOpen("record a sighting");
        if (sightings.contains(new Sighting(source, command.seenAt()))) {
            return;
        }
        apply(new SightingRecorded(incidentId, source, command.seenAt(), command.recordedAt()));
    }

    /**
     * Awareness, once, in any open status. The command's jurisdictions, or else the ones the incident was reported
     * with; with neither there is no clock to start and the command is refused. A second awareness is refused even
     * when it repeats the first: the first moment of awareness is what the law's clocks count from, and it must not be
     * moved.
     */
    @CommandHandler
    void handle(RecordAwareness command, DeadlineManager deadlines) {
        requireTime(command.awareAt(), "awareAt");
        List<String> commanded = jurisdictions(command.jurisdictions());
        requireOpen("record awareness");
        if (awareAt != null) {
            throw refused("record awareness", "awareness was already recorded, at " + awareAt);
        }
        List<String> clocks = commanded.isEmpty() ? jurisdictions(reportedJurisdictions) : commanded;
        if (clocks.isEmpty()) {
            throw refused("record awareness", "neither the command nor the report names a jurisdiction");
        }
        apply(new AwarenessRecorded(incidentId, command.awareAt(), clocks));
        for (String jurisdiction : clocks) {
            NotificationClock clock = NotificationClock.start(jurisdiction, command.awareAt());
            deadlines.schedule(clock.approachingAt(), NotificationClock.APPROACHING, clock);
            deadlines.schedule(clock.dueAt(), NotificationClock.MISSED, clock);
        }
    }

    /**
     * Three quarters of a clock's period are gone. Recorded only while the incident is open and the jurisdiction's
     * required notices are not all in: recording them stops the clock. Not recorded once the clock is missed: when
     * both deadlines come due while the service is down, the scheduler may fire them in either order, and a warning
     * after the miss would tell readers of the history that the deadline is still ahead.
     */
    @DeadlineHandler(deadlineName = NotificationClock.APPROACHING)
    void onDeadlineApproaching(NotificationClock clock) {
        if (clockRuns(clock) && !missedClocks.contains(clock.jurisdiction())) {
            apply(new NotificationDeadlineApproaching(
                    incidentId, clock.jurisdiction(), clock.dueAt(), clock.approachingAt()));
        }
    }

    @DeadlineHandler(deadlineName = NotificationClock.MISSED)
    void onDeadlineMissed(NotificationClock clock) {
        if (clockRuns(clock)) {
            apply(new NotificationDeadlineMissed(incidentId, clock.jurisdiction(), clock.dueAt()));
        }
    }

    private boolean clockRuns(NotificationClock clock) {
        return status.isOpen()
                && clock.requiredRecipients().stream()
                        .anyMatch(recipient ->
                                !firstNoticeByDuty.containsKey(new Duty(clock.jurisdiction(), recipient.name())));
    }

    /**
     * A sample goes to verification, in any open status. The first sample moves a REPORTED or TRIAGED incident to
     * UNDER_VERIFICATION. A further sample (a bigger dump, a second seller) is recorded too, with its own id, and
     * leaves the status where it is, so a VERIFIED or NOTIFIED incident does not fall back. The same sample twice
     * records nothing.
     */
    @CommandHandler
    void handle(StartVerification command) {
        String sampleId = text(command.sampleId(), "A verification needs a sample id");
        requireTime(command.startedAt(), "startedAt");
        requireOpen("start a verification");
        startVerification(sampleId, command.startedAt());
    }

    /**
     * An uploaded sample, in any open status: records {@code SampleSubmitted} (the chain-of-custody figures), then
     * starts its verification by the rules of {@link StartVerification}. The same sample with the same digest again
     * records nothing; the same sample id with another digest is refused.
     */
    @CommandHandler
    void handle(SubmitSample command) {
        String sampleId = text(command.sampleId(), "A sample needs an id");
        String digest = text(command.sha256(), "A sample needs its SHA-256").toLowerCase(Locale.ROOT);
        if (!SHA_256_HEX.matcher(digest).matches()) {
            throw new IllegalArgumentException("A sample's digest must be a SHA-256 in hex (64 digits)");
        }
        if (command.bytes() < 0 || command.rows() < 0 || command.chunks() < 0) {
            throw new IllegalArgumentException("A sample's sizes cannot be negative");
        }
        if (command.invalidRows() < 0 || command.invalidRows() > command.rows()) {
            throw new IllegalArgumentException("A sample's invalid rows are between 0 and its rows");
        }
        String keyId = text(command.tokenKeyId(), "A sample needs the id of its tokenisation key");
        requireTime(command.submittedAt(), "submittedAt");
        String action = "submit sample " + sampleId;
        requireOpen(action);
        String earlier = submittedDigests.get(sampleId);
        if (digest.equals(earlier)) {
            return;
        }
        if (earlier != null) {
            throw refused(action, "that sample id was already submitted with another digest");
        }
        apply(new SampleSubmitted(
                incidentId,
                sampleId,
                digest,
                command.bytes(),
                command.rows(),
                command.invalidRows(),
                command.chunks(),
                command.headerNames(),
                command.mappedColumns(),
                command.unmappedColumns(),
                keyId,
                command.submittedAt()));
        startVerification(sampleId, command.submittedAt());
    }

    private void startVerification(String sampleId, Instant startedAt) {
        if (samples.contains(sampleId)) {
            return;
        }
        apply(new IncidentUnderVerification(incidentId, sampleId, startedAt));
    }

    /**
     * matching-service's verdict on a sample that this incident sent, once per sample. The first verdict moves an
     * UNDER_VERIFICATION incident to VERIFIED; a later sample's verdict becomes the incident's latest verdict without
     * moving it. The same verdict again records nothing; a different verdict for an already verified sample is
     * refused. The verdict is not checked against matching-service's vocabulary: it is matching's word, and a new
     * verdict there must not make intake refuse a completed verification.
     */
    @CommandHandler
    void handle(RecordVerificationResult command) {
        String sampleId = text(command.sampleId(), "A verification result needs a sample id");
        String verdict =
                text(command.verdict(), "A verification result needs a verdict").toUpperCase(Locale.ROOT);
        requireTime(command.verifiedAt(), "verifiedAt");
        String action = "record the verification of sample " + sampleId;
        requireOpen(action);
        if (!samples.contains(sampleId)) {
            throw refused(action, "this incident never started verifying that sample");
        }
        String earlier = verdicts.get(sampleId);
        if (verdict.equals(earlier)) {
            return;
        }
        if (earlier != null) {
            throw refused(action, "it was already verified as " + earlier);
        }
        apply(new IncidentVerified(incidentId, sampleId, verdict, command.verifiedAt()));
        completeNotificationIfDue();
    }

    /**
     * A notice to one jurisdiction's authority or data subjects, in any open status once awareness is recorded, and
     * only for a jurisdiction whose clock runs. Verification is not waited for: UU PDP's 3 x 24 hours often run out
     * before a verdict is in. A follow-up notice (another time) is recorded too; the same notice twice records nothing.
     * When every jurisdiction has both recipients notified and the incident is VERIFIED, it becomes NOTIFIED; if the
     * notices are complete before the verdict, it becomes NOTIFIED together with its verdict.
     */
    @CommandHandler
    void handle(RecordNotification command) {
        String jurisdiction = jurisdiction(command.jurisdiction());
        NotificationRecipient recipient = NotificationRecipient.of(command.recipient());
        requireTime(command.notifiedAt(), "notifiedAt");
        requireTime(command.recordedAt(), "recordedAt");
        String action = "record a notification";
        requireOpen(action);
        if (awareAt == null) {
            throw refused(action, "no awareness was recorded, so no notification clock runs");
        }
        if (!clockJurisdictions.contains(jurisdiction)) {
            throw refused(action, jurisdiction + " is not among the incident's jurisdictions " + clockJurisdictions);
        }
        if (command.notifiedAt().isBefore(awareAt)) {
            throw refused(action, "the notice would precede the awareness at " + awareAt);
        }
        if (notices.contains(new Notice(new Duty(jurisdiction, recipient.name()), command.notifiedAt()))) {
            return;
        }
        apply(new NotificationRecorded(
                incidentId, jurisdiction, recipient.name(), command.notifiedAt(), command.recordedAt()));
        completeNotificationIfDue();
    }

    /**
     * Closing, only from VERIFIED or NOTIFIED: an incident is not closed on a claim nobody checked (dismiss it
     * instead). From VERIFIED, i.e. without every notice, the command must say why in its note (say, a FABRICATED
     * verdict owes nobody a notice); from NOTIFIED the note is optional.
     */
    @CommandHandler
    void handle(CloseIncident command) {
        requireTime(command.closedAt(), "closedAt");
        String note = command.note() == null || command.note().isBlank()
                ? null
                : command.note().strip();
        String action = "close the incident";
        requireOpen(action);
        if (status != IncidentStatus.VERIFIED && status != IncidentStatus.NOTIFIED) {
            throw refused(action, "only a verified or notified incident can be closed; dismiss it instead");
        }
        if (status == IncidentStatus.VERIFIED && note == null) {
            throw refused(action, "its notifications are incomplete, and the note does not say why none are due");
        }
        apply(new IncidentClosed(incidentId, command.closedAt(), note));
    }

    /** Dismissal, from any open status, with a reason. */
    @CommandHandler
    void handle(DismissIncident command) {
        String reason = text(command.reason(), "A dismissal needs a reason");
        requireTime(command.dismissedAt(), "dismissedAt");
        requireOpen("dismiss the incident");
        apply(new IncidentDismissed(incidentId, reason, command.dismissedAt()));
    }

    /**
     * An observable, in any open status. An offer link must be an absolute URI, a file digest a hex SHA-256 (stored in
     * lower case). The same observable again records nothing; its id with another kind or value, or its kind and value
     * under another id, is refused: one link has one takedown.
     */
    @CommandHandler
    void handle(AddObservable command) {
        String observableId = text(command.observableId(), "An observable needs an id");
        ObservableKind kind = ObservableKind.of(command.kind());
        String value = observableValue(kind, command.value());
        requireTime(command.addedAt(), "addedAt");
        String action = "add observable " + observableId;
        requireOpen(action);
        Observable existing = observables.get(observableId);
        if (existing != null) {
            if (existing.kind() == kind && existing.value().equals(value)) {
                return;
            }
            throw refused(action, "that id is already taken by " + existing.kind() + " " + existing.value());
        }
        Optional<String> sameValue = observables.entrySet().stream()
                .filter(entry -> entry.getValue().kind() == kind
                        && entry.getValue().value().equals(value))
                .map(Map.Entry::getKey)
                .findFirst();
        if (sameValue.isPresent()) {
            throw refused(action, kind + " " + value + " is already observable " + sameValue.get());
        }
        apply(new ObservableAdded(incidentId, observableId, kind.name(), value, command.addedAt()));
    }

    /**
     * A takedown step, in any open status, for an OFFER_LINK observable only. A takedown starts with REQUESTED; after
     * that any state may follow (a FAILED takedown is requested again, a link that was DONE comes back and is requested
     * again, a host acts after all). The current state again records nothing.
     */
    @CommandHandler
    void handle(ChangeTakedownState command) {
        String observableId = text(command.observableId(), "A takedown needs an observable id");
        TakedownState state = TakedownState.of(command.state());
        requireTime(command.changedAt(), "changedAt");
        String action = "mark the takedown of " + observableId + " " + state;
        requireOpen(action);
        Observable observable = observables.get(observableId);
        if (observable == null) {
            throw refused(action, "the incident has no observable " + observableId);
        }
        if (observable.kind() != ObservableKind.OFFER_LINK) {
            throw refused(action, "only an offer link can be taken down, not a " + observable.kind());
        }
        if (observable.takedown() == state) {
            return;
        }
        if (observable.takedown() == null && state != TakedownState.REQUESTED) {
            throw refused(action, "no takedown was requested yet");
        }
        apply(new TakedownStateChanged(incidentId, observableId, state.name(), command.changedAt()));
    }

    /** The incident's status, for tests that check where a history leaves it. */
    IncidentStatus status() {
        return status;
    }

    private void completeNotificationIfDue() {
        if (status != IncidentStatus.VERIFIED || clockJurisdictions.isEmpty()) {
            return;
        }
        Instant last = null;
        for (String jurisdiction : clockJurisdictions) {
            for (NotificationRecipient recipient : NotificationRecipient.values()) {
                Instant first = firstNoticeByDuty.get(new Duty(jurisdiction, recipient.name()));
                if (first == null) {
                    return;
                }
                last = last == null || first.isAfter(last) ? first : last;
            }
        }
        apply(new IncidentNotified(incidentId, last));
    }

    private void requireOpen(String action) {
        if (!status.isOpen()) {
            throw refused(action, "nothing more is recorded for it");
        }
    }

    private IncidentTransitionRefused refused(String action, String reason) {
        return new IncidentTransitionRefused(status, action, reason);
    }

    private static String text(String value, String message) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(message);
        }
        return value.strip();
    }

    private static void requireTime(Instant time, String name) {
        if (time == null) {
            throw new IllegalArgumentException(name + " is required");
        }
    }

    private static String jurisdiction(String value) {
        return text(value, "A jurisdiction must not be blank").toUpperCase(Locale.ROOT);
    }

    private static List<String> jurisdictions(Collection<String> values) {
        if (values == null) {
            return List.of();
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (String value : values) {
            distinct.add(jurisdiction(value));
        }
        return new ArrayList<>(distinct);
    }

    private static String observableValue(ObservableKind kind, String raw) {
        String value = text(raw, "An observable needs a value");
        switch (kind) {
            case FILE_DIGEST -> {
                String digest = value.toLowerCase(Locale.ROOT);
                if (!SHA_256_HEX.matcher(digest).matches()) {
                    throw new IllegalArgumentException("A file digest must be a SHA-256 in hex (64 digits)");
                }
                return digest;
            }
            case OFFER_LINK -> {
                try {
                    if (!new URI(value).isAbsolute()) {
                        throw new IllegalArgumentException("An offer link must be an absolute URI");
                    }
                } catch (URISyntaxException e) {
                    throw new IllegalArgumentException("An offer link must be a URI: " + e.getMessage(), e);
                }
                return value;
            }
            default -> {
                return value;
            }
        }
    }

    @EventSourcingHandler
    void on(IncidentReported event) {
        incidentId = event.incidentId();
        status = IncidentStatus.REPORTED;
        reportedJurisdictions = event.jurisdictions();
    }

    @EventSourcingHandler
    void on(IncidentTriaged event) {
        status = status.after(event);
        triage = new Triage(event.severity(), event.marking(), event.owner());
    }

    @EventSourcingHandler
    void on(SightingRecorded event) {
        sightings.add(new Sighting(event.source(), event.seenAt()));
    }

    @EventSourcingHandler
    void on(AwarenessRecorded event) {
        awareAt = event.awareAt();
        clockJurisdictions = event.jurisdictions();
    }

    @EventSourcingHandler
    void on(NotificationDeadlineMissed event) {
        missedClocks.add(event.jurisdiction());
    }

    @EventSourcingHandler
    void on(IncidentUnderVerification event) {
        status = status.after(event);
        samples.add(event.sampleId());
    }

    @EventSourcingHandler
    void on(SampleSubmitted event) {
        submittedDigests.put(event.sampleId(), event.sha256());
    }

    @EventSourcingHandler
    void on(IncidentVerified event) {
        status = status.after(event);
        verdicts.put(event.sampleId(), event.verdict());
    }

    @EventSourcingHandler
    void on(NotificationRecorded event) {
        Duty duty = new Duty(event.jurisdiction(), event.recipient());
        notices.add(new Notice(duty, event.notifiedAt()));
        firstNoticeByDuty.merge(duty, event.notifiedAt(), (a, b) -> a.isBefore(b) ? a : b);
    }

    @EventSourcingHandler
    void on(IncidentNotified event) {
        status = status.after(event);
    }

    @EventSourcingHandler
    void on(IncidentClosed event) {
        status = status.after(event);
    }

    @EventSourcingHandler
    void on(IncidentDismissed event) {
        status = status.after(event);
    }

    @EventSourcingHandler
    void on(ObservableAdded event) {
        observables.put(
                event.observableId(), new Observable(ObservableKind.valueOf(event.kind()), event.value(), null));
    }

    @EventSourcingHandler
    void on(TakedownStateChanged event) {
        observables.computeIfPresent(
                event.observableId(),
                (id, observable) -> observable.withTakedown(TakedownState.valueOf(event.state())));
    }

    private record Triage(String severity, String marking, String owner) {}

    private record Sighting(ReportSource source, Instant seenAt) {}

    /** One recipient of one jurisdiction: what the law requires a notice for. */
    private record Duty(String jurisdiction, String recipient) {}

    private record Notice(Duty duty, Instant notifiedAt) {}

    private record Observable(ObservableKind kind, String value, TakedownState takedown) {

        Observable withTakedown(TakedownState state) {
            return new Observable(kind, value, state);
        }
    }
}
