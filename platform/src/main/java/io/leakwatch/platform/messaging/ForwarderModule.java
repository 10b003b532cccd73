package io.leakwatch.platform.messaging;

import io.leakwatch.platform.axon.AxonModule;
import io.leakwatch.platform.config.LeakwatchConfig;
import io.opentelemetry.api.trace.Tracer;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.Producer;
import org.axonframework.config.Configurer;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;

/** Registers the {@link KafkaForwarder} of a service that names its topic in {@code leakwatch.forwarder.topic}. */
@ApplicationScoped
class ForwarderModule implements AxonModule {

    private final LeakwatchConfig config;
    private final Producer<String, String> producer;
    private final Tracer tracer;

    ForwarderModule(LeakwatchConfig config, Producer<String, String> producer, Tracer tracer) {
        this.config = config;
        this.producer = producer;
        this.tracer = tracer;
    }

    @Override
    public void configure(Configurer configurer) {
        config.forwarder()
                .topic()
                .ifPresent(topic -> configurer
                        .eventProcessing()
                        .registerTrackingEventProcessor(
                                KafkaForwarder.PROCESSING_GROUP,
                                c -> c.eventStore(),
                                c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                        .andBatchSize(config.forwarder().batchSize()))
                        .registerEventHandler(c ->
                                new KafkaForwarder(producer, new CloudEventCodec(), topic, config.service(), tracer)));
    }
}
