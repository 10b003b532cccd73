package io.leakwatch.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.leakwatch.contracts.CloudEvent;
import io.leakwatch.contracts.EventCatalog;
import io.leakwatch.contracts.EventType;
import io.leakwatch.contracts.IntegrationEvent;
import io.leakwatch.contracts.incident.IncidentReported;
import io.leakwatch.contracts.incident.ReportSource;
import io.leakwatch.contracts.statement.StatementDrafted;
import io.leakwatch.contracts.verification.VerificationOpened;
import io.leakwatch.platform.axon.AxonJson;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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

    private static final Map<Class<? extends IntegrationEvent>, IntegrationEvent> EXAMPLES = Map.of(
            IncidentReported.class,
            new IncidentReported(
                    "0b6c5a3e-2d4f-4c1e-9f7a-1d2e3f4a5b6c",
                    "Data of 279 million Indonesians offered on a forum",
                    new ReportSource("FORUM", "https://forum.example/Thread-279-million", "Kotz"),
                    279_000_000L,
                    List.of("NIK", "NAME", "PHONE"),
                    Instant.parse("2021-05-20T09:00:00Z"),
                    List.of("ID"),
                    T),
            VerificationOpened.class,
            new VerificationOpened("0b6c5a3e-2d4f-4c1e-9f7a-1d2e3f4a5b6c", 279_000_000L, T),
            StatementDrafted.class,
            new StatementDrafted("0b6c5a3e-2d4f-4c1e-9f7a-1d2e3f4a5b6c", 1, "e-1", "Pernyataan", "Statement", T));

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
