package io.leakwatch.intake.domain;

/** Who a jurisdiction's law says must be notified of a leak. */
public enum NotificationRecipient {
    /** The supervisory authority (Indonesia's PDP authority, an EU data protection authority). */
    AUTHORITY,
    /** The people whose data leaked. */
    DATA_SUBJECTS;

    /** @throws IllegalArgumentException when {@code value} names no recipient */
    public static NotificationRecipient of(String value) {
        return Vocabulary.parse(NotificationRecipient.class, value, "A recipient");
    }
}
