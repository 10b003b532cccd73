package io.leakwatch.matching.config;

import io.leakwatch.matching.domain.Verification;
import io.leakwatch.platform.axon.AxonModule;
import jakarta.enterprise.context.ApplicationScoped;
import org.axonframework.config.Configurer;

/** matching-service's part of the Axon configuration. */
@ApplicationScoped
class MatchingAxonModule implements AxonModule {

    @Override
    public void configure(Configurer configurer) {
        configurer.configureAggregate(Verification.class);
    }
}
