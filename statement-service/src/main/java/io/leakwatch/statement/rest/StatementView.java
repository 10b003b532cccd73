package io.leakwatch.statement.rest;

import io.leakwatch.statement.repository.StatementVersionEntity;
import java.time.Instant;

/** One version of a statement, in both languages. */
public record StatementView(
        String incidentId, int version, String status, String causedBy, Instant draftedAt, Texts text) {

    /** The statement's words, keyed by language code. */
    public record Texts(String id, String en) {}

    static StatementView of(StatementVersionEntity entity) {
        return new StatementView(
                entity.incidentId,
                entity.version,
                entity.status,
                entity.causedBy,
                entity.draftedAt,
                new Texts(entity.textId, entity.textEn));
    }
}
