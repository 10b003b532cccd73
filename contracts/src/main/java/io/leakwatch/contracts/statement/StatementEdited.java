package io.leakwatch.contracts.statement;

import io.leakwatch.contracts.IntegrationEvent;
import io.leakwatch.contracts.Revision;
import java.time.Instant;

/**
 * A person changed the words of a statement: a new version, a draft again. Drafts are not public.
 *
 * @param version the new version, 1 + the latest
 * @param basedOn the version whose words were changed
 * @param textId the statement in Indonesian
 * @param textEn the statement in English
 * @param editedBy who edited it (the user name of their token)
 * @param editedAt when
 */
@Revision(1)
public record StatementEdited(
        String incidentId, int version, int basedOn, String textId, String textEn, String editedBy, Instant editedAt)
        implements IntegrationEvent {}
