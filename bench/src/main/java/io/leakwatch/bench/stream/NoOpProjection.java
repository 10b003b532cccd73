package io.leakwatch.bench.stream;

import io.leakwatch.contracts.IntegrationEvent;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.EventHandler;

/** A projection that does nothing but take each event (deserialised, as a real projection gets it) and count it. */
public class NoOpProjection {

    private final AtomicLong handled;

    NoOpProjection(AtomicLong handled) {
        this.handled = handled;
    }

    @EventHandler
    void on(IntegrationEvent event) {
        handled.incrementAndGet();
    }
}
