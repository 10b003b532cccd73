package io.leakwatch.matching.config;

import io.leakwatch.matching.domain.IncidentClaim;
import io.leakwatch.matching.domain.Verification;
import io.leakwatch.matching.projection.VerificationViewProjection;
import io.leakwatch.platform.axon.AxonModule;
import io.quarkus.arc.ClientProxy;
import jakarta.enterprise.context.ApplicationScoped;
import org.axonframework.config.Configurer;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;

/** matching-service's part of the Axon configuration. */
@ApplicationScoped
class MatchingAxonModule implements AxonModule {

    private final VerificationViewProjection view;

    MatchingAxonModule(VerificationViewProjection view) {
        this.view = view;
    }

    @Override
    public void configure(Configurer configurer) {
        configurer.configureAggregate(IncidentClaim.class);
        configurer.configureAggregate(Verification.class);
        configurer
                .eventProcessing()
                .registerTrackingEventProcessor(
                        VerificationViewProjection.PROCESSING_GROUP,
                        c -> c.eventStore(),
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(50))
                .registerEventHandler(c -> ClientProxy.unwrap(view));
    }
}
