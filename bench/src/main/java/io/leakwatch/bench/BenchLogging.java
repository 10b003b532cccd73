package io.leakwatch.bench;

import java.util.logging.Level;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.Logger;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;

/**
 * Logging of a bench JVM as a service has it: INFO and up, to stderr. The services' libraries bring Quarkus's initial
 * log configurator, which leaves every logger at ALL and holds records for a Quarkus runtime that a bench main never
 * starts; Axon then formatted a debug line per unit-of-work phase and Kafka's clients their trace lines per record
 * (seen in the JFR of the replay and forwarding benches), work the services do not do.
 */
public final class BenchLogging {

    private BenchLogging() {}

    /** Call first in a bench main, before any library logs. */
    public static void infoToStderr() {
        Logger root = LogContext.getLogContext().getLogger("");
        root.setLevel(Level.INFO);
        root.addHandler(new ConsoleHandler(
                ConsoleHandler.Target.SYSTEM_ERR, new PatternFormatter("%d{HH:mm:ss,SSS} %-5p [%c{1.}] %s%e%n")));
    }
}
