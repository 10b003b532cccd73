package io.leakwatch.statement.rest;

import io.leakwatch.contracts.CloudEvent;
import io.leakwatch.contracts.Topics;
import io.leakwatch.contracts.incident.IncidentReported;
import io.leakwatch.contracts.incident.ReportSource;
import io.leakwatch.platform.messaging.CloudEventCodec;
import io.leakwatch.testing.LeakwatchTestStack;
import io.leakwatch.testing.TopicWriter;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The 2021 claim, put on the incident topic as intake would: statement-service drafts its first version from it. */
public final class Claims {

    private Claims() {}

    /** @return the new incident's id */
    public static String file() {
        String incident = UUID.randomUUID().toString();
        IncidentReported reported = reported(incident, Instant.parse("2021-05-20T03:00:00Z"));
        TopicWriter.publish(
                LeakwatchTestStack.broker().bootstrapServers(),
                Topics.INCIDENT_EVENTS,
                incident,
                new CloudEventCodec()
                        .encode(CloudEvent.wrap(
                                UUID.randomUUID().toString(), "/leakwatch/test", Instant.now(), reported)));
        return incident;
    }

    /** The 2021 claim's {@code IncidentReported} for this incident, reported at {@code reportedAt}. */
    public static IncidentReported reported(String incident, Instant reportedAt) {
        return new IncidentReported(
                incident,
                "Data of 279 million Indonesians offered on a forum",
                new ReportSource("FORUM", null, "Kotz"),
                279_000_000L,
                List.of("NIK", "NAME"),
                Instant.parse("2021-05-20T02:00:00Z"),
                List.of("ID"),
                reportedAt);
    }
}
