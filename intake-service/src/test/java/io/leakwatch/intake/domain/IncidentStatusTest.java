package io.leakwatch.intake.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.contracts.incident.IncidentClosed;
import io.leakwatch.contracts.incident.IncidentTriaged;
import io.leakwatch.contracts.incident.SightingRecorded;
import java.time.Instant;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class IncidentStatusTest {

    @Test
    void onlyClosedAndDismissedIncidentsAreNotOpen() {
        EnumSet<IncidentStatus> ended = EnumSet.noneOf(IncidentStatus.class);
        for (IncidentStatus status : IncidentStatus.values()) {
            if (!status.isOpen()) {
                ended.add(status);
            }
        }

        assertThat(ended).containsExactlyInAnyOrder(IncidentStatus.CLOSED, IncidentStatus.DISMISSED);
    }

    @ParameterizedTest
    @EnumSource(IncidentStatus.class)
    void aSightingMovesNoStatus(IncidentStatus status) {
        assertThat(status.after(new SightingRecorded("i", null, Instant.EPOCH, Instant.EPOCH)))
                .isEqualTo(status);
    }

    @Test
    void aTriageMovesOnlyAReportedIncident() {
        IncidentTriaged triaged = new IncidentTriaged("i", "LOW", "TLP:CLEAR", "a", Instant.EPOCH);

        assertThat(IncidentStatus.REPORTED.after(triaged)).isEqualTo(IncidentStatus.TRIAGED);
        assertThat(IncidentStatus.VERIFIED.after(triaged)).isEqualTo(IncidentStatus.VERIFIED);
    }

    @Test
    void closingEndsTheIncident() {
        assertThat(IncidentStatus.NOTIFIED.after(new IncidentClosed("i", Instant.EPOCH, null)))
                .isEqualTo(IncidentStatus.CLOSED);
    }
}
