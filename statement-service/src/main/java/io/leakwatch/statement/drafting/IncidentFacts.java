package io.leakwatch.statement.drafting;

import io.leakwatch.contracts.IntegrationEvent;
import io.leakwatch.contracts.incident.AwarenessRecorded;
import io.leakwatch.contracts.incident.IncidentClosed;
import io.leakwatch.contracts.incident.IncidentDismissed;
import io.leakwatch.contracts.incident.IncidentNotified;
import io.leakwatch.contracts.incident.IncidentReported;
import io.leakwatch.contracts.incident.IncidentUnderVerification;
import io.leakwatch.contracts.incident.NotificationRecorded;
import io.leakwatch.contracts.incident.SampleSubmitted;
import io.leakwatch.contracts.incident.SightingRecorded;
import io.leakwatch.contracts.verification.VerificationCompleted;
import io.leakwatch.contracts.verification.VerificationFailed;
import io.leakwatch.contracts.verification.VerificationOpened;
import io.leakwatch.contracts.verification.VerificationStarted;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What statement-service knows about one incident that a public statement may say, folded from the events of every
 * topic. Topics are not ordered against each other, so the fold does not depend on the order of arrival: earliest and
 * latest times are kept as minimum and maximum, and a sample's state only moves forward. A statement is drafted once
 * the claim itself is known.
 *
 * <p>Not folded, because they are not public: the triage (severity, marking, owner), observables and takedowns, the
 * reasons of a closure or dismissal, and sighting sources.
 *
 * @param reportedAt when intake recorded the claim; null while the claim is not known here yet
 * @param dataCategories what the seller says the records hold, as reported
 * @param verificationOpenedAt when matching got ready to verify a sample; null before
 * @param awareAt the first moment the organisation was aware; null while not recorded
 * @param sightings how many times the claim was seen again after the report
 * @param lastSeenAt the latest of those sightings; null without any
 * @param samples what is known of each sample, by sample id
 * @param notices the first notice per {@code JURISDICTION/RECIPIENT}
 * @param notifiedAt when every required notice had gone out; null before
 * @param closedAt when the incident was closed; null while open
 * @param dismissedAt when the incident was dismissed; null unless it was
 */
