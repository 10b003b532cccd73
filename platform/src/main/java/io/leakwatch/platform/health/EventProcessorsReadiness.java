package io.leakwatch.platform.health;

import io.leakwatch.platform.config.LeakwatchConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only when every tracking event processor of the service runs, is not in error, is not replaying, has caught up
 * with the event store once (or stands at its head now), and lags the store's head by at most {@code leakwatch.health.max-processor-lag} events.
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
        // Note: a processor at the store's head (as last sampled) has caught up, whatever Axon's flags say. Axon keeps
        // the replay flag until the processor handles an event past the reset point, which never happens with nothing
        // new in the store. And a tracking processor sets "caught up" only after a batch it handled or an empty poll:
        // one that ignores most event types (a counter of deadline events) reads only ignored events under steady
        // load, and is never flagged, however close to the head it runs.
        boolean atHead = state.lag().isPresent() && state.lag().getAsLong() == 0;
        if (state.replaying() && !atHead) {
            return "REPLAYING";
        }
        if (!state.caughtUp() && !atHead) {
            return "CATCHING_UP";
        }
        if (state.lag().orElse(0) > maxLag) {
            return "LAGGING";
        }
        return "UP";
    }
}
