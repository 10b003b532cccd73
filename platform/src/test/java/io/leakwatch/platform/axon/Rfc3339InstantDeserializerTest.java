package io.leakwatch.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.leakwatch.contracts.incident.IncidentDismissed;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Rfc3339InstantDeserializerTest {

    /** Jackson's own reading of instants, which the fast path must agree with. */
    private static final ObjectMapper JACKSON =
            JsonMapper.builder().addModule(new JavaTimeModule()).build();

    @Test
    void axonJsonReadsInstantsThroughIt() {
        assertThat(AxonJson.mapper().getRegisteredModuleIds()).contains("rfc3339-instants");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"2021-05-20T10:00:00Z\"",
                "\"2026-12-04T20:57:51.854123Z\"",
                "\"2026-12-04T20:57:51.8Z\"",
                "\"1969-12-31T23:59:59.999999999Z\"",
                "\"1970-01-01T00:00:00Z\"",
                "\"2021-05-20T17:00:00+07:00\"",
                // Past ITU: a leap second, a year past 9999, a number of seconds. Jackson's deserializer reads them.
                "\"2016-12-31T23:59:60Z\"",
                "\"+10000-01-01T00:00:00Z\"",
                "1621504800.5",
                "1621504800"
            })
    void readsEveryInstantAsJacksonDoes(String json) throws Exception {
        Instant expected = JACKSON.readValue(json, Instant.class);

        assertThat(AxonJson.mapper().readValue(json, Instant.class)).isEqualTo(expected);
    }

    @Test
    void anInstantInsideAnEventReadsBackAsWritten() throws Exception {
        IncidentDismissed dismissal =
                new IncidentDismissed("incident-1", "not our data", Instant.parse("2021-05-20T10:00:00.123456789Z"));

        String json = AxonJson.mapper().writeValueAsString(dismissal);

        assertThat(AxonJson.mapper().readValue(json, IncidentDismissed.class)).isEqualTo(dismissal);
    }

    @Test
    void textThatIsNoInstantIsRefusedAsJacksonRefusesIt() {
        assertThatThrownBy(() -> AxonJson.mapper().readValue("\"20 May 2021\"", Instant.class))
                .isInstanceOf(InvalidFormatException.class);
    }
}
