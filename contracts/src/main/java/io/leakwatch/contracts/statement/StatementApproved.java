package io.leakwatch.contracts.statement;

import io.leakwatch.contracts.IntegrationEvent;
import io.leakwatch.contracts.Revision;
import java.time.Instant;

/**
 * A person approved a version of a statement for publication; it held every required element.
 *
 * @param approvedBy who approved it (the user name of their token)
 */
@Revision(1)
public record StatementApproved(String incidentId, int version, String approvedBy, Instant approvedAt)
        implements IntegrationEvent {}
