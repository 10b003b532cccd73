package io.leakwatch.platform.tracing;

import io.opentelemetry.context.Context;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;

/**
 * Copies the trace context of the dispatching thread (a REST request's span, a Kafka record's consumer span) into the
 * command's metadata. Axon's correlation data then carries it into every event the command applies, and the Kafka
 * forwarder, running later on a processor thread, writes it into the record's headers.
 */
public final class TraceContextDispatchInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(
            List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            if (command.getMetaData().containsKey(TraceContext.TRACEPARENT)) {
                return command;
            }
            Map<String, String> trace = TraceContext.of(Context.current());
            return trace.isEmpty() ? command : command.andMetaData(trace);
        };
    }
}
