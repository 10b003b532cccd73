package io.leakwatch.matching.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.contracts.CloudEvent;
import io.leakwatch.contracts.Topics;
import io.leakwatch.contracts.incident.IncidentReported;
import io.leakwatch.contracts.incident.ReportSource;
import io.leakwatch.contracts.verification.VerificationOpened;
import io.leakwatch.platform.messaging.CloudEventCodec;
import io.leakwatch.testing.LeakwatchTestStack;
import io.leakwatch.testing.PrometheusText;
import io.leakwatch.testing.TopicReader;
import io.leakwatch.testing.TopicWriter;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** A poison record goes to the dead letters with its reason, is counted, and does not stop its partition. */
@QuarkusTest
@WithTestResource(value = LeakwatchTestStack.class, scope = TestResourceScope.GLOBAL)
class DeadLetterTest {

    private final CloudEventCodec codec = new CloudEventCodec();

    @Test
    void poisonRecordsGoToTheDeadLettersAndTheNextRecordOfTheirPartitionIsProcessed() {
        String incidentId = UUID.randomUUID().toString();
        String notJson = "{this is not json " + incidentId;
        String notACloudEvent = "{\"hello\": \"" + incidentId + "\"}";
        double before = deadLetters("incident-events");

        // Same key, so the same partition: the good record comes after the two bad ones.
        TopicWriter.publish(
                bootstrap(), Topics.INCIDENT_EVENTS, incidentId, notJson, notACloudEvent, reported(incidentId));
        TopicWriter.publish(bootstrap(), Topics.SAMPLE_CHUNKS, incidentId, "[1, 2, " + incidentId);

        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(opened(incidentId)).containsExactly(279_000_000L));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> dead = deadLettersOf(incidentId);
            assertThat(dead).extracting(ConsumerRecord::value).contains(notJson, notACloudEvent);
            assertThat(dead).extracting(ConsumerRecord::value).anyMatch(v -> v.startsWith("[1, 2, "));
            for (ConsumerRecord<String, String> record : dead) {
                assertThat(header(record, "dead-letter-reason")).isNotBlank();
                assertThat(header(record, "dead-letter-topic")).startsWith("leakwatch.");
            }
            assertThat(dead)
                    .filteredOn(r -> r.value().equals(notACloudEvent))
                    .extracting(r -> header(r, "dead-letter-reason"))
                    .singleElement()
                    .asString()
                    .contains("missing CloudEvents attribute");
            assertThat(deadLetters("incident-events")).isGreaterThanOrEqualTo(before + 2);
            assertThat(deadLetters("sample-chunks")).isGreaterThanOrEqualTo(1);
        });
    }

    private String reported(String incidentId) {
        IncidentReported reported = new IncidentReported(
                incidentId,
                "279 million",
                new ReportSource("FORUM", null, "Kotz"),
                279_000_000L,
                List.of("NIK"),
                Instant.parse("2021-05-20T09:00:00Z"),
                List.of("ID"),
                Instant.parse("2021-05-20T10:00:00Z"));
        return codec.encode(CloudEvent.wrap(
                UUID.randomUUID().toString(), "/leakwatch/intake-service", reported.reportedAt(), reported));
    }

    private List<Long> opened(String incidentId) {
        return TopicReader.readAll(bootstrap(), Topics.VERIFICATION_EVENTS).stream()
                .filter(r -> incidentId.equals(r.key()))
                .map(r -> codec.decode(r.value()))
                .flatMap(Optional::stream)
                .map(CloudEvent::data)
                .map(data -> ((VerificationOpened) data).claimedRecordCount())
                .toList();
    }

    private static List<ConsumerRecord<String, String>> deadLettersOf(String incidentId) {
        return TopicReader.readAll(bootstrap(), Topics.DEAD_LETTERS).stream()
                .filter(r -> incidentId.equals(r.key()))
                .toList();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static double deadLetters(String channel) {
        return PrometheusText.parse(given().get("/q/metrics")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .value("leakwatch_dead_letters_total", Map.of("service", "matching-service", "channel", channel))
                .orElse(0.0);
    }

    private static String bootstrap() {
        return LeakwatchTestStack.broker().bootstrapServers();
    }
}
