package io.leakwatch.platform.axon;

import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

/**
 * Lets Axon work inside Quarkus' JTA transactions. An Axon unit of work that starts inside a running transaction (an
 * idempotent Kafka consumer, say) joins it, so that the dedupe row, the appended events and a projection's rows commit
 * together; otherwise Axon leads a transaction of its own.
 */
final class JtaTransactionManager implements TransactionManager {

    private final jakarta.transaction.TransactionManager jta;

    JtaTransactionManager(jakarta.transaction.TransactionManager jta) {
        this.jta = jta;
    }

    @Override
    public Transaction startTransaction() {
        try {
            if (jta.getStatus() == Status.STATUS_NO_TRANSACTION) {
                jta.begin();
                return new LeadingTransaction();
            }
            return new JoinedTransaction();
        } catch (Exception e) {
            throw new IllegalStateException("Could not start a JTA transaction", e);
        }
    }

    private final class LeadingTransaction implements Transaction {

        @Override
        public void commit() {
            try {
                jta.commit();
            } catch (Exception e) {
                throw new IllegalStateException("Could not commit the JTA transaction", e);
            }
        }

        @Override
        public void rollback() {
            try {
                if (jta.getStatus() != Status.STATUS_NO_TRANSACTION) {
                    jta.rollback();
                }
            } catch (SystemException e) {
                throw new IllegalStateException("Could not roll back the JTA transaction", e);
            }
        }
    }

    /** The owner of the surrounding transaction commits; a failure here only dooms it. */
    private final class JoinedTransaction implements Transaction {

        @Override
        public void commit() {}

        @Override
        public void rollback() {
            try {
                jta.setRollbackOnly();
            } catch (SystemException e) {
                throw new IllegalStateException("Could not mark the JTA transaction for rollback", e);
            }
        }
    }
}
