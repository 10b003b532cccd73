package io.leakwatch.intake.config;

import io.leakwatch.intake.domain.Incident;
import io.leakwatch.intake.projection.IncidentSummaryProjection;
import io.leakwatch.platform.axon.AxonModule;
import io.quarkus.arc.ClientProxy;
import jakarta.enterprise.context.ApplicationScoped;
import org.axonframework.config.Configurer;

/** intake-service's part of the Axon configuration. */
@ApplicationScoped
class IntakeAxonModule implements AxonModule {

    private final IncidentSummaryProjection summaries;

    IntakeAxonModule(IncidentSummaryProjection summaries) {
        this.summaries = summaries;
    }

    @Override
    public void configure(Configurer configurer) {
        configurer.configureAggregate(Incident.class);
        configurer
                .eventProcessing()
                .registerTrackingEventProcessor(IncidentSummaryProjection.PROCESSING_GROUP)
                // Axon reads the handler annotations off the class: hand it the bean, not its CDI proxy.
                .registerEventHandler(c -> ClientProxy.unwrap(summaries));
    }
}
