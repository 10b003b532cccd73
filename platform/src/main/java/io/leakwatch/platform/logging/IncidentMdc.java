package io.leakwatch.platform.logging;

import org.jboss.logging.MDC;

/**
 * The incident a log line is about, as the MDC key {@value #KEY}: JSON logs (prod profile) carry it as a field, so an
 * operator can follow one incident through every service. Only the incident id goes there, never personal data.
 */
public final class IncidentMdc {

    public static final String KEY = "incidentId";

    private IncidentMdc() {}

    /** Puts {@code incidentId} into the MDC until the returned scope is closed, then restores what was there. */
    public static Scope put(String incidentId) {
        Object previous = MDC.get(KEY);
        if (incidentId == null || incidentId.isBlank()) {
            return () -> {};
        }
        MDC.put(KEY, incidentId);
        return () -> {
            if (previous == null) {
                MDC.remove(KEY);
            } else {
                MDC.put(KEY, previous);
            }
        };
    }

    /** A scope that cannot fail to close. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
