package io.leakwatch.intake.domain;

/** Where an incident stands in its life. */
public enum IncidentStatus {
    REPORTED
}