public record IncidentFacts(
        String incidentId,
        String title,
        long claimedRecordCount,
        Instant discoveredAt,
        Instant reportedAt,
        List<String> dataCategories,
        Instant verificationOpenedAt,
        Instant awareAt,
        int sightings,
        Instant lastSeenAt,
        SortedMap<String, Sample> samples,
        SortedMap<String, Instant> notices,
        Instant notifiedAt,
        Instant closedAt,
        Instant dismissedAt) {

    public IncidentFacts {
        dataCategories = dataCategories == null ? List.of() : List.copyOf(dataCategories);
        samples = new TreeMap<>(samples == null ? Map.of() : samples);
        notices = new TreeMap<>(notices == null ? Map.of() : notices);
    }

    /** Where a sample's verification stands; later states win over earlier ones whatever order events come in. */
    public enum SampleState {
        UNDER_WAY,
        FAILED,
        COMPLETED
    }

    /**
     * One sample of the offered data.
     *
     * @param rows data rows of the upload; null while only matching's or the lifecycle's events are known
     * @param columns the canonical columns it supplies; empty while unknown
     * @param receivedAt the earliest time any service recorded it
     * @param result the verification's findings; null unless completed
     */
    public record Sample(
            Long rows, List<String> columns, Instant receivedAt, SampleState state, Instant stateAt, Finding result) {

        public Sample {
            columns = columns == null ? List.of() : List.copyOf(columns);
        }

        static Sample seen(Instant at) {
            return new Sample(null, List.of(), at, SampleState.UNDER_WAY, at, null);
        }

        Sample seenAgain(Instant at) {
            Instant first = earliest(receivedAt, at);
            // A sample under way is dated by when it came in, whichever service's event said so first.
            return new Sample(rows, columns, first, state, state == SampleState.UNDER_WAY ? first : stateAt, result);
        }

        Sample upload(long uploadRows, List<String> uploadColumns) {
            return new Sample(uploadRows, uploadColumns, receivedAt, state, stateAt, result);
        }

        Sample moved(SampleState next, Instant at, Finding finding) {
            if (next.compareTo(state) <= 0) {
                return this;
            }
            return new Sample(rows, columns, receivedAt, next, at, finding);
        }
    }

    /**
     * What a completed verification found that the public may be told (DESIGN.md, Verification result).
     *
     * @param checkedRows valid, distinct, non-canary rows compared with the registry
     * @param matchRate the share of them whose NIK is a member's
     * @param latestUpdatedAt the newest {@code updated_at} in the sample, or null
     */
    public record Finding(
            String verdict, long checkedRows, double matchRate, long deceasedRows, LocalDate latestUpdatedAt) {}

    public static IncidentFacts none(String incidentId) {
        return new IncidentFacts(
                incidentId, null, 0, null, null, List.of(), null, null, 0, null, null, null, null, null, null);
    }

    public boolean claimKnown() {
        return reportedAt != null;
    }

    /** The sample the statement speaks of: the latest completed one, else the latest still under way, else failed. */
    public Optional<Sample> currentSample() {
        Comparator<Sample> byTime = Comparator.comparing(Sample::stateAt).thenComparing(Sample::receivedAt);
        for (SampleState state : List.of(SampleState.COMPLETED, SampleState.UNDER_WAY, SampleState.FAILED)) {
            Optional<Sample> latest =
                    samples.values().stream().filter(s -> s.state() == state).max(byTime);
            if (latest.isPresent()) {
                return latest;
            }
        }
        return Optional.empty();
    }

    /** These facts and what {@code event} adds to them. */
    public IncidentFacts with(IntegrationEvent event) {
        Builder next = new Builder(this);
        if (event instanceof IncidentReported reported) {
            next.title = reported.title();
            next.claimedRecordCount = reported.claimedRecordCount();
            next.discoveredAt = reported.discoveredAt();
            next.reportedAt = reported.reportedAt();
            next.dataCategories = reported.dataCategories();
        } else if (event instanceof VerificationOpened opened) {
            next.verificationOpenedAt = earliest(verificationOpenedAt, opened.openedAt());
        } else if (event instanceof AwarenessRecorded awareness) {
            next.awareAt = earliest(awareAt, awareness.awareAt());
        } else if (event instanceof SightingRecorded sighting) {
            next.sightings = sightings + 1;
            next.lastSeenAt = latest(lastSeenAt, sighting.seenAt());
        } else if (event instanceof SampleSubmitted submitted) {
            next.sample(
                    submitted.sampleId(),
                    submitted.submittedAt(),
                    s -> s.upload(
                            submitted.rows(),
                            submitted.mappedColumns().stream()
                                    .filter(c -> !c.equals("updated_at"))
                                    .toList()));
        } else if (event instanceof IncidentUnderVerification started) {
            next.sample(started.sampleId(), started.startedAt(), s -> s);
        } else if (event instanceof VerificationStarted started) {
            next.sample(started.sampleId(), started.startedAt(), s -> s);
        } else if (event instanceof VerificationCompleted completed) {
            var result = completed.result();
            Finding finding = new Finding(
                    result.verdict(),
                    result.matchedRows() + result.notFoundRows(),
                    result.matchRate(),
                    result.deceasedRows(),
                    result.latestUpdatedAt());
            next.sample(
                    completed.sampleId(),
                    completed.completedAt(),
                    s -> s.moved(SampleState.COMPLETED, completed.completedAt(), finding));
        } else if (event instanceof VerificationFailed failed) {
            next.sample(
                    failed.sampleId(), failed.failedAt(), s -> s.moved(SampleState.FAILED, failed.failedAt(), null));
        } else if (event instanceof NotificationRecorded notice) {
            next.notices.merge(
                    notice.jurisdiction() + "/" + notice.recipient(), notice.notifiedAt(), IncidentFacts::earliest);
        } else if (event instanceof IncidentNotified notified) {
            next.notifiedAt = earliest(notifiedAt, notified.notifiedAt());
        } else if (event instanceof IncidentClosed closed) {
            next.closedAt = earliest(closedAt, closed.closedAt());
        } else if (event instanceof IncidentDismissed dismissed) {
            next.dismissedAt = earliest(dismissedAt, dismissed.dismissedAt());
        }
        return next.build();
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    private static final class Builder {
        private final String incidentId;
        private String title;
        private long claimedRecordCount;
        private Instant discoveredAt;
        private Instant reportedAt;
        private List<String> dataCategories;
        private Instant verificationOpenedAt;
        private Instant awareAt;
        private int sightings;
        private Instant lastSeenAt;
        private final SortedMap<String, Sample> samples;
        private final SortedMap<String, Instant> notices;
        private Instant notifiedAt;
        private Instant closedAt;
        private Instant dismissedAt;

        Builder(IncidentFacts facts) {
            incidentId = facts.incidentId;
            title = facts.title;
            claimedRecordCount = facts.claimedRecordCount;
            discoveredAt = facts.discoveredAt;
            reportedAt = facts.reportedAt;
            dataCategories = facts.dataCategories;
            verificationOpenedAt = facts.verificationOpenedAt;
            awareAt = facts.awareAt;
            sightings = facts.sightings;
            lastSeenAt = facts.lastSeenAt;
            samples = new TreeMap<>(facts.samples);
            notices = new TreeMap<>(facts.notices);
            notifiedAt = facts.notifiedAt;
            closedAt = facts.closedAt;
            dismissedAt = facts.dismissedAt;
        }

        void sample(String sampleId, Instant at, java.util.function.UnaryOperator<Sample> change) {
            Sample known = samples.get(sampleId);
            Sample base = known == null ? Sample.seen(at) : known.seenAgain(at);
            samples.put(sampleId, change.apply(base));
        }

        IncidentFacts build() {
            return new IncidentFacts(
                    incidentId,
                    title,
                    claimedRecordCount,
                    discoveredAt,
                    reportedAt,
                    dataCategories,
                    verificationOpenedAt,
                    awareAt,
                    sightings,
                    lastSeenAt,
                    samples,
                    notices,
                    notifiedAt,
                    closedAt,
                    dismissedAt);
        }
    }
}
