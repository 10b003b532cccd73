package io.leakwatch.platform.axon;

import com.ethlo.time.ITU;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * Reads an {@link Instant} written as RFC 3339 text (as {@link AxonJson} writes them) with ethlo's ITU parser instead
 * of java.time's {@code DateTimeFormatter}, whose parse was half of deserialising an event's payload and a fifth of a
 * replay (docs/BENCHMARKS.md, Replay). Whatever ITU refuses (a number of seconds, a leap second, a year past 9999)
 * goes to Jackson's own deserializer, so every value reads as it did before.
 */
final class Rfc3339InstantDeserializer extends StdScalarDeserializer<Instant> {

    Rfc3339InstantDeserializer() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.hasToken(JsonToken.VALUE_STRING)) {
            try {
                return ITU.parseDateTime(parser.getText()).toInstant();
            } catch (DateTimeException notRfc3339) {
                // Jackson's deserializer below decides, as it did before.
            }
        }
        return InstantDeserializer.INSTANT.deserialize(parser, context);
    }
}
