package io.leakwatch.platform.seal;

import io.agroal.api.AgroalDataSource;
import io.leakwatch.platform.axon.AxonModule;
import jakarta.enterprise.context.ApplicationScoped;
import org.axonframework.config.Configurer;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;

/** Registers the {@link EventSealer} in every service: one segment, one thread, its token in the service's database. */
@ApplicationScoped
class EventSealModule implements AxonModule {

    /** Events sealed in one transaction; the chain's head is read once per event, so this only saves commits. */
    private static final int BATCH_SIZE = 100;

    private final AgroalDataSource dataSource;

    EventSealModule(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void configure(Configurer configurer) {
        configurer
                .eventProcessing()
                .registerTrackingEventProcessor(
                        EventSealer.PROCESSING_GROUP,
                        c -> c.eventStore(),
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(BATCH_SIZE))
                .registerEventHandler(c -> new EventSealer(dataSource));
    }
}
