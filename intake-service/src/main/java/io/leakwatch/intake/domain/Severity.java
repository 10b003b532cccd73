package io.leakwatch.intake.domain;

/** How bad an incident is, as triaged by an analyst. */
public enum Severity {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL;

    /** @throws IllegalArgumentException when {@code value} names no severity */
    public static Severity of(String value) {
        return Vocabulary.parse(Severity.class, value, "A severity");
    }
}
