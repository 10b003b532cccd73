package io.leakwatch.platform.metrics;

import io.leakwatch.platform.health.EventProcessorStates;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

/**
 * {@code leakwatch_event_processor_lag{processor}}: how many positions of the event store (global index) each tracking
 * processor is behind the store's head; NaN where another replica holds the processor's segments.
 */
@ApplicationScoped
class EventProcessorMetrics {

    static final String LAG = "leakwatch.event.processor.lag";

    private final EventProcessorStates processors;
    private final MeterRegistry registry;

    EventProcessorMetrics(EventProcessorStates processors, MeterRegistry registry) {
        this.processors = processors;
        this.registry = registry;
    }

    void register(@Observes @Priority(Interceptor.Priority.APPLICATION) StartupEvent event) {
        for (String name : processors.names()) {
            Gauge.builder(
                            LAG,
                            processors,
                            states -> states.lag(name).stream()
                                    .mapToDouble(lag -> lag)
                                    .findFirst()
                                    .orElse(Double.NaN))
                    .tag("processor", name)
                    .description("Event store positions between the store's head and the processor's token")
                    .register(registry);
        }
    }
}
