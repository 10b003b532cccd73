package io.leakwatch.statement.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The canonical JSON of an event as the audit trail hashes it: the CloudEvent envelope exactly as it was received on
 * its topic (unknown fields included), with the members of every object sorted by name (Java's {@code String} order),
 * no white space between tokens, strings escaped the way Jackson writes them (only {@code "}, {@code \} and control
 * characters; other characters as UTF-8), and numbers written as they were read (a decimal keeps its digits: no
 * float rounding). Close to RFC 8785 (JCS), but numbers are not re-serialised the ECMAScript way.
 */
public final class CanonicalJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private CanonicalJson() {}

    public static String of(String json) {
        try {
            JsonNode tree = MAPPER.readTree(json);
            StringWriter out = new StringWriter();
            try (JsonGenerator generator = MAPPER.getFactory().createGenerator(out)) {
                write(tree, generator);
            }
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON: cannot canonicalise", e);
        }
    }

    /** Parses JSON the way {@link #of} reads it, so a canonical form can be shown as a tree without changing it. */
    public static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(JsonNode node, JsonGenerator out) throws IOException {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            out.writeStartObject();
            for (String name : names) {
                out.writeFieldName(name);
                write(node.get(name), out);
            }
            out.writeEndObject();
        } else if (node.isArray()) {
            out.writeStartArray();
            for (JsonNode element : node) {
                write(element, out);
            }
            out.writeEndArray();
        } else {
            MAPPER.writeTree(out, node);
        }
    }
}
