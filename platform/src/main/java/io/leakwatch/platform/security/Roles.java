package io.leakwatch.platform.security;

/** The roles of DESIGN.md, as they come in the JWT's {@code groups} claim. */
public final class Roles {

    /** Files incidents and samples. */
    public static final String REPORTER = "reporter";

    /** Triages incidents and imports the registry. */
    public static final String ANALYST = "analyst";

    /** Edits, approves and publishes statements. */
    public static final String COMMS = "comms";

    /** Reads audit trails and starts replays. */
    public static final String AUDITOR = "auditor";

    private Roles() {}
}
