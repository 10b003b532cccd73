package io.leakwatch.platform.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leakwatch.contracts.CloudEvent;
import io.leakwatch.contracts.EventCatalog;
import io.leakwatch.contracts.EventType;
import io.leakwatch.contracts.IntegrationEvent;
import io.leakwatch.platform.axon.AxonJson;
import java.time.Instant;
import java.util.Optional;

/** Integration events to and from their JSON form on the topics: CloudEvents 1.0, structured mode. */
public final class CloudEventCodec {

    private final ObjectMapper mapper;

    public CloudEventCodec() {
        this(AxonJson.mapper());
    }

    CloudEventCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String encode(CloudEvent<?> event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write " + event.type(), e);
        }
    }

    /**
     * Reads an envelope and its event. An event type this build does not know yet is empty, not an error: a newer
     * producer may publish events an older consumer has no use for.
     *
     * @throws MalformedEventException when the record is not a CloudEvent of a known shape
     */
    public Optional<CloudEvent<IntegrationEvent>> decode(String json) {
        try {
            JsonNode root = mapper.readTree(json);
            if (root == null || !root.isObject()) {
                throw new MalformedEventException("not a JSON object");
            }
            Optional<EventType> type = EventCatalog.byType(text(root, "type"));
            if (type.isEmpty()) {
                return Optional.empty();
            }
            IntegrationEvent data =
                    mapper.treeToValue(root.path("data"), type.get().javaType());
            return Optional.of(new CloudEvent<>(
                    text(root, "specversion"),
                    text(root, "id"),
                    text(root, "source"),
                    text(root, "type"),
                    Instant.parse(text(root, "time")),
                    text(root, "subject"),
                    text(root, "dataschema"),
                    root.path("datacontenttype").asText(CloudEvent.JSON),
                    data));
        } catch (JsonProcessingException | RuntimeException e) {
            if (e instanceof MalformedEventException malformed) {
                throw malformed;
            }
            throw new MalformedEventException(e.getMessage(), e);
        }
    }

    private static String text(JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new MalformedEventException("missing CloudEvents attribute '" + field + "'");
        }
        return value.asText();
    }

    /** A record on an event topic that is not a CloudEvent Leakwatch can read. */
    public static final class MalformedEventException extends RuntimeException {

        public MalformedEventException(String message) {
            super(message);
        }

        public MalformedEventException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
