package io.leakwatch.statement.drafting;

import io.quarkus.qute.TemplateData;

/**
 * What a statement template is filled with: every value already written the way its language writes it, and null
 * where the fact is not known yet (the templates then say that it is unknown).
 *
 * @param stage where the verification stands: NONE, UNDER_WAY, FAILED or COMPLETED
 * @param verdictOurs the completed verdict says the sample is ours (CONFIRMED, LIKELY)
 * @param verdictNotOurs the completed verdict says it is not (FABRICATED, UNLIKELY)
 * @param finalStatement the incident is closed or dismissed: no further update is promised
 */
@TemplateData
public record StatementModel(
        String organisation,
        String title,
        String discoveredAt,
        String claim,
        String registrySize,
        String registryAsOf,
        boolean claimExceedsRegistry,
        String claimedData,
        String awareAt,
        String sightings,
        String lastSeenAt,
        String stage,
        String sampleRows,
        String sampleAt,
        String sampleData,
        String verdict,
        boolean verdictOurs,
        boolean verdictNotOurs,
        String completedAt,
        String checkedRows,
        String matchedShare,
        String deceased,
        String latestUpdate,
        String notices,
        String notifiedAt,
        String closedAt,
        String dismissedAt,
        boolean finalStatement,
        String safeguards,
        String authorities,
        String memberAdvice,
        String nextUpdate,
        String contact) {}
