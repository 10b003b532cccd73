package io.leakwatch.platform.seal;

import io.agroal.api.AgroalDataSource;
import io.leakwatch.platform.security.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * {@code GET /api/v1/event-store/verify}: the service's own event store checked against its seal, for auditors. A
 * tampered store is a finding in a 200 answer ({@code valid: false}), like an audit trail's verification; refusals are
 * problems. JDBC on a worker thread, in one repeatable-read snapshot so that the store and its seal are read at one moment.
 */
@Path("/api/v1/event-store")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.AUDITOR)
@Blocking
public class EventStoreResource {

    private final AgroalDataSource dataSource;

    EventStoreResource(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @GET
    @Path("/verify")
    public EventStoreVerifier.Report verify() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            int isolation = connection.getTransactionIsolation();
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                return EventStoreVerifier.verify(connection);
            } finally {
                connection.rollback();
                connection.setTransactionIsolation(isolation);
                connection.setAutoCommit(true);
            }
        }
    }
}
