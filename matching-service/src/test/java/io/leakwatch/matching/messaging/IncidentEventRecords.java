package io.leakwatch.matching.messaging;

import io.leakwatch.contracts.CloudEvent;
import io.leakwatch.contracts.Topics;
import io.leakwatch.contracts.incident.IncidentReported;
import io.leakwatch.contracts.incident.ReportSource;
import io.leakwatch.contracts.verification.VerificationOpened;
import io.leakwatch.platform.messaging.CloudEventCodec;
import io.leakwatch.testing.TopicReader;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The 2021 claim as intake-service publishes it, and what matching answers on its own topic. */
final class IncidentEventRecords {

    private static final CloudEventCodec CODEC = new CloudEventCodec();

    private IncidentEventRecords() {}

    /** An {@code IncidentReported} record of 279 million claimed rows, with a new event id. */
    static String reported(String incidentId) {
        return reported(UUID.randomUUID().toString(), incidentId);
    }

    static String reported(String eventId, String incidentId) {
        IncidentReported reported = new IncidentReported(
                incidentId,
                "279 million",
                new ReportSource("FORUM", null, "Kotz"),
                279_000_000L,
                List.of("NIK"),
                Instant.parse("2021-05-20T09:00:00Z"),
                List.of("ID"),
                Instant.parse("2021-05-20T10:00:00Z"));
        return CODEC.encode(CloudEvent.wrap(eventId, "/leakwatch/intake-service", reported.reportedAt(), reported));
    }

    /** The claimed counts of every {@code VerificationOpened} matching published for {@code incidentId}. */
    static List<Long> opened(String bootstrapServers, String incidentId) {
        return TopicReader.readAll(bootstrapServers, Topics.VERIFICATION_EVENTS).stream()
                .filter(r -> incidentId.equals(r.key()))
                .map(r -> CODEC.decode(r.value()))
                .flatMap(Optional::stream)
                .map(CloudEvent::data)
                .filter(VerificationOpened.class::isInstance)
                .map(data -> ((VerificationOpened) data).claimedRecordCount())
                .toList();
    }
}
