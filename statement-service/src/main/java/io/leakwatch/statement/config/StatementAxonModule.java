package io.leakwatch.statement.config;

import io.leakwatch.platform.axon.AxonModule;
import io.leakwatch.statement.domain.Statement;
import io.leakwatch.statement.projection.StatementVersionProjection;
import io.quarkus.arc.ClientProxy;
import jakarta.enterprise.context.ApplicationScoped;
import org.axonframework.config.Configurer;

/** statement-service's part of the Axon configuration. */
@ApplicationScoped
class StatementAxonModule implements AxonModule {

    private final StatementVersionProjection versions;

    StatementAxonModule(StatementVersionProjection versions) {
        this.versions = versions;
    }

    @Override
    public void configure(Configurer configurer) {
        configurer.configureAggregate(Statement.class);
        configurer
                .eventProcessing()
                .registerTrackingEventProcessor(StatementVersionProjection.PROCESSING_GROUP)
                // Axon reads the handler annotations off the class: hand it the bean, not its CDI proxy.
                .registerEventHandler(c -> ClientProxy.unwrap(versions));
    }
}
