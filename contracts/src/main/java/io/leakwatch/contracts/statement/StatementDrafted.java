package io.leakwatch.contracts.statement;

import io.leakwatch.contracts.IntegrationEvent;
import io.leakwatch.contracts.Revision;
import java.time.Instant;

/**
 * A new version of an incident's holding statement was drafted from the facts known so far. Drafts are not public.
 *
 * @param version 1, 2, ... within the incident
 * @param causedBy the id of the event whose fact made this version
 * @param textId the statement in Indonesian
 * @param textEn the statement in English
 * @param draftedAt the time of the fact that made this version (drafting is deterministic)
 */
@Revision(1)
public record StatementDrafted(
        String incidentId, int version, String causedBy, String textId, String textEn, Instant draftedAt)
        implements IntegrationEvent {}
