package io.leakwatch.matching.config;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerificationCacheTest {

    private final List<Synchronization> registered = new ArrayList<>();
    private final VerificationCache verifications = new VerificationCache(new RecordingRegistry());

    @Test
    void aVerificationChangedInATransactionThatRollsBackIsForgotten() {
        verifications.axonCache().put("sample-1", "cached state");
        verifications.forgetUnlessCommitted("sample-1");

        registered.forEach(sync -> sync.afterCompletion(Status.STATUS_ROLLEDBACK));

        assertThat(verifications.axonCache().containsKey("sample-1")).isFalse();
    }

    @Test
    void aCommittedOneStays() {
        verifications.axonCache().put("sample-1", "cached state");
        verifications.forgetUnlessCommitted("sample-1");

        registered.forEach(sync -> sync.afterCompletion(Status.STATUS_COMMITTED));

        assertThat(verifications.axonCache().<String, String>get("sample-1")).isEqualTo("cached state");
    }

    /** Keeps what is registered, so that the test plays the transaction's end. */
    private final class RecordingRegistry implements TransactionSynchronizationRegistry {

        @Override
        public void registerInterposedSynchronization(Synchronization sync) {
            registered.add(sync);
        }

        @Override
        public Object getTransactionKey() {
            return null;
        }

        @Override
        public void putResource(Object key, Object value) {}

        @Override
        public Object getResource(Object key) {
            return null;
        }

        @Override
        public int getTransactionStatus() {
            return Status.STATUS_ACTIVE;
        }

        @Override
        public void setRollbackOnly() {}

        @Override
        public boolean getRollbackOnly() {
            return false;
        }
    }
}
