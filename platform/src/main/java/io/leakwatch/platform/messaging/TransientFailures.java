package io.leakwatch.platform.messaging;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.axonframework.common.AxonTransientException;

/**
 * Tells a failure that may pass (the database is restarting, a connection was cut, a concurrent transaction won) from
 * one that will happen again on every delivery (a record that is not an event, a handler bug). The first kind is retried
 * in place by {@link ConsumerRetry}; the second goes to the dead letters at once.
 */
public final class TransientFailures {

    /**
     * SQL states that say "try again": serialization_failure, deadlock_detected, lock_not_available, query_canceled (a
     * statement timeout), too_many_connections, admin_shutdown (pg_terminate_backend, a restart), crash_shutdown,
     * cannot_connect_now (starting up), and unique_violation: every insert of our consumers is conflict-aware (the
     * inbox, {@code ON CONFLICT}), so a unique violation can only be a concurrent transaction that got there first, and
     * a retry sees its rows.
     */
    private static final Set<String> SQL_STATES =
            Set.of("40001", "40P01", "55P03", "57014", "53300", "57P01", "57P02", "57P03", "23505");

    /** SQL state class 08: connection exceptions (refused, broken, lost at commit). */
    private static final String CONNECTION_EXCEPTION_CLASS = "08";

    private TransientFailures() {}

    /** Whether {@code failure}, or anything in its chain of causes, is worth another try. */
    public static boolean isTransient(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (transientItself(t)) {
                return true;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (transientItself(suppressed)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean transientItself(Throwable t) {
        if (t instanceof AxonTransientException
                || t instanceof SQLTransientException
                || t instanceof SQLRecoverableException
                || t instanceof ConnectException
                || t instanceof SocketTimeoutException
                || t instanceof SocketException
                || t instanceof TimeoutException) {
            return true;
        }
        if (t instanceof SQLException sql && sql.getSQLState() != null) {
            String state = sql.getSQLState();
            return state.startsWith(CONNECTION_EXCEPTION_CLASS) || SQL_STATES.contains(state);
        }
        return false;
    }
}
