package io.leakwatch.statement.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.leakwatch.statement.repository.StatementVersionEntity;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * One version of a statement and its life; with its words when read on its own, without them in a list.
 *
 * @param causedBy the event whose fact drafted the version; null for an edit
 * @param basedOn the version an edit changed; null for a draft
 * @param author who edited it; null for a draft
 * @param missingElements required elements the version lacks (it cannot be approved while any is missing)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StatementView(
        String incidentId,
        int version,
        String status,
        String causedBy,
        Integer basedOn,
        String author,
        Instant draftedAt,
        List<String> missingElements,
        String approvedBy,
        Instant approvedAt,
        String publishedBy,
        Instant publishedAt,
        String withdrawnBy,
        Instant withdrawnAt,
        String withdrawalReason,
        Texts text) {

    /** The statement's words, keyed by language code; a language not asked for is left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Texts(String id, String en) {}

    static StatementView of(StatementVersionEntity entity) {
        return of(entity, new Texts(entity.textId, entity.textEn));
    }

    static StatementView summary(StatementVersionEntity entity) {
        return of(entity, null);
    }

    static StatementView of(StatementVersionEntity entity, Texts text) {
        return new StatementView(
                entity.incidentId,
                entity.version,
                entity.status,
                entity.causedBy,
                entity.basedOn,
                entity.author,
                entity.draftedAt,
                entity.missingElements == null || entity.missingElements.isEmpty()
                        ? List.of()
                        : Arrays.asList(entity.missingElements.split(",")),
                entity.approvedBy,
                entity.approvedAt,
                entity.publishedBy,
                entity.publishedAt,
                entity.withdrawnBy,
                entity.withdrawnAt,
                entity.withdrawalReason,
                text);
    }
}
