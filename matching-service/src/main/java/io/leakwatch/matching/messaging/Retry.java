package io.leakwatch.matching.messaging;

import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.axonframework.common.AxonTransientException;
import org.jboss.logging.Logger;

/**
 * Runs a transactional step again when it lost a race: two replicas (or two channels of one) appending to the same
 * sample's Verification at once. The loser's transaction rolls back as a whole (inbox row, NIK rows, events), so a
 * retry starts clean and sees the winner's events.
 */
final class Retry {

    private static final Logger LOG = Logger.getLogger(Retry.class);
    private static final int ATTEMPTS = 10;
    /** unique_violation (a concurrent append) and serialization_failure. */
    private static final Set<String> TRANSIENT_SQL_STATES = Set.of("23505", "40001", "40P01");

    private Retry() {}

    static void onConflict(String what, Runnable step) {
        for (int attempt = 1; ; attempt++) {
            try {
                step.run();
                return;
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !transientFailure(e)) {
                    throw e;
                }
                LOG.debugf("%s lost a concurrent append (attempt %d); retrying", what, attempt);
                sleep(attempt);
            }
        }
    }

    private static boolean transientFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AxonTransientException) {
                return true;
            }
            if (t instanceof SQLException sql && TRANSIENT_SQL_STATES.contains(sql.getSQLState())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static void sleep(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(10, 50L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while retrying", e);
        }
    }
}
