package io.leakwatch.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FastTimestampJdbcEventStorageEngineTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-12-04T20:58:05.544Z",
                "2021-05-20T10:00:00Z",
                "1969-12-31T23:59:59.999Z",
                "2021-05-20T17:00:00.123456789+07:00",
                // Past ITU: Axon's parser reads it.
                "+10000-01-01T00:00:00Z"
            })
    void readsEveryStoredTimestampAsAxonDoes(String stored) {
        assertThat(FastTimestampJdbcEventStorageEngine.parse(stored)).isEqualTo(DateTimeUtils.parseInstant(stored));
    }

    @Test
    void readsBackWhatAxonWrites() {
        Instant appended = Instant.parse("2021-05-20T10:00:00.123456Z");

        assertThat(FastTimestampJdbcEventStorageEngine.parse(DateTimeUtils.formatInstant(appended)))
                .isEqualTo(DateTimeUtils.parseInstant(DateTimeUtils.formatInstant(appended)));
    }
}
