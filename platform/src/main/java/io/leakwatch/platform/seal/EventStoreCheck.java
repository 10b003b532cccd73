package io.leakwatch.platform.seal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Checks a service's event store against its seal offline, straight from its database:
 *
 * <pre>
 * java -cp '&lt;service&gt;/target/quarkus-app/lib/main/*' io.leakwatch.platform.seal.EventStoreCheck \
 *     jdbc:postgresql://127.0.0.1:5432/leakwatch_intake postgres
 * </pre>
 *
 * (or {@code infra/local/verify-event-store.sh}). Prints {@code VALID sealed=… pending=… head=…} and exits 0, or one
 * {@code INVALID} line per finding, naming the global index, the aggregate and its sequence number, and exits 1; 2 when
 * the database cannot be read.
 */
public final class EventStoreCheck {

    private EventStoreCheck() {}

    public static void main(String[] args) {
        if (args.length < 1 || args.length > 3) {
            System.err.println("usage: java -cp <service lib> " + EventStoreCheck.class.getName()
                    + " <jdbc url> [user] [password]");
            System.exit(2);
        }
        String user = args.length > 1 ? args[1] : "postgres";
        String password = args.length > 2 ? args[2] : "";
        try (Connection connection = DriverManager.getConnection(args[0], user, password)) {
            EventStoreVerifier.Report report = EventStoreVerifier.verify(connection);
            System.out.print(describe(report));
            System.exit(report.valid() ? 0 : 1);
        } catch (SQLException e) {
            System.err.println("Cannot read the event store at " + args[0] + ": " + e.getMessage());
            System.exit(2);
        }
    }

    /** The report as the check prints it, one line per finding. */
    public static String describe(EventStoreVerifier.Report report) {
        StringBuilder out = new StringBuilder();
        String head = report.head() == null
                ? "none"
                : report.head().sealNo() + "@" + report.head().globalIndex() + ":"
                        + report.head().hash();
        if (report.valid()) {
            out.append("VALID sealed=")
                    .append(report.sealed())
                    .append(" pending=")
                    .append(report.pending())
                    .append(" head=")
                    .append(head)
                    .append('\n');
            return out.toString();
        }
        for (EventStoreVerifier.Finding finding : report.findings()) {
            out.append("INVALID globalIndex=")
                    .append(finding.globalIndex())
                    .append(" aggregate=")
                    .append(finding.aggregateId())
                    .append(" sequence=")
                    .append(finding.sequenceNumber())
                    .append(" seal=")
                    .append(finding.sealNo())
                    .append(": ")
                    .append(finding.problem())
                    .append('\n');
        }
        out.append("INVALID ")
                .append(report.problems())
                .append(" problem(s); sealed=")
                .append(report.sealed())
                .append(" pending=")
                .append(report.pending())
                .append('\n');
        return out.toString();
    }
}
