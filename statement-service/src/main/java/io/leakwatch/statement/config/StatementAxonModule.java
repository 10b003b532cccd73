package io.leakwatch.statement.config;

import io.leakwatch.platform.axon.AggregateCaches;
import io.leakwatch.platform.axon.AxonModule;
import io.leakwatch.statement.domain.Statement;
import io.leakwatch.statement.projection.StatementVersionProjection;
import io.quarkus.arc.ClientProxy;
import jakarta.enterprise.context.ApplicationScoped;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configurer;

/** statement-service's part of the Axon configuration. */
@ApplicationScoped
class StatementAxonModule implements AxonModule {

    /**
     * Statements kept loaded per replica: more than are drafted at once (at 50 new incidents a second, each drafted a
     * few times within seconds, a few hundred). A statement is a few kilobytes of texts.
     */
    private static final int STATEMENTS_CACHED = 1024;

    private final StatementVersionProjection versions;
    private final AggregateCaches caches;

    StatementAxonModule(StatementVersionProjection versions, AggregateCaches caches) {
        this.versions = versions;
        this.caches = caches;
    }

    @Override
    public void configure(Configurer configurer) {
        // Every draft is a command on its Statement: without a cache each loaded it first (a snapshot query and an
        // events query), which kept the drafts round-trip-bound (docs/BENCHMARKS.md, the journey). The cache checks a
        // copy against the store's last sequence number before a transaction uses it (other replicas draft too).
        configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(Statement.class)
                .configureCache(caches.committed("statements", STATEMENTS_CACHED)));
        configurer
                .eventProcessing()
                .registerTrackingEventProcessor(StatementVersionProjection.PROCESSING_GROUP)
                // Axon reads the handler annotations off the class: hand it the bean, not its CDI proxy.
                .registerEventHandler(c -> ClientProxy.unwrap(versions));
    }
}
