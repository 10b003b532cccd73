package io.leakwatch.platform.axon;

import org.axonframework.config.Configurer;

/**
 * A service's contribution to the Axon configuration: its aggregates, projections and processors. Every CDI bean of
 * this type is applied once, before Axon starts.
 */
public interface AxonModule {

    void configure(Configurer configurer);
}
