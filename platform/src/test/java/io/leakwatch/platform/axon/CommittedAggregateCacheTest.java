package io.leakwatch.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.junit.jupiter.api.Test;

class CommittedAggregateCacheTest {

    private final FakeTransactions transactions = new FakeTransactions();
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    /** The last sequence number of each aggregate in the "store". */
    private final Map<String, Long> stored = new HashMap<>();

    private final CommittedAggregateCache cache = new CommittedAggregateCache(
            "statements", 8, transactions, metrics, id -> Optional.ofNullable(stored.get(id)));

    @Test
    void outsideATransactionItIsAPlainBoundedCache() {
        AggregateCacheEntry<Tiny> first = entry("a", 0);
        AggregateCacheEntry<Tiny> second = entry("a", 1);
        cache.put("a", first);
        assertThat(cache.putIfAbsent("a", second)).isFalse();
        assertThat(cache.<String, Object>get("a")).isSameAs(first);
        cache.computeIfPresent("a", value -> second);
        assertThat(cache.<String, Object>get("a")).isSameAs(second);
        assertThat(cache.remove("a")).isTrue();
        assertThat(cache.containsKey("a")).isFalse();
        assertThat(cache.remove("a")).isFalse();

        IntStream.range(0, 1_000).forEach(i -> cache.put(i, entry(String.valueOf(i), 0)));
        assertThat(IntStream.range(0, 1_000).filter(cache::containsKey).count()).isLessThanOrEqualTo(8);
    }

    @Test
    void evictsTheLeastRecentlyUsedEvenIfANewerOneWasUsedOnlyOnce() {
        // Aggregates are busy for a while, then never used again: the oldest goes, not the newest.
        IntStream.range(0, 8).forEach(i -> cache.put(i, entry(String.valueOf(i), 0)));
        IntStream.range(1, 8).forEach(i -> cache.get(i));
        cache.get(1);

        cache.put(8, entry("8", 0));
        cache.put(9, entry("9", 0));

        assertThat(cache.containsKey(0)).isFalse();
        assertThat(cache.containsKey(2)).isFalse();
        assertThat(cache.containsKey(1)).isTrue();
        assertThat(cache.containsKey(8)).isTrue();
        assertThat(cache.containsKey(9)).isTrue();
        assertThat(metrics.get("cache.evictions")
                        .tag("cache", "statements")
                        .counter()
                        .count())
                .isEqualTo(2);
        assertThat(metrics.get("cache.size").tag("cache", "statements").gauge().value())
                .isEqualTo(8);
    }

    @Test
    void whatATransactionSavesOnlyItSeesUntilItCommits() {
        AggregateCacheEntry<Tiny> version1 = entry("incident-1", 0);
        AggregateCacheEntry<Tiny> version2 = entry("incident-1", 1);
        cache.put("incident-1", version1);
        Transaction drafting = transactions.begin();
        cache.put("incident-1", version2);
        assertThat(cache.<String, Object>get("incident-1")).isSameAs(version2);

        transactions.resume(null);
        assertThat(cache.<String, Object>get("incident-1")).isSameAs(version1);

        transactions.resume(drafting);
        transactions.end(Status.STATUS_COMMITTED);
        assertThat(cache.<String, Object>get("incident-1")).isSameAs(version2);
    }

    @Test
    void aTransactionTakesWhatItLoadsSoThatNoOtherBuildsOnItsChangesBeforeItCommits() {
        // Axon hands the cached object itself to the command, which changes it in place.
        AggregateCacheEntry<Tiny> version1 = stored("incident-1", 0);
        cache.put("incident-1", version1);
        Transaction drafting = transactions.begin();
        assertThat(cache.<String, Object>get("incident-1")).isSameAs(version1);

        transactions.begin();
        assertThat(cache.<String, Object>get("incident-1"))
                .as("loads the stored stream")
                .isNull();
        transactions.end(Status.STATUS_COMMITTED);

        transactions.resume(drafting);
        assertThat(cache.<String, Object>get("incident-1")).isSameAs(version1);
        transactions.end(Status.STATUS_COMMITTED);
        assertThat(cache.<String, Object>get("incident-1")).isSameAs(version1);
    }

    @Test
    void whatARolledBackTransactionLoadedOrSavedIsNeverShared() {
        cache.put("incident-1", stored("incident-1", 0));
        transactions.begin();
        assertThat(cache.<String, Object>get("incident-1")).isNotNull();
        cache.put("incident-2", entry("incident-2", 0));

        transactions.end(Status.STATUS_ROLLEDBACK);

        assertThat(cache.containsKey("incident-1")).isFalse();
        assertThat(cache.containsKey("incident-2")).isFalse();
    }

