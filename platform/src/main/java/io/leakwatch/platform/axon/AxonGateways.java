package io.leakwatch.platform.axon;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;

/** Axon's entry points as CDI beans. */
@ApplicationScoped
class AxonGateways {

    private final AxonRuntime runtime;

    AxonGateways(AxonRuntime runtime) {
        this.runtime = runtime;
    }

    @Produces
    @ApplicationScoped
    CommandGateway commandGateway() {
        return runtime.configuration().commandGateway();
    }

    @Produces
    @ApplicationScoped
    EventStore eventStore() {
        return runtime.configuration().eventStore();
    }
}
