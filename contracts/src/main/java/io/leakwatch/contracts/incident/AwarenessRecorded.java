package io.leakwatch.contracts.incident;

import io.leakwatch.contracts.IntegrationEvent;
import io.leakwatch.contracts.Revision;
import java.time.Instant;
import java.util.List;

/**
 * The organisation became aware of the incident. This moment starts the notification clock of every listed
 * jurisdiction (UU PDP Art. 46: 3 x 24 hours; GDPR Art. 33: 72 hours). Recorded at most once per incident.
 *
 * @param awareAt when the organisation became aware
 * @param jurisdictions ISO codes of the jurisdictions whose clocks start (ID, EU, ...), never empty
 */
@Revision(1)
public record AwarenessRecorded(String incidentId, Instant awareAt, List<String> jurisdictions)
        implements IntegrationEvent {

    public AwarenessRecorded {
        jurisdictions = jurisdictions == null ? List.of() : List.copyOf(jurisdictions);
    }
}
