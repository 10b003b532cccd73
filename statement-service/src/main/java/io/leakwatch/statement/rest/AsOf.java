package io.leakwatch.statement.rest;

import io.leakwatch.platform.rest.ProblemException;
import io.leakwatch.statement.repository.StatementVersionEntity;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;

/**
 * A read "as of" a past instant: the versions drafted by then, each with the life it had then. Computed from the
 * times the projection keeps (drafted, approved, published, withdrawn), so no history table is needed.
 */
final class AsOf {

    /** Before this, Leakwatch has nothing to show: as in intake's dates, an earlier one is a typo. */
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    /** How far ahead of this service's clock another machine's "now" may be. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private AsOf() {}

    /**
     * The {@code asOf} query parameter: null when absent, an ISO-8601 instant from 2000 to now otherwise, else 400. A
     * future instant is refused rather than read as now: what will stand then is not known.
     */
    static Instant parse(String asOf) {
        if (asOf == null || asOf.isBlank()) {
            return null;
        }
        Instant at;
        try {
            at = Instant.parse(asOf.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("asOf must be an ISO-8601 instant such as 2021-05-21T03:00:00Z, not '"
                    + (asOf.length() > 60 ? asOf.substring(0, 60) + "..." : asOf) + "'");
        }
        if (at.isBefore(EARLIEST)) {
            throw ProblemException.badRequest("asOf must not be before " + EARLIEST + ", not " + at);
        }
        if (at.isAfter(Instant.now().plus(CLOCK_SKEW))) {
            throw ProblemException.badRequest("asOf must not be in the future, not " + at);
        }
        return at;
    }

    /** The versions known at {@code at} as they stood then, in the given order; all of them when {@code at} is null. */
    static List<StatementVersionEntity> filter(List<StatementVersionEntity> versions, Instant at) {
        if (at == null) {
            return versions;
        }
        return versions.stream().map(v -> of(v, at)).filter(Objects::nonNull).toList();
    }

    /** One version as it stood at {@code at}; null when it was not drafted yet, itself when {@code at} is null. */
    static StatementVersionEntity of(StatementVersionEntity version, Instant at) {
        if (at == null || version == null) {
            return version;
        }
        if (version.draftedAt.isAfter(at)) {
            return null;
        }
        StatementVersionEntity then = new StatementVersionEntity();
        then.id = version.id;
        then.incidentId = version.incidentId;
        then.version = version.version;
        then.causedBy = version.causedBy;
        then.basedOn = version.basedOn;
        then.author = version.author;
        then.textId = version.textId;
        then.textEn = version.textEn;
        then.draftedAt = version.draftedAt;
        then.missingElements = version.missingElements;
        then.status = "DRAFT";
        if (by(version.approvedAt, at)) {
            then.status = "APPROVED";
            then.approvedBy = version.approvedBy;
            then.approvedAt = version.approvedAt;
        }
        if (by(version.publishedAt, at)) {
            then.status = StatementVersionEntity.PUBLISHED;
            then.publishedBy = version.publishedBy;
            then.publishedAt = version.publishedAt;
        }
        if (by(version.withdrawnAt, at)) {
            then.status = StatementVersionEntity.WITHDRAWN;
            then.withdrawnBy = version.withdrawnBy;
            then.withdrawnAt = version.withdrawnAt;
            then.withdrawalReason = version.withdrawalReason;
        }
        return then;
    }

    private static boolean by(Instant when, Instant at) {
        return when != null && !when.isAfter(at);
    }
}
