package io.leakwatch.platform.axon;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.function.Function;
import org.axonframework.common.caching.Cache;
import org.axonframework.config.Configuration;

/** Makes the aggregate caches a service's {@link AxonModule} gives its aggregates ({@code configureCache}). */
@ApplicationScoped
public class AggregateCaches {

    private final TransactionSynchronizationRegistry transactions;
    private final MeterRegistry metrics;

    AggregateCaches(TransactionSynchronizationRegistry transactions, MeterRegistry metrics) {
        this.transactions = transactions;
        this.metrics = metrics;
    }

    /**
     * A {@link CommittedAggregateCache} of at most {@code maximumSize} aggregates, checked against the configuration's
     * event store.
     *
     * @param name the cache's name in the metrics
     */
    public Function<Configuration, Cache> committed(String name, long maximumSize) {
        return configuration -> new CommittedAggregateCache(
                name, maximumSize, transactions, metrics, configuration.eventStore()::lastSequenceNumberFor);
    }
}
