package io.leakwatch.platform.axon;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.time.Instant;

/** The one JSON form Leakwatch writes: events in the store and on the topics alike. */
public final class AxonJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // Note: a tolerant reader: a newer producer may add fields an older consumer does not know yet.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // Registered after the found modules, so it comes before their Instant deserializer.
            .addModule(new SimpleModule("rfc3339-instants")
                    .addDeserializer(Instant.class, new Rfc3339InstantDeserializer()))
            .build();

    private AxonJson() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
