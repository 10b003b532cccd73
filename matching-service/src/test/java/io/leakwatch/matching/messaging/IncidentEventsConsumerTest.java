package io.leakwatch.matching.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.contracts.CloudEvent;
import io.leakwatch.contracts.Topics;
import io.leakwatch.contracts.incident.IncidentReported;
import io.leakwatch.contracts.incident.ReportSource;
import io.leakwatch.contracts.verification.VerificationOpened;
import io.leakwatch.platform.messaging.CloudEventCodec;
import io.leakwatch.testing.LeakwatchTestStack;
import io.leakwatch.testing.TopicReader;
import io.leakwatch.testing.TopicWriter;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = LeakwatchTestStack.class, scope = TestResourceScope.GLOBAL)
class IncidentEventsConsumerTest {

    private final CloudEventCodec codec = new CloudEventCodec();

    @Test
    void aReportedIncidentOpensOneVerificationEvenWhenDeliveredTwice() throws InterruptedException {
        String incidentId = UUID.randomUUID().toString();
        IncidentReported reported = new IncidentReported(
                incidentId,
                "279 million",
                new ReportSource("FORUM", null, "Kotz"),
                279_000_000L,
                List.of("NIK"),
                Instant.parse("2021-05-20T09:00:00Z"),
                List.of("ID"),
                Instant.parse("2021-05-20T10:00:00Z"));
        String record = codec.encode(CloudEvent.wrap(
                UUID.randomUUID().toString(), "/leakwatch/intake-service", reported.reportedAt(), reported));

        TopicWriter.publish(
                LeakwatchTestStack.broker().bootstrapServers(), Topics.INCIDENT_EVENTS, incidentId, record, record);

        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(opened(incidentId)).containsExactly(279_000_000L));
        // A redelivered record must not open a second verification: wait a moment, then count again.
        Thread.sleep(1_000);
        assertThat(opened(incidentId)).hasSize(1);
    }

    private List<Long> opened(String incidentId) {
        return TopicReader.readAll(LeakwatchTestStack.broker().bootstrapServers(), Topics.VERIFICATION_EVENTS).stream()
                .filter(r -> incidentId.equals(r.key()))
                .map(r -> codec.decode(r.value()))
                .flatMap(Optional::stream)
                .map(CloudEvent::data)
                .map(data -> ((VerificationOpened) data).claimedRecordCount())
                .toList();
    }
}
