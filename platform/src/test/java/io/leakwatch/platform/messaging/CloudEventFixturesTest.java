package io.leakwatch.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.leakwatch.contracts.CloudEvent;
import io.leakwatch.contracts.EventCatalog;
import io.leakwatch.contracts.EventType;
import io.leakwatch.contracts.IntegrationEvent;
import io.leakwatch.contracts.incident.AskingPrice;
import io.leakwatch.contracts.incident.AwarenessRecorded;
import io.leakwatch.contracts.incident.IncidentClosed;
import io.leakwatch.contracts.incident.IncidentDismissed;
import io.leakwatch.contracts.incident.IncidentNotified;
import io.leakwatch.contracts.incident.IncidentReported;
import io.leakwatch.contracts.incident.IncidentTriaged;
import io.leakwatch.contracts.incident.IncidentUnderVerification;
import io.leakwatch.contracts.incident.IncidentVerified;
import io.leakwatch.contracts.incident.NotificationDeadlineApproaching;
import io.leakwatch.contracts.incident.NotificationDeadlineMissed;
import io.leakwatch.contracts.incident.NotificationRecorded;
import io.leakwatch.contracts.incident.ObservableAdded;
import io.leakwatch.contracts.incident.ReportSource;
import io.leakwatch.contracts.incident.SampleSubmitted;
import io.leakwatch.contracts.incident.SightingRecorded;
import io.leakwatch.contracts.incident.TakedownStateChanged;
import io.leakwatch.contracts.statement.StatementApproved;
import io.leakwatch.contracts.statement.StatementDrafted;
import io.leakwatch.contracts.statement.StatementEdited;
import io.leakwatch.contracts.statement.StatementPublished;
import io.leakwatch.contracts.statement.StatementWithdrawn;
import io.leakwatch.contracts.verification.VerificationCompleted;
import io.leakwatch.contracts.verification.VerificationFailed;
import io.leakwatch.contracts.verification.VerificationOpened;
import io.leakwatch.contracts.verification.VerificationResult;
import io.leakwatch.contracts.verification.VerificationStarted;
import io.leakwatch.platform.axon.AxonJson;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins the wire form of every integration event: a change to a record that changes its JSON fails here, and must come
 * with a new revision (and an upcaster) instead of silently breaking consumers and the audit history.
 */
class CloudEventFixturesTest {

    private static final Instant T = Instant.parse("2021-05-20T10:00:00Z");

    private static final String INCIDENT = "0b6c5a3e-2d4f-4c1e-9f7a-1d2e3f4a5b6c";

    private static final VerificationResult RESULT = new VerificationResult(
            20_000,
            112,
            35,
            19_103,
            750,
            18_204,
            new TreeMap<>(Map.of("full_name", 0.97, "phone", 0.91)),
            LocalDate.parse("2020-12-31"),
            2_311,
            List.of(new VerificationResult.CanaryHit("canary-2020-q4", "partner-a", 3)),
            List.of(new VerificationResult.SchemaMatch("core-membership", 0.75)),
            0.96,
            0.95,
            0.97,
            0.95,
            0.94,
            0.96,
            new VerificationResult.SnapshotWindow(LocalDate.parse("2020-11-02"), LocalDate.parse("2021-01-14"), 0.88),
            "CONFIRMED",
            279_000_000L,
            222_400_000L,
            true);

