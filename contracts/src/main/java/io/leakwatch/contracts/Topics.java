package io.leakwatch.contracts;

import java.util.List;

/** The Kafka topics Leakwatch services talk over. Event topics keep their records forever: they are the shared history. */
public final class Topics {

    /** Decisions of intake-service's Incident aggregate. */
    public static final String INCIDENT_EVENTS = "leakwatch.incident-events";

    /** Decisions of matching-service's Verification aggregate. */
    public static final String VERIFICATION_EVENTS = "leakwatch.verification-events";

    /** Decisions of statement-service's Statement aggregate. */
    public static final String STATEMENT_EVENTS = "leakwatch.statement-events";

    /** Tokenised sample rows on their way from intake to matching: data, not events. */
    public static final String SAMPLE_CHUNKS = "leakwatch.sample-chunks";

    /**
     * Records a consumer could not process (not JSON, not a CloudEvent, a handler that failed for good), with the reason
     * in their headers; they keep their key and value, so that they can be looked at and replayed.
     */
    public static final String DEAD_LETTERS = "leakwatch.dead-letters";

    /** Every topic that carries events, in the order an auditor reads them. */
    public static final List<String> EVENT_TOPICS = List.of(INCIDENT_EVENTS, VERIFICATION_EVENTS, STATEMENT_EVENTS);

    /** Every topic Leakwatch uses. */
    public static final List<String> ALL =
            List.of(INCIDENT_EVENTS, VERIFICATION_EVENTS, STATEMENT_EVENTS, SAMPLE_CHUNKS, DEAD_LETTERS);

    private Topics() {}
}
