package io.leakwatch.matching.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BoundedAggregateCacheTest {

    @Test
    void keepsWhatWasPutUntilRemoved() {
        BoundedAggregateCache cache = new BoundedAggregateCache(10);
        cache.put("a", 1);
        assertThat(cache.putIfAbsent("a", 2)).isFalse();
        assertThat(cache.<String, Integer>get("a")).isEqualTo(1);
        cache.computeIfPresent("a", (Integer value) -> value + 1);
        assertThat(cache.<String, Integer>get("a")).isEqualTo(2);
        assertThat(cache.remove("a")).isTrue();
        assertThat(cache.containsKey("a")).isFalse();
        assertThat(cache.remove("a")).isFalse();
    }

    @Test
    void holdsNoMoreThanItsBound() {
        BoundedAggregateCache cache = new BoundedAggregateCache(8);
        for (int i = 0; i < 1_000; i++) {
            cache.put(i, i);
        }
        long held = java.util.stream.IntStream.range(0, 1_000)
                .filter(cache::containsKey)
                .count();
        assertThat(held).isLessThanOrEqualTo(8);
    }
}
