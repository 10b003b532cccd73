package io.leakwatch.intake.domain;

/**
 * A well-formed command that the incident's history does not allow, e.g. closing an incident that was never verified
 * or recording awareness twice. Nothing is recorded. The REST layer answers it with 409 Conflict; a command that is
 * malformed on its own (a blank reason, an unknown severity) is an {@link IllegalArgumentException} instead (400).
 */
public class IncidentTransitionRefused extends RuntimeException {

    private final IncidentStatus status;
    private final String action;

    public IncidentTransitionRefused(IncidentStatus status, String action, String reason) {
        super("Cannot " + action + ": " + reason + " (the incident is " + status + ")");
        this.status = status;
        this.action = action;
    }

    /** The incident's status when the command was refused. */
    public IncidentStatus status() {
        return status;
    }

    /** What the command tried to do, e.g. {@code close the incident}. */
    public String action() {
        return action;
    }
}
