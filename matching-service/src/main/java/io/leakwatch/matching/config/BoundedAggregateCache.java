package io.leakwatch.matching.config;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

/**
 * Axon's aggregate {@link Cache} over a size-bounded Caffeine map. Axon 4 ships only a weak-reference cache (emptied by
 * any collection) and adapters for JCache and Ehcache, which would bring a cache provider and its configuration for
 * one map of a few hundred aggregates.
 *
 * <p>Note: entry listeners are not supported; Axon's caching repository does not register any.
 */
final class BoundedAggregateCache implements Cache {

    private final Map<Object, Object> entries;

    BoundedAggregateCache(long maximumSize) {
        // Evicting on the writing thread keeps the bound a bound (the default hands it to the common pool, later).
        this.entries = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .executor(Runnable::run)
                .build()
                .asMap();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        return (V) entries.get(key);
    }

    @Override
    public void put(Object key, Object value) {
        entries.put(key, value);
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return entries.putIfAbsent(key, value) == null;
    }

    @Override
    public boolean remove(Object key) {
        return entries.remove(key) != null;
    }

    @Override
    public void removeAll() {
        entries.clear();
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        entries.computeIfPresent(key, (k, value) -> update.apply((V) value));
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        throw new UnsupportedOperationException("entry listeners are not supported");
    }
}
