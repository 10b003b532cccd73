package io.leakwatch.platform.health;

import io.leakwatch.platform.axon.AxonRuntime;
import io.leakwatch.platform.metrics.MetricsSampler;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;

/**
 * Where each streaming (tracking) event processor of this service stands: running, in error, replaying, caught up,
 * and its lag behind the head of the event store. The processors' own status is in memory; the head of the store is a
 * query, sampled in the background by {@link MetricsSampler}, so readiness probes and scrapes never query the store.
 */
@ApplicationScoped
public class EventProcessorStates {

    /** One processor as this node sees it. */
    public record State(
            String name,
            boolean running,
            boolean error,
            boolean replaying,
            boolean caughtUp,
            int claimedSegments,
            OptionalLong lag,
            String errorMessage) {}

    private final AxonRuntime axon;
    private final MetricsSampler sampler;
    private volatile long head = -1;
    private volatile boolean headKnown;

    EventProcessorStates(AxonRuntime axon, MetricsSampler sampler) {
        this.axon = axon;
        this.sampler = sampler;
    }

    void sampleHead(@Observes @Priority(Interceptor.Priority.APPLICATION) StartupEvent event) {
        sampler.every("event store head", this::refreshHead);
    }

    /** Reads the global index of the store's newest event now (also used before the first sample). */
    void refreshHead() {
        TrackingToken token = axon.configuration().eventStore().createHeadToken();
        head = token == null ? -1 : token.position().orElse(-1);
        headKnown = true;
    }

    /** The global index of the newest event in the store, as last sampled. */
    public long head() {
        if (!headKnown) {
            refreshHead();
        }
        return head;
    }

    /** The names of the streaming processors this service runs. */
    public List<String> names() {
        return streamingProcessors().stream()
                .map(EventProcessor::getName)
                .sorted()
                .toList();
    }

    public List<State> states() {
        List<State> states = new ArrayList<>();
        for (StreamingEventProcessor processor : streamingProcessors()) {
            states.add(state(processor));
        }
        return states;
    }

    /** The lag of one processor, empty when this node holds none of its segments (another replica does). */
    public OptionalLong lag(String name) {
        return streamingProcessors().stream()
                .filter(processor -> processor.getName().equals(name))
                .findFirst()
                .map(processor -> state(processor).lag())
                .orElse(OptionalLong.empty());
    }

    private State state(StreamingEventProcessor processor) {
        Collection<EventTrackerStatus> segments = processor.processingStatus().values();
        boolean error = processor.isError() || segments.stream().anyMatch(EventTrackerStatus::isErrorState);
        boolean replaying = segments.stream().anyMatch(EventTrackerStatus::isReplaying);
        boolean caughtUp = segments.stream().allMatch(EventTrackerStatus::isCaughtUp);
        OptionalLong lag = OptionalLong.empty();
        if (!segments.isEmpty()) {
            // Note: the slowest segment decides; a segment with no token yet has processed nothing (position -1).
            long slowest = segments.stream()
                    .mapToLong(status -> status.getCurrentPosition().orElse(-1))
                    .min()
                    .orElse(-1);
            lag = OptionalLong.of(Math.max(0, head() - slowest));
        }
        String message = segments.stream()
                .filter(EventTrackerStatus::isErrorState)
                .map(status -> status.getError() == null
                        ? "error"
                        : status.getError().getClass().getSimpleName())
                .findFirst()
                .orElse(null);
        return new State(
                processor.getName(), processor.isRunning(), error, replaying, caughtUp, segments.size(), lag, message);
    }

    private List<StreamingEventProcessor> streamingProcessors() {
        return axon.configuration().eventProcessingConfiguration().eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .toList();
    }
}
