package io.leakwatch.matching.metrics;

import io.leakwatch.platform.axon.AxonModule;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.axonframework.config.Configurer;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;

/** The Axon side of matching's metrics: a tracking processor that folds the verification events of the store. */
@ApplicationScoped
class MatchingMetricsModule implements AxonModule {

    private final MeterRegistry registry;

    MatchingMetricsModule(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void configure(Configurer configurer) {
        configurer
                .eventProcessing()
                .registerTrackingEventProcessor(VerificationMetrics.PROCESSING_GROUP)
                .registerTokenStore(VerificationMetrics.PROCESSING_GROUP, c -> new InMemoryTokenStore())
                .registerEventHandler(c -> new VerificationMetrics(registry));
    }
}
