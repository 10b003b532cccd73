package io.leakwatch.platform.axon;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;

/**
 * Axon's aggregate {@link Cache} over a size-bounded map, which shows other transactions only aggregates whose
 * transaction committed.
 *
 * <p>Why: Axon caches the live aggregate object, hands that same object to the next command, which changes it in place,
 * and saves it into the cache when the unit of work commits. A unit of work that joined a running JTA transaction (a
 * Kafka consumer's, see {@code JtaTransactionManager}) commits, and releases the aggregate's lock, before that
 * transaction does. Another transaction could then load the uncommitted state and append the next event after events
 * that may still roll back, which no unique index would catch. So a transaction that loads an aggregate from here takes
 * it out of the shared map: it alone holds it, with what it saves, until it commits, when they return to the shared
 * map; after a rollback they are dropped. Meanwhile others load the stored stream and, if they append, wait on the
 * sequence number's unique key, as without a cache. So it suits aggregates whose commands are serialised already
 * (statement-service locks an incident's facts before it drafts), not ones that several transactions change at once
 * and that may build on each other's uncommitted events (matching's Verification, see docs/decisions.md, Session 7).
 *
 * <p>A shared entry may be stale: another replica appended since. An append on top of it would hit a taken sequence
 * number and fail, but a command that decides without appending (a refusal, a repeat ignored) would decide on old state.
 * So the first time a transaction takes an entry, its version is checked against the store's last sequence number (one
 * indexed query instead of the snapshot and event reads of a load); a stale entry is dropped and the aggregate loaded.
 *
 * <p>The shared map evicts the least recently used aggregate. A statement is busy for seconds and then never again:
 * Caffeine's admission policy, which favours keys used often over time, let a new one in only when it was used again
 * within the fraction of a second its small admission window held it (the journey bench: 24,689 hits, 51,801 misses,
 * 50,612 evictions at 1,024 statements). Axon 4 ships only a weak-reference cache (emptied by any collection) and
 * adapters for JCache and Ehcache, which would bring a provider and its configuration for one map of a few hundred
 * aggregates. Entry listeners are not supported; Axon's caching repository registers none.
 */
public final class CommittedAggregateCache implements Cache {

    private final Map<Object, Object> shared;
    private final TransactionSynchronizationRegistry transactions;
    private final Function<String, Optional<Long>> storedVersion;
    private final Counter hits;
    private final Counter misses;
    private final Counter evictions;
    private final Counter staleEntries;

    /** The entries a transaction holds (taken or saved), a resource of each transaction that holds any. */
    private final Object pendingKey = new Object();

    /**
     * @param name what the metrics call it ({@code cache_gets_total{cache=name}} and the like)
     * @param maximumSize the committed aggregates kept; more than are changed at once
     * @param storedVersion an aggregate's last sequence number in the store ({@code EventStore::lastSequenceNumberFor})
     */
    public CommittedAggregateCache(
            String name,
            long maximumSize,
            TransactionSynchronizationRegistry transactions,
            MeterRegistry metrics,
            Function<String, Optional<Long>> storedVersion) {
        this.shared = Collections.synchronizedMap(new LeastRecentlyUsed(maximumSize));
        this.transactions = transactions;
        this.storedVersion = storedVersion;
        this.hits = gets(name, "hit").register(metrics);
        this.misses = gets(name, "miss").register(metrics);
        this.evictions = Counter.builder("cache.evictions")
                .description("Aggregates evicted to keep the cache within its size")
                .tag("cache", name)
                .register(metrics);
        Gauge.builder("cache.size", shared, Map::size)
                .description("Aggregates in the cache, shared by all transactions")
                .tag("cache", name)
                .register(metrics);
        this.staleEntries = Counter.builder("leakwatch.aggregate.cache.stale")
                .description("Cached aggregates found behind the store (another replica appended) and loaded again")
                .tag("cache", name)
                .register(metrics);
    }

