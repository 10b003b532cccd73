package io.leakwatch.intake.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * One jurisdiction's notification clock, started by the organisation's first awareness (DESIGN.md, Deadlines). It
 * travels as the payload of the Incident's persisted deadlines, so it carries its own times.
 *
 * @param dueAt when the jurisdiction's notification period ends
 * @param approachingAt when three quarters of it have passed
 */
public record NotificationClock(String jurisdiction, Instant awareAt, Instant dueAt, Instant approachingAt) {

    /** Deadline names, as stored by the deadline manager. */
    static final String APPROACHING = "notification-deadline-approaching";

    static final String MISSED = "notification-deadline-missed";

    /**
     * UU PDP No. 27/2022 Art. 46 (ID) gives 3 x 24 hours for written notice to the data subjects and the authority;
     * GDPR Art. 33 (EU) gives 72 hours to the supervisory authority. Note: a jurisdiction we have no rule for gets the
     * stricter common ground, 72 hours to its authority, so that no clock is silently missing.
     */
    private static final Duration PERIOD = Duration.ofHours(72);

    public static NotificationClock start(String jurisdiction, Instant awareAt) {
        Instant dueAt = awareAt.plus(PERIOD);
        return new NotificationClock(
                jurisdiction,
                awareAt,
                dueAt,
                awareAt.plus(PERIOD.multipliedBy(3).dividedBy(4)));
    }

    /** The recipients whose notices stop this clock. */
    public Set<NotificationRecipient> requiredRecipients() {
        return jurisdiction.toUpperCase(Locale.ROOT).equals("ID")
                ? Set.of(NotificationRecipient.AUTHORITY, NotificationRecipient.DATA_SUBJECTS)
                : Set.of(NotificationRecipient.AUTHORITY);
    }
}
