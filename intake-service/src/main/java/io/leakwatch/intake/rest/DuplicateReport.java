package io.leakwatch.intake.rest;

/**
 * The answer to a report of a claim that an open incident already tracks: no new incident, a new sighting of it.
 *
 * @param incidentId the open incident the report matched
 * @param outcome always {@code SIGHTING_RECORDED}
 * @param detail for a person
 * @param incident the incident as it now stands
 */
public record DuplicateReport(String incidentId, String outcome, String detail, IncidentView incident) {

    static DuplicateReport of(IncidentView incident) {
        return new DuplicateReport(
                incident.incidentId(),
                "SIGHTING_RECORDED",
                "This claim matches open incident " + incident.incidentId()
                        + " (same source link or file digest); it was recorded as a new sighting of it.",
                incident);
    }
}
