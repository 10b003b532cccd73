package io.leakwatch.contracts;

import java.time.Instant;

/**
 * The CloudEvents 1.0 envelope (structured mode, JSON) every integration event travels in.
 *
 * @param id the id of the event in the publishing service's event store; consumers dedupe by it
 * @param source the publishing service, e.g. {@code /leakwatch/intake-service}
 * @param type the event's type, e.g. {@code io.leakwatch.incident.IncidentReported}
 * @param time when the publishing service recorded the event
 * @param subject the incident id
 * @param dataschema the event's schema and revision, e.g. {@code urn:leakwatch:schema:IncidentReported:1}
 * @param data the event itself
 */
public record CloudEvent<T extends IntegrationEvent>(
        String specversion,
        String id,
        String source,
        String type,
        Instant time,
        String subject,
        String dataschema,
        String datacontenttype,
        T data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String JSON = "application/json";

    /** Wraps an event recorded by {@code source} under {@code id} at {@code time}. */
    public static <T extends IntegrationEvent> CloudEvent<T> wrap(String id, String source, Instant time, T data) {
        EventType eventType = EventCatalog.typeOf(data.getClass());
        return new CloudEvent<>(
                SPEC_VERSION,
                id,
                source,
                eventType.type(),
                time,
                data.incidentId(),
                eventType.dataschema(),
                JSON,
                data);
    }
}
