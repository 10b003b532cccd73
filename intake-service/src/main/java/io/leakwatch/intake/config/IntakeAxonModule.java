package io.leakwatch.intake.config;

import io.leakwatch.intake.domain.Incident;
import io.leakwatch.platform.axon.AxonModule;
import jakarta.enterprise.context.ApplicationScoped;
import org.axonframework.config.Configurer;

/** intake-service's part of the Axon configuration. */
@ApplicationScoped
class IntakeAxonModule implements AxonModule {

    @Override
    public void configure(Configurer configurer) {
        configurer.configureAggregate(Incident.class);
    }
}