    private static Counter.Builder gets(String name, String result) {
        return Counter.builder("cache.gets")
                .description("Loads of an aggregate that found it in the cache (hit) or read the store (miss)")
                .tag("cache", name)
                .tag("result", result);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Map<Object, Object> pending = pending(true);
        if (pending == null) {
            return (V) counted(shared.get(key));
        }
        if (pending.containsKey(key)) {
            return (V) pending.get(key);
        }
        // Taken, unless another transaction took it first; a stale copy is dropped and, like a miss, loads the stream.
        Object value = shared.get(key);
        if (value == null || !shared.remove(key, value)) {
            return (V) counted(null);
        }
        if (!current(key, value)) {
            staleEntries.increment();
            return (V) counted(null);
        }
        pending.put(key, value);
        return (V) counted(value);
    }

    private Object counted(Object value) {
        (value == null ? misses : hits).increment();
        return value;
    }

    /** Whether the cached aggregate has every event the store has (an entry that is not Axon's counts as stale). */
    private boolean current(Object key, Object value) {
        if (!(value instanceof AggregateCacheEntry<?> entry)) {
            return false;
        }
        // Note: an entry kept in memory holds its live aggregate and hands it back without using the arguments.
        Long cachedVersion = entry.recreateAggregate(null, null, null, null).version();
        return cachedVersion != null
                && cachedVersion.equals(storedVersion.apply(key.toString()).orElse(null));
    }

    @Override
    public void put(Object key, Object value) {
        Map<Object, Object> pending = pending(true);
        if (pending == null) {
            shared.put(key, value);
        } else {
            pending.put(key, value);
        }
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        if (containsKey(key)) {
            return false;
        }
        put(key, value);
        return true;
    }

    @Override
    public boolean remove(Object key) {
        Map<Object, Object> pending = pending(false);
        boolean removed = pending != null && pending.remove(key) != null;
        return shared.remove(key) != null || removed;
    }

    @Override
    public void removeAll() {
        Map<Object, Object> pending = pending(false);
        if (pending != null) {
            pending.clear();
        }
        shared.clear();
    }

    @Override
    public boolean containsKey(Object key) {
        Map<Object, Object> pending = pending(false);
        return (pending != null && pending.containsKey(key)) || shared.containsKey(key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        Map<Object, Object> pending = pending(false);
        if (pending != null && pending.containsKey(key)) {
            pending.computeIfPresent(key, (k, value) -> update.apply((V) value));
        } else {
            shared.computeIfPresent(key, (k, value) -> update.apply((V) value));
        }
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        throw new UnsupportedOperationException("entry listeners are not supported");
    }

    /**
     * The entries the running transaction holds: taken from the shared map or saved. Null outside a transaction, or
     * when there are none and {@code create} is false. Created inside a transaction that will not commit, they are
     * never shared.
     */
    @SuppressWarnings("unchecked")
    private Map<Object, Object> pending(boolean create) {
        int status = transactions.getTransactionStatus();
        if (status == Status.STATUS_NO_TRANSACTION) {
            return null;
        }
        Map<Object, Object> pending = (Map<Object, Object>) transactions.getResource(pendingKey);
        if (pending == null && create) {
            pending = new HashMap<>();
            if (status == Status.STATUS_ACTIVE) {
                transactions.putResource(pendingKey, pending);
                transactions.registerInterposedSynchronization(shareOnCommit(pending));
            }
        }
        return pending;
    }

    private Synchronization shareOnCommit(Map<Object, Object> pending) {
        return new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    shared.putAll(pending);
                }
            }
        };
    }

    /** A map that drops its least recently used entry past its size. */
    private final class LeastRecentlyUsed extends LinkedHashMap<Object, Object> {

        private final long maximumSize;

        LeastRecentlyUsed(long maximumSize) {
            super(16, 0.75f, true);
            this.maximumSize = maximumSize;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<Object, Object> eldest) {
            boolean evict = size() > maximumSize;
            if (evict) {
                evictions.increment();
            }
            return evict;
        }
    }
}
