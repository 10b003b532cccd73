package io.leakwatch.statement.domain;

import java.util.List;

/**
 * A well-formed command that the statement's history does not allow: approving a version that misses a required
 * element, publishing one that is not approved, withdrawing one that is not public, acting on a version that is not
 * the latest. Nothing is recorded; the REST layer answers 409. A command malformed on its own (blank text or reason)
 * is an {@link IllegalArgumentException} instead (400), and a version that does not exist a {@link NoSuchVersion}.
 */
public class StatementRefused extends RuntimeException {

    private final transient List<String> missingElements;

    public StatementRefused(String reason) {
        this(reason, List.of());
    }

    public StatementRefused(String reason, List<String> missingElements) {
        super(reason);
        this.missingElements = List.copyOf(missingElements);
    }

    /** The required elements the version lacks, each as {@code ELEMENT (language)}; empty for other refusals. */
    public List<String> missingElements() {
        return missingElements;
    }

    /** The command names a version the statement does not have. */
    public static class NoSuchVersion extends RuntimeException {

        public NoSuchVersion(String incidentId, int version) {
            super("The statement of incident " + incidentId + " has no version " + version);
        }
    }
}
