package io.leakwatch.platform.messaging;

import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.axonframework.common.AxonTransientException;

/**
 * Tells a failure that may pass (the database is restarting, a connection was cut, a concurrent transaction won) from
 * one that will happen again on every delivery (a record that is not an event, a handler bug). The first kind is retried
 * in place by {@link ConsumerRetry}; the second goes to the dead letters at once. Of the first kind, the database being
 * unreachable or too busy to give a connection in time ({@link #isUnavailable}) is what a request is answered 503 for.
 */
public final class TransientFailures {

    /**
     * SQL states that say the database cannot serve now: too_many_connections, query_canceled (a statement timeout),
     * admin_shutdown (pg_terminate_backend, a restart), crash_shutdown, cannot_connect_now (starting up).
     */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("53300", "57014", "57P01", "57P02", "57P03");

    /**
     * SQL states of a lost race, which a consumer retries but a request does not turn into a 503:
     * serialization_failure, deadlock_detected, lock_not_available, and unique_violation: every insert of our consumers
     * is conflict-aware (the inbox, {@code ON CONFLICT}), so a unique violation can only be a concurrent transaction
     * that got there first, and a retry sees its rows.
     */
    private static final Set<String> LOST_RACE_STATES = Set.of("40001", "40P01", "55P03", "23505");

    /** SQL state class 08: connection exceptions (refused, broken, lost at commit). */
    private static final String CONNECTION_EXCEPTION_CLASS = "08";

    private TransientFailures() {}

    /** Whether {@code failure}, or anything in its chain of causes, is worth another try. */
    public static boolean isTransient(Throwable failure) {
        return find(failure, t -> unavailable(t) || lostRace(t)).isPresent();
    }

    /**
     * Whether {@code failure}, or anything in its chain of causes, says the database (or a connection to it) is not
     * there or too busy: no pooled connection came in time, it refused or cut the connection, it is shutting down or
     * starting. Such a failure is the service's state, not the request's fault, and passes by itself.
     */
    public static boolean isUnavailable(Throwable failure) {
        return unavailableCause(failure).isPresent();
    }

    /** The exception in {@code failure}'s chain that makes it {@link #isUnavailable unavailable}, to log. */
    public static Optional<Throwable> unavailableCause(Throwable failure) {
        return find(failure, TransientFailures::unavailable);
    }

    private static Optional<Throwable> find(Throwable failure, Predicate<Throwable> test) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (test.test(t)) {
                return Optional.of(t);
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (test.test(suppressed)) {
                    return Optional.of(suppressed);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean unavailable(Throwable t) {
        if (t instanceof SQLTransientConnectionException
                || t instanceof SQLTimeoutException
                || t instanceof SQLRecoverableException
                || t instanceof ConnectException
                || t instanceof SocketTimeoutException
                || t instanceof SocketException
                || t instanceof TimeoutException
                || t instanceof ClosedConnectionException
                || noConnectionByMessage(t)) {
            return true;
        }
        String state = sqlState(t);
        return state != null && (state.startsWith(CONNECTION_EXCEPTION_CLASS) || UNAVAILABLE_STATES.contains(state));
    }

    /** Axon's transient exceptions are lost races too (a concurrent append, a lock not had in time). */
    private static boolean lostRace(Throwable t) {
        if (t instanceof AxonTransientException || t instanceof SQLTransientException) {
            return true;
        }
        String state = sqlState(t);
        return state != null && LOST_RACE_STATES.contains(state);
    }

    /**
     * The pools say "no connection in time" with no type or SQL state of its own, so their words are matched
     * ({@code OverloadProblemsTest} exhausts the real pools, so a changed wording fails there): Agroal (JDBC) throws a
     * plain {@link SQLException} "Sorry, acquisition timeout!" or "Acquisition timeout while waiting for new
     * connection"; the Vert.x SQL pool (reactive) fails {@code getConnection()} with a bare {@link NoStackTraceThrowable}
     * "Timeout", and a query on the pool itself with a {@link VertxException} "Timeout waiting for connection". A
     * reactive connection the server closed fails its next query the same bare way, "Connection is not active now".
     */
    private static boolean noConnectionByMessage(Throwable t) {
        String message = t.getMessage();
        if (message == null) {
            return false;
        }
        if (t instanceof SQLException sql && sql.getSQLState() == null) {
            return message.toLowerCase(Locale.ROOT).contains("acquisition timeout");
        }
        if (t instanceof NoStackTraceThrowable) {
            return message.equals("Timeout") || message.startsWith("Connection is not active now");
        }
        return t instanceof VertxException && message.equals("Timeout waiting for connection");
    }

    /** JDBC's and the Vert.x client's (a {@code PgException} that reached us unconverted) alike. */
    private static String sqlState(Throwable t) {
        if (t instanceof SQLException sql) {
            return sql.getSQLState();
        }
        if (t instanceof DatabaseException database) {
            return database.getSqlState();
        }
        return null;
    }
}
