package io.leakwatch.platform.tracing;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.Unremovable;
import io.quarkus.arc.lookup.LookupIfProperty;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;

/**
 * Tracing stays on (spans, trace ids in the logs' MDC, {@code traceparent} on every hop) but exports nowhere until an
 * operator sets {@code leakwatch.tracing.export=true} and an OTLP endpoint
 * ({@code quarkus.otel.exporter.otlp.traces.endpoint}). Note: while this bean is there, Quarkus' OTLP exporter stands
 * aside (it yields to any {@link SpanExporter} bean), so no connection to a collector is attempted; both are decided at
 * run time, no rebuild is needed to turn export on.
 */
@ApplicationScoped
@Unremovable
@LookupIfProperty(name = "leakwatch.tracing.export", stringValue = "false", lookupIfMissing = true)
public class DiscardingSpanExporter implements SpanExporter {

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
