package io.leakwatch.platform.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules every service reads request bodies by (docs/decisions.md, "Input, access and privacy"). */
class StrictJsonTest {

    /** As Quarkus builds it: the java.time module first, then the customizer. */
    private static final ObjectMapper MAPPER =
            StrictJson.apply(JsonMapper.builder().findAndAddModules().build());

    record Body(String title, Integer count, Instant at) {}

    @Test
    void aValidBodyIsRead() throws Exception {
        Body body = MAPPER.readValue("{\"title\":\"t\",\"count\":7,\"at\":\"2021-05-20T16:00:00+07:00\"}", Body.class);
        assertThat(body).isEqualTo(new Body("t", 7, Instant.parse("2021-05-20T09:00:00Z")));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"title\":7}",
                "{\"title\":true}",
                "{\"count\":\"7\"}",
                "{\"count\":1.5}",
                "{\"count\":true}",
                "{\"at\":1621501200}",
                "{\"at\":1621501200.5}",
                "{\"at\":\"1621501200\"}",
                "{\"at\":\"2021-05-20\"}",
                "{\"at\":\"2021-05-20T09:00:00\"}",
            })
    void aValueOfTheWrongShapeIsRefused(String json) {
        assertThatThrownBy(() -> MAPPER.readValue(json, Body.class)).isInstanceOf(MismatchedInputException.class);
    }

    @Test
    void unknownAndRepeatedFieldsAndTrailingContentAreRefused() {
        assertThatThrownBy(() -> MAPPER.readValue("{\"extra\":1}", Body.class))
                .isInstanceOf(UnrecognizedPropertyException.class);
        assertThatThrownBy(() -> MAPPER.readValue("{\"count\":1} {}", Body.class))
                .isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> MAPPER.readValue("{\"title\":\"a\",\"title\":\"b\"}", Body.class))
                .isInstanceOf(JsonParseException.class)
                .hasMessageContaining("Duplicate field 'title'");
    }

    static IntStream seeds() {
        return IntStream.range(0, 200);
    }

    /** Property: any instant written in ISO 8601 reads back as itself; its epoch seconds, as text, are refused. */
    @ParameterizedTest
    @MethodSource("seeds")
    void isoReadsBackAndEpochSecondsNeverDo(int seed) throws Exception {
        Random random = new Random(seed);
        Instant instant = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 253_000_000_000L));
        assertThat(MAPPER.readValue("{\"at\":\"" + instant + "\"}", Body.class).at())
                .isEqualTo(instant);
        assertThatThrownBy(() -> MAPPER.readValue("{\"at\":\"" + instant.getEpochSecond() + "\"}", Body.class))
                .isInstanceOf(InvalidFormatException.class)
                .hasMessageContaining("ISO 8601");
    }
}
