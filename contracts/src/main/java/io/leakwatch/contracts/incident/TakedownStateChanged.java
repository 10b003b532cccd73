package io.leakwatch.contracts.incident;

import io.leakwatch.contracts.IntegrationEvent;
import io.leakwatch.contracts.Revision;
import java.time.Instant;

/**
 * The takedown of an offer link moved on.
 *
 * @param observableId the OFFER_LINK observable whose takedown this is
 * @param state REQUESTED (asked the host to remove it), DONE (it is gone) or FAILED (the host refused or did not act)
 * @param changedAt when the takedown reached this state
 */
@Revision(1)
public record TakedownStateChanged(String incidentId, String observableId, String state, Instant changedAt)
        implements IntegrationEvent {}
