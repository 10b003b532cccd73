package io.leakwatch.intake.domain;

import io.leakwatch.contracts.incident.IncidentClosed;
import io.leakwatch.contracts.incident.IncidentDismissed;
import io.leakwatch.contracts.incident.IncidentNotified;
import io.leakwatch.contracts.incident.IncidentReported;
import io.leakwatch.contracts.incident.IncidentTriaged;
import io.leakwatch.contracts.incident.IncidentUnderVerification;
import io.leakwatch.contracts.incident.IncidentVerified;

/**
 * Where an incident stands in its life: REPORTED → TRIAGED → UNDER_VERIFICATION → VERIFIED → NOTIFIED → CLOSED, or
 * DISMISSED from any open status. The status only ever moves forward; which commands may move it is the
 * {@link Incident}'s business, what an event does to it is {@link #after(Object)}'s.
 */
public enum IncidentStatus {
    REPORTED,
    TRIAGED,
    UNDER_VERIFICATION,
    VERIFIED,
    NOTIFIED,
    CLOSED,
    DISMISSED;

    /** Whether anything may still be recorded for the incident: everything but CLOSED and DISMISSED. */
    public boolean isOpen() {
        return this != CLOSED && this != DISMISSED;
    }

    /**
     * The status an incident at this status is at after {@code event}. Events that do not move the status (sightings,
     * observables, notifications, ...) leave it as it is. The aggregate and every view of an incident's stream fold
     * the status with this one function, so they cannot disagree.
     *
     * <p>Note: a re-triage, a further sample or a further verdict never moves an incident back: an incident under
     * verification that is triaged again stays under verification.
     */
    public IncidentStatus after(Object event) {
        if (event instanceof IncidentReported) {
            return REPORTED;
        }
        if (event instanceof IncidentTriaged) {
            return this == REPORTED ? TRIAGED : this;
        }
        if (event instanceof IncidentUnderVerification) {
            return this == REPORTED || this == TRIAGED ? UNDER_VERIFICATION : this;
        }
        if (event instanceof IncidentVerified) {
            return this == UNDER_VERIFICATION ? VERIFIED : this;
        }
        if (event instanceof IncidentNotified) {
            return NOTIFIED;
        }
        if (event instanceof IncidentClosed) {
            return CLOSED;
        }
        if (event instanceof IncidentDismissed) {
            return DISMISSED;
        }
        return this;
    }
}
