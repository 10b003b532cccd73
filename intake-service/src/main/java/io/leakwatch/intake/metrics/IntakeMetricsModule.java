package io.leakwatch.intake.metrics;

import io.leakwatch.platform.axon.AxonModule;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.axonframework.config.Configurer;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;

/** The Axon side of intake's metrics: a tracking processor that counts deadline events from the whole store. */
@ApplicationScoped
class IntakeMetricsModule implements AxonModule {

    private final MeterRegistry registry;

    IntakeMetricsModule(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void configure(Configurer configurer) {
        configurer
                .eventProcessing()
                .registerTrackingEventProcessor(NotificationDeadlineMetrics.PROCESSING_GROUP)
                .registerTokenStore(NotificationDeadlineMetrics.PROCESSING_GROUP, c -> new InMemoryTokenStore())
                .registerEventHandler(c -> new NotificationDeadlineMetrics(registry));
    }
}
