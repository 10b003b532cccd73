package io.leakwatch.contracts.statement;

import io.leakwatch.contracts.IntegrationEvent;
import io.leakwatch.contracts.Revision;
import java.time.Instant;

/**
 * A published version of a statement is no longer public, e.g. because it turned out to be wrong.
 *
 * @param reason why, for the people who read the trail; not shown to the public
 * @param withdrawnBy who withdrew it (the user name of their token)
 */
@Revision(1)
public record StatementWithdrawn(String incidentId, int version, String reason, String withdrawnBy, Instant withdrawnAt)
        implements IntegrationEvent {}
