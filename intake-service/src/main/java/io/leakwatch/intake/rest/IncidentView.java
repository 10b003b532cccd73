package io.leakwatch.intake.rest;

import io.leakwatch.contracts.incident.AskingPrice;
import io.leakwatch.contracts.incident.ReportSource;
import java.time.Instant;
import java.util.List;

/**
 * An incident as a caller of the intake API sees it: the report and every fact recorded since, folded from the
 * incident's events by {@link IncidentHistory}.
 *
 * @param status REPORTED, TRIAGED, UNDER_VERIFICATION, VERIFIED, NOTIFIED, CLOSED or DISMISSED
 * @param askingPrice what the seller asks; null when not known
 * @param marking the incident's TLP marking: the latest triage's, else the report's; null when none
 * @param triage the latest assessment; null until triaged
 * @param awareness when the organisation became aware and whose clocks run; null until recorded
 * @param sightings later sightings of the same claim, oldest first
 * @param samples the samples sent to verification, in the order they were started
 * @param verdict the latest verdict of any sample; null until one is verified
 * @param notifications every notice recorded, oldest record first
 * @param notifiedAt when the last required notice went out; null until the incident is NOTIFIED
 * @param observables links, handles and digests, with each link's takedown
 * @param closure how the incident was closed; null unless CLOSED
 * @param dismissal why the incident was dismissed; null unless DISMISSED
 * @param version the sequence number of the incident's latest event
 */
public record IncidentView(
        String incidentId,
        String status,
        String title,
        ReportSource source,
        long claimedRecordCount,
        List<String> dataCategories,
        Instant discoveredAt,
        List<String> jurisdictions,
        Instant reportedAt,
        AskingPrice askingPrice,
        String marking,
        Triage triage,
        Awareness awareness,
        List<Sighting> sightings,
        List<Sample> samples,
        String verdict,
        List<Notification> notifications,
        Instant notifiedAt,
        List<Observable> observables,
        Closure closure,
        Dismissal dismissal,
        long version) {

    /** An analyst's assessment. */
    public record Triage(String severity, String marking, String owner, Instant triagedAt) {}

    /** The start of the notification clocks, and where each clock stands. */
    public record Awareness(Instant awareAt, List<String> jurisdictions, List<Clock> clocks) {}

    /**
     * A jurisdiction's notification clock.
     *
     * @param state RUNNING, APPROACHING (three quarters gone), MISSED, or STOPPED (the required notices are in)
     */
    public record Clock(String jurisdiction, Instant dueAt, String state) {}

    /** The claim seen again. */
    public record Sighting(ReportSource source, Instant seenAt, Instant recordedAt) {}

    /** A sample and, once matching-service is done, its verdict. */
    public record Sample(String sampleId, Instant startedAt, String verdict, Instant verifiedAt) {}

    /** A notice to a jurisdiction's AUTHORITY or DATA_SUBJECTS. */
    public record Notification(String jurisdiction, String recipient, Instant notifiedAt, Instant recordedAt) {}

    /**
     * An OFFER_LINK, SELLER_HANDLE or FILE_DIGEST.
     *
     * @param takedownState REQUESTED, DONE or FAILED for a link whose takedown began; null otherwise
     */
    public record Observable(
            String observableId,
            String kind,
            String value,
            Instant addedAt,
            String takedownState,
            Instant takedownChangedAt) {}

    /** The end of a handled incident. */
    public record Closure(Instant closedAt, String note) {}

    /** The end of a dropped incident. */
    public record Dismissal(Instant dismissedAt, String reason) {}
}
