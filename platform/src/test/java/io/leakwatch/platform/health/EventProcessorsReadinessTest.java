package io.leakwatch.platform.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class EventProcessorsReadinessTest {

    private static final long MAX_LAG = 1000;

    @Test
    void aRunningProcessorThatCaughtUpIsReady() {
        assertThat(verdict(true, false, false, true, 1, 0)).isEqualTo("UP");
        assertThat(verdict(true, false, false, true, 1, MAX_LAG)).isEqualTo("UP");
    }

    @Test
    void aReplayingProcessorIsNotReady() {
        assertThat(verdict(true, false, true, false, 1, 5000)).isEqualTo("REPLAYING");
    }

    @Test
    void aReplayThatCaughtUpWithTheStoresHeadIsDoneEvenThoughAxonStillFlagsIt() {
        assertThat(verdict(true, false, true, true, 1, 0)).isEqualTo("UP");
    }

    @Test
    void aReplayAtTheStoresHeadIsDoneEvenBeforeAxonFlagsItCaughtUp() {
        assertThat(verdict(true, false, true, false, 1, 0)).isEqualTo("UP");
    }

    @Test
    void aProcessorAtTheStoresHeadIsReadyEvenThoughAxonNeverFlaggedItCaughtUp() {
        // A processor that ignores most event types, under steady load: each poll returns only ignored events, and
        // Axon sets the flag only after a handled batch or an empty poll.
        assertThat(verdict(true, false, false, false, 1, 0)).isEqualTo("UP");
    }

    @Test
    void aReplayThatCaughtUpOnceButLagsAgainIsStillReplaying() {
        assertThat(verdict(true, false, true, true, 1, 1)).isEqualTo("REPLAYING");
    }

    @Test
    void aReplayWithUnknownLagIsStillReplaying() {
        EventProcessorStates.State unknownLag =
                new EventProcessorStates.State("p", true, false, true, true, 1, OptionalLong.empty(), null);
        assertThat(EventProcessorsReadiness.verdict(unknownLag, MAX_LAG)).isEqualTo("REPLAYING");
    }

    @Test
    void aProcessorInErrorIsNotReady() {
        EventProcessorStates.State failing = new EventProcessorStates.State(
                "kafka-forwarder", true, true, false, true, 1, OptionalLong.of(3), "IllegalStateException");
        assertThat(EventProcessorsReadiness.verdict(failing, MAX_LAG)).isEqualTo("ERROR IllegalStateException");
    }

    @Test
    void aStoppedProcessorIsNotReady() {
        assertThat(verdict(false, false, false, true, 0, 0)).isEqualTo("NOT_RUNNING");
    }

    @Test
    void aProcessorStillCatchingUpOrFarBehindIsNotReady() {
        assertThat(verdict(true, false, false, false, 1, 10)).isEqualTo("CATCHING_UP");
        assertThat(verdict(true, false, false, true, 1, MAX_LAG + 1)).isEqualTo("LAGGING");
    }

    @Test
    void aProcessorWhoseSegmentsAnotherReplicaHoldsIsThatReplicasConcern() {
        EventProcessorStates.State elsewhere = new EventProcessorStates.State(
                "incident-summaries", true, false, false, true, 0, OptionalLong.empty(), null);
        assertThat(EventProcessorsReadiness.verdict(elsewhere, MAX_LAG)).isEqualTo("UP");
    }

    private static String verdict(
            boolean running, boolean error, boolean replaying, boolean caughtUp, int segments, long lag) {
        return EventProcessorsReadiness.verdict(
                new EventProcessorStates.State(
                        "p", running, error, replaying, caughtUp, segments, OptionalLong.of(lag), null),
                MAX_LAG);
    }
}
