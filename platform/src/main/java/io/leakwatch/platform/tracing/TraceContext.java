package io.leakwatch.platform.tracing;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The W3C trace context ({@code traceparent}, {@code tracestate}) as plain strings, the form in which it travels in
 * Axon metadata and Kafka record headers. An incident's journey (request, events, records, the consumers' commands)
 * is one trace because every hop copies these two values on.
 */
public final class TraceContext {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

    private static final TextMapGetter<Map<String, ?>> MAP_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, ?> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, ?> carrier, String key) {
            Object value = carrier == null ? null : carrier.get(key);
            return value == null ? null : value.toString();
        }
    };

    private TraceContext() {}

    /** The trace context of {@code context} (usually {@link Context#current()}), empty when it has no valid span. */
    public static Map<String, String> of(Context context) {
        Map<String, String> carrier = new LinkedHashMap<>();
        W3C.inject(context, carrier, Map::put);
        return carrier;
    }

    /** A context whose parent is the remote span named in {@code carrier} (Axon metadata, say); root when none. */
    public static Context from(Map<String, ?> carrier) {
        return W3C.extract(Context.root(), carrier, MAP_GETTER);
    }
}