    private static final Map<Class<? extends IntegrationEvent>, IntegrationEvent> EXAMPLES = Stream.of(
                    new IncidentReported(
                            INCIDENT,
                            "Data of 279 million Indonesians offered on a forum",
                            new ReportSource("FORUM", "https://forum.example/Thread-279-million", "Kotz"),
                            279_000_000L,
                            List.of("NIK", "NAME", "PHONE"),
                            Instant.parse("2021-05-20T09:00:00Z"),
                            List.of("ID"),
                            T,
                            new AskingPrice("0.15", "BTC"),
                            "TLP:AMBER"),
                    new SampleSubmitted(
                            INCIDENT,
                            "sample-1",
                            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                            2_048_576L,
                            20_000L,
                            112L,
                            40,
                            List.of("PSNOKA", "NAMA", "NIK", "TGLLHR", "NOHP", "EMAIL", "TSUPDATE"),
                            List.of("card_no", "full_name", "nik", "birth_date", "phone", "updated_at"),
                            List.of("EMAIL"),
                            "a1b2c3d4",
                            T),
                    new VerificationStarted(INCIDENT, "sample-1", 40, T),
                    new VerificationCompleted(INCIDENT, "sample-1", RESULT, T),
                    new VerificationFailed(INCIDENT, "sample-2", "3 of 40 chunks never arrived", T),
                    new IncidentTriaged(INCIDENT, "CRITICAL", "TLP:AMBER+STRICT", "analyst-1", T),
                    new SightingRecorded(
                            INCIDENT,
                            new ReportSource("SOCIAL_MEDIA", "https://social.example/status/1", "@leakwatcher"),
                            Instant.parse("2021-05-20T09:45:00Z"),
                            T),
                    new AwarenessRecorded(INCIDENT, Instant.parse("2021-05-20T09:30:00Z"), List.of("ID", "EU")),
                    new IncidentUnderVerification(INCIDENT, "sample-1", T),
                    new IncidentVerified(INCIDENT, "sample-1", "CONFIRMED", T),
                    new NotificationRecorded(INCIDENT, "ID", "AUTHORITY", Instant.parse("2021-05-22T08:00:00Z"), T),
                    new NotificationDeadlineApproaching(
                            INCIDENT,
                            "ID",
                            Instant.parse("2021-05-23T09:30:00Z"),
                            Instant.parse("2021-05-22T15:30:00Z")),
                    new NotificationDeadlineMissed(INCIDENT, "ID", Instant.parse("2021-05-23T09:30:00Z")),
                    new IncidentNotified(INCIDENT, Instant.parse("2021-05-22T08:00:00Z")),
                    new IncidentClosed(INCIDENT, T, "Notified and taken down"),
                    new IncidentDismissed(INCIDENT, "A recycled hoax from 2019", T),
                    new ObservableAdded(
                            INCIDENT,
                            "obs-1",
                            "FILE_DIGEST",
                            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                            T),
                    new TakedownStateChanged(INCIDENT, "obs-2", "REQUESTED", T),
                    new VerificationOpened(INCIDENT, 279_000_000L, T),
                    new StatementDrafted(INCIDENT, 1, "e-1", "Pernyataan", "Statement", T),
                    new StatementEdited(INCIDENT, 2, 1, "Pernyataan baru", "New statement", "comms-1", T),
                    new StatementApproved(INCIDENT, 2, "comms-2", T),
                    new StatementPublished(INCIDENT, 2, "Pernyataan baru", "New statement", "comms-2", T),
                    new StatementWithdrawn(INCIDENT, 2, "The verdict was revised", "comms-2", T))
            .collect(Collectors.toUnmodifiableMap(IntegrationEvent::getClass, Function.identity()));

    private final CloudEventCodec codec = new CloudEventCodec();

    static Stream<EventType> catalog() {
        return EventCatalog.all().stream();
    }

    @ParameterizedTest
    @MethodSource("catalog")
    void eachEventWritesExactlyItsFixture(EventType type) throws IOException {
        IntegrationEvent example = EXAMPLES.get(type.javaType());
        assertThat(example).as("an example for %s", type.type()).isNotNull();

        String json = codec.encode(CloudEvent.wrap("event-1", "/leakwatch/test", T, example));

        assertThat(AxonJson.mapper().readTree(json)).isEqualTo(fixture(type));
    }

    @ParameterizedTest
    @MethodSource("catalog")
    void eachFixtureReadsBackIntoItsEvent(EventType type) throws IOException {
        CloudEvent<IntegrationEvent> decoded =
                codec.decode(fixture(type).toString()).orElseThrow();

        assertThat(decoded.data()).isEqualTo(EXAMPLES.get(type.javaType()));
        assertThat(decoded.dataschema()).isEqualTo(type.dataschema());
    }

    @Test
    void anUnknownTypeIsSkippedNotFailed() {
        assertThat(codec.decode("""
                        {"specversion":"1.0","id":"x","source":"/s","type":"io.leakwatch.future.Thing",
                         "time":"2021-05-20T10:00:00Z","subject":"i","data":{}}
                        """)).isEmpty();
    }

    private static JsonNode fixture(EventType type) throws IOException {
        String name = "/contracts/" + type.javaType().getSimpleName() + ".v" + type.revision() + ".json";
        try (InputStream in = CloudEventFixturesTest.class.getResourceAsStream(name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return AxonJson.mapper().readTree(in);
        }
    }
}
