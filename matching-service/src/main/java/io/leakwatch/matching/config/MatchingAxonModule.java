package io.leakwatch.matching.config;

import io.leakwatch.matching.domain.IncidentClaim;
import io.leakwatch.matching.domain.Verification;
import io.leakwatch.matching.projection.VerificationViewProjection;
import io.leakwatch.platform.axon.AxonModule;
import io.quarkus.arc.ClientProxy;
import jakarta.enterprise.context.ApplicationScoped;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configurer;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;

/** matching-service's part of the Axon configuration. */
@ApplicationScoped
class MatchingAxonModule implements AxonModule {

    private final VerificationViewProjection view;
    private final VerificationCache verifications;

    MatchingAxonModule(VerificationViewProjection view, VerificationCache verifications) {
        this.view = view;
        this.verifications = verifications;
    }

    @Override
    public void configure(Configurer configurer) {
        configurer.configureAggregate(IncidentClaim.class);
        // A large sample is thousands of chunks, each a command on its Verification: without a cache every one would
        // replay the whole stream so far (quadratic; a 1M-row sample, 2,087 chunks, took minutes at 10M members).
        // Replicas stay exact: a stale cached copy appends at a taken sequence number, the append fails, the copy
        // is evicted and the consumer's retry loads the stream.
        configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(Verification.class)
                .configureCache(c -> verifications.axonCache()));
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
