package io.leakwatch.contracts.verification;

import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a sample's verification found, field for field as DESIGN.md ("Verification result") defines it; the names are
 * the JSON names of {@code GET /api/v1/verifications/{sampleId}}.
 *
 * @param fieldAgreement canonical column to the share of matched rows (with that field not empty) where it agrees
 * @param latestUpdatedAt the latest {@code updated_at} of the sample, or null when the sample has none
 * @param canaryHits the canary sets hit, with the data share each was placed in
 * @param schemaMatches Jaccard similarity of the sample's header with each data share's columns, best first
 * @param snapshotWindow when the sample's agreeing rows were valid all at once, or null when no row agrees
 * @param verdict CONFIRMED, LIKELY, FABRICATED, UNLIKELY or INCONCLUSIVE
 * @param registryMembers distinct non-canary members whose latest status is not DECEASED
 */
public record VerificationResult(
        long rows,
        long invalidRows,
        long duplicateRows,
        long matchedRows,
        long notFoundRows,
        long fullyAgreeingRows,
        SortedMap<String, Double> fieldAgreement,
        LocalDate latestUpdatedAt,
        long deceasedRows,
        List<CanaryHit> canaryHits,
        List<SchemaMatch> schemaMatches,
        double matchRate,
        double matchRateLow,
        double matchRateHigh,
        double agreementRate,
        double agreementLow,
        double agreementHigh,
        SnapshotWindow snapshotWindow,
        String verdict,
        long claimedRecordCount,
        long registryMembers,
        boolean claimExceedsRegistry) {

    public VerificationResult {
        // Sorted, so that the same result always has the same JSON (the audit trail hashes it).
        fieldAgreement =
                Collections.unmodifiableSortedMap(new TreeMap<>(fieldAgreement == null ? Map.of() : fieldAgreement));
        canaryHits = canaryHits == null ? List.of() : List.copyOf(canaryHits);
        schemaMatches = schemaMatches == null ? List.of() : List.copyOf(schemaMatches);
    }

    /** Rows of the sample whose NIK is a canary of {@code canarySet}, which was placed in {@code share} only. */
    public record CanaryHit(String canarySet, String share, long rows) {}

    /** How alike the sample's header is to {@code share}'s column list (Jaccard, 0 to 1). */
    public record SchemaMatch(String share, double similarity) {}

    /**
     * The longest interval of dates allowed by the most fully agreeing rows.
     *
     * @param to inclusive; null when the interval is still open today
     * @param support those rows / fully agreeing rows
     */
    public record SnapshotWindow(LocalDate from, LocalDate to, double support) {}
}
