package io.leakwatch.platform.health;

import io.leakwatch.platform.config.LeakwatchConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only when every tracking event processor of the service runs, is not in error, is not replaying, has caught up
 * with the event store once, and lags the store's head by at most {@code leakwatch.health.max-processor-lag} events.
 * A processor whose segments another replica holds is that replica's concern and counts as ready here.
 */
@Readiness
@ApplicationScoped
public class EventProcessorsReadiness implements HealthCheck {

    static final String NAME = "Axon event processors";

    private final EventProcessorStates processors;
    private final long maxLag;

    EventProcessorsReadiness(EventProcessorStates processors, LeakwatchConfig config) {
        this.processors = processors;
        this.maxLag = config.health().maxProcessorLag();
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).up();
        for (EventProcessorStates.State state : processors.states()) {
            String verdict = verdict(state, maxLag);
            response.withData(state.name(), verdict);
            state.lag().ifPresent(lag -> response.withData(state.name() + ".lag", lag));
            if (!verdict.equals("UP")) {
                response.down();
            }
        }
        return response.build();
    }

    /** UP, or why the processor keeps the service from being ready. */
    static String verdict(EventProcessorStates.State state, long maxLag) {
        if (!state.running()) {
            return "NOT_RUNNING";
        }
        if (state.error()) {
            return "ERROR" + (state.errorMessage() == null ? "" : " " + state.errorMessage());
        }
        if (state.claimedSegments() == 0) {
            return "UP";
        }
        // Note: Axon keeps a processor's replay flag until it handles an event past the reset point; with nothing
        // new in the store that never happens, so a replay that has caught up with the head counts as done.
        boolean replayDone =
                state.caughtUp() && state.lag().isPresent() && state.lag().getAsLong() == 0;
        if (state.replaying() && !replayDone) {
            return "REPLAYING";
        }
        if (!state.caughtUp()) {
            return "CATCHING_UP";
        }
        if (state.lag().orElse(0) > maxLag) {
            return "LAGGING";
        }
        return "UP";
    }
}
