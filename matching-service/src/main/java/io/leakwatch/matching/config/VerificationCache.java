package io.leakwatch.matching.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.axonframework.common.caching.Cache;

/**
 * The Verifications this replica keeps loaded (Axon's aggregate cache), and the one rule that keeps it true to the
 * store: a Verification changed in a transaction that then rolls back is forgotten.
 *
 * <p>Note: a chunk's command runs inside the consumer's JTA transaction, and Axon updates the cache (and releases the
 * aggregate's lock) when its unit of work ends, before that transaction commits. If the commit then fails, the cached
 * copy holds a chunk the store does not; the next command would build on it. Forgetting it makes the next command load
 * the stream, as a replica that never held it would.
 */
@ApplicationScoped
public class VerificationCache {

    /** Verifications kept loaded per replica: more than run at once. */
    private static final int VERIFICATIONS_CACHED = 256;

    private final BoundedAggregateCache cache = new BoundedAggregateCache(VERIFICATIONS_CACHED);
    private final TransactionSynchronizationRegistry transactions;

    VerificationCache(TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
    }

    Cache axonCache() {
        return cache;
    }

    /** Forgets the sample's Verification if the running transaction does not commit. */
    public void forgetUnlessCommitted(String sampleId) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status != Status.STATUS_COMMITTED) {
                    cache.remove(sampleId);
                }
            }
        });
    }
}
