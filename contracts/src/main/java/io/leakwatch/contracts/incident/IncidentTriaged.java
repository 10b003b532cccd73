package io.leakwatch.contracts.incident;

import io.leakwatch.contracts.IntegrationEvent;
import io.leakwatch.contracts.Revision;
import java.time.Instant;

/**
 * An analyst assessed the incident: how bad it is, who may see it, and who works on it. A later triage replaces the
 * earlier assessment.
 *
 * @param severity LOW, MEDIUM, HIGH or CRITICAL
 * @param marking the Traffic Light Protocol label that limits sharing: TLP:CLEAR, TLP:GREEN, TLP:AMBER,
 *     TLP:AMBER+STRICT or TLP:RED
 * @param owner the analyst (or team) responsible for the incident
 * @param triagedAt when the analyst made the assessment
 */
@Revision(1)
public record IncidentTriaged(String incidentId, String severity, String marking, String owner, Instant triagedAt)
        implements IntegrationEvent {}