    @Test
    void anEntryBehindTheStoreIsDroppedWhenATransactionWouldTakeIt() {
        cache.put("incident-1", entry("incident-1", 2));
        stored.put("incident-1", 3L); // another replica appended

        transactions.begin();
        assertThat(cache.<String, Object>get("incident-1"))
                .as("loads the stored stream")
                .isNull();
        transactions.end(Status.STATUS_COMMITTED);

        assertThat(cache.containsKey("incident-1")).isFalse();
        assertThat(metrics.get("leakwatch.aggregate.cache.stale")
                        .tag("cache", "statements")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(metrics.get("cache.gets")
                        .tag("cache", "statements")
                        .tag("result", "miss")
                        .counter()
                        .count())
                .as("a stale copy saves no load")
                .isEqualTo(1);
    }

    @Test
    void anEntryItsTransactionHoldsIsNotCheckedAgain() {
        AggregateCacheEntry<Tiny> drafted = entry("incident-1", 4);
        transactions.begin();
        cache.put("incident-1", drafted); // its events are not in the store until the commit

        assertThat(cache.<String, Object>get("incident-1")).isSameAs(drafted);
    }

    @Test
    void aRemovalInsideATransactionAlsoForgetsTheCommittedCopy() {
        // Axon removes an aggregate whose unit of work rolled back: neither copy may be loaded again.
        cache.put("incident-1", entry("incident-1", 0));
        transactions.begin();
        cache.put("incident-1", entry("incident-1", 1));

        assertThat(cache.remove("incident-1")).isTrue();

        assertThat(cache.containsKey("incident-1")).isFalse();
        transactions.end(Status.STATUS_COMMITTED);
        assertThat(cache.containsKey("incident-1")).isFalse();
    }

    @Test
    void aTransactionMarkedForRollbackKeepsNothing() {
        Transaction doomed = transactions.begin();
        doomed.status = Status.STATUS_MARKED_ROLLBACK;

        cache.put("incident-1", entry("incident-1", 0));

        transactions.end(Status.STATUS_ROLLEDBACK);
        assertThat(cache.containsKey("incident-1")).isFalse();
    }

    @Test
    void countsHitsAndMisses() {
        cache.put("incident-1", entry("incident-1", 0));
        cache.get("incident-1");
        cache.get("incident-2");

        assertThat(metrics.get("cache.gets")
                        .tag("cache", "statements")
                        .tag("result", "hit")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(metrics.get("cache.gets")
                        .tag("cache", "statements")
                        .tag("result", "miss")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    /** What Axon caches: an aggregate whose last event has sequence number {@code version}. */
    private static AggregateCacheEntry<Tiny> entry(String id, long version) {
        return new AggregateCacheEntry<>(EventSourcedAggregate.reconstruct(
                new Tiny(id),
                AnnotatedAggregateMetaModelFactory.inspectAggregate(Tiny.class),
                version,
                false,
                null,
                NoSnapshotTriggerDefinition.TRIGGER));
    }

    /** An entry as current as the store. */
    private AggregateCacheEntry<Tiny> stored(String id, long version) {
        stored.put(id, version);
        return entry(id, version);
    }

    /** An aggregate with nothing but its identity. */
    static final class Tiny {
        @org.axonframework.modelling.command.AggregateIdentifier
        private final String id;

        Tiny(String id) {
            this.id = id;
        }
    }

    static final class Transaction {
        final Map<Object, Object> resources = new HashMap<>();
        final List<Synchronization> synchronizations = new ArrayList<>();
        int status = Status.STATUS_ACTIVE;
    }

    /** The running thread's transaction, which the test begins, switches and ends. */
    static final class FakeTransactions implements TransactionSynchronizationRegistry {

        private Transaction current;

        Transaction begin() {
            current = new Transaction();
            return current;
        }

        void resume(Transaction transaction) {
            current = transaction;
        }

        void end(int status) {
            current.synchronizations.forEach(sync -> sync.afterCompletion(status));
            current = null;
        }

        @Override
        public void registerInterposedSynchronization(Synchronization sync) {
            if (current.status != Status.STATUS_ACTIVE) {
                throw new IllegalStateException("not active");
            }
            current.synchronizations.add(sync);
        }

        @Override
        public Object getTransactionKey() {
            return current;
        }

        @Override
        public void putResource(Object key, Object value) {
            current.resources.put(key, value);
        }

        @Override
        public Object getResource(Object key) {
            return current.resources.get(key);
        }

        @Override
        public int getTransactionStatus() {
            return current == null ? Status.STATUS_NO_TRANSACTION : current.status;
        }

        @Override
        public void setRollbackOnly() {
            current.status = Status.STATUS_MARKED_ROLLBACK;
        }

        @Override
        public boolean getRollbackOnly() {
            return current.status == Status.STATUS_MARKED_ROLLBACK;
        }
    }
}
