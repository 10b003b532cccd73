package io.leakwatch.contracts.statement;

import io.leakwatch.contracts.IntegrationEvent;
import io.leakwatch.contracts.Revision;
import java.time.Instant;

/**
 * An approved version of a statement is public from now on. It carries the published words, so that the audit trail
 * holds exactly what the public was told.
 *
 * @param textId the statement in Indonesian
 * @param textEn the statement in English
 * @param publishedBy who published it (the user name of their token)
 */
@Revision(1)
public record StatementPublished(
        String incidentId, int version, String textId, String textEn, String publishedBy, Instant publishedAt)
        implements IntegrationEvent {}
