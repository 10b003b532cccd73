package io.leakwatch.matching.domain;

import io.leakwatch.contracts.verification.VerificationResult;
import io.leakwatch.contracts.verification.VerificationResult.CanaryHit;
import io.leakwatch.contracts.verification.VerificationResult.SchemaMatch;
import io.leakwatch.contracts.verification.VerificationResult.SnapshotWindow;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a sample's summed {@link ChunkTally} and what its submission said into DESIGN.md's {@link VerificationResult}:
 * rates, 95% Wilson intervals, the snapshot window, schema matches and the verdict. Pure and deterministic.
 */
public final class VerificationCalculator {

    /** The 97.5th percentile of the standard normal distribution: a two-sided 95% interval. */
    static final double Z = 1.959963984540054;

    private VerificationCalculator() {}

    /**
     * @param suppliedColumns the canonical columns the sample supplies; the compared ones among them get an entry in
     *     {@code fieldAgreement} (null when no matched row had that field)
     */
    public static VerificationResult result(
            ChunkTally tally,
            long rows,
            long invalidRows,
            List<String> headerNames,
            Set<String> suppliedColumns,
            List<ShareSnapshot> shares,
            long claimedRecordCount,
            long registryMembers) {
        long matched = tally.matchedRows();
        long decided = matched + tally.notFoundRows();
        double[] match = wilson(matched, decided);
        double[] agreement = wilson(tally.fullyAgreeingRows(), matched);

        TreeMap<String, Double> fieldAgreement = new TreeMap<>();
        Set<String> fields = new HashSet<>(tally.fieldSupplied().keySet());
        suppliedColumns.stream().filter(COMPARED::contains).forEach(fields::add);
        for (String field : fields) {
            long supplied = tally.fieldSupplied().getOrDefault(field, 0L);
            fieldAgreement.put(
                    field, supplied == 0 ? null : (double) tally.fieldAgreed().getOrDefault(field, 0L) / supplied);
        }

        List<CanaryHit> canaryHits = new ArrayList<>();
        tally.canaryRows().forEach((set, count) -> canaryHits.add(new CanaryHit(set, shareOf(set, shares), count)));

        String verdict = verdict(!canaryHits.isEmpty(), decided, match, agreement);
        return new VerificationResult(
                rows,
                invalidRows,
                tally.duplicateRows(),
                matched,
                tally.notFoundRows(),
                tally.fullyAgreeingRows(),
                fieldAgreement,
                tally.latestUpdatedAt(),
                tally.deceasedRows(),
                canaryHits,
                schemaMatches(headerNames, shares),
                match[0],
                match[1],
                match[2],
                agreement[0],
                agreement[1],
                agreement[2],
                snapshotWindow(tally),
                verdict,
                claimedRecordCount,
                registryMembers,
                claimedRecordCount > registryMembers);
    }

    private static final Set<String> COMPARED =
            Set.of("card_no", "full_name", "birth_date", "sex", "phone", "regency_code");

    /** DESIGN.md's verdict rules, in their order: the first that holds. */
    static String verdict(boolean canaryHit, long decided, double[] match, double[] agreement) {
        if (canaryHit || (match[1] >= 0.8 && agreement[1] >= 0.8)) {
            return "CONFIRMED";
        }
        if (decided < 30) {
            return "INCONCLUSIVE";
        }
        if (match[1] >= 0.5 && agreement[1] >= 0.5) {
            return "LIKELY";
        }
        if (match[1] >= 0.5 && agreement[2] < 0.5) {
            return "FABRICATED";
        }
        if (match[2] < 0.2) {
            return "UNLIKELY";
        }
        return "INCONCLUSIVE";
    }

    /**
     * The share and its 95% Wilson score interval {@code [rate, low, high]}. Note: with no trial at all the rate is 0
     * and the interval is [0, 1]: nothing is known.
     */
    static double[] wilson(long successes, long trials) {
        if (trials == 0) {
            return new double[] {0.0, 0.0, 1.0};
        }
        double n = trials;
        double p = successes / n;
        double z2 = Z * Z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denominator;
        double half = Z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
        return new double[] {p, Math.max(0.0, centre - half), Math.min(1.0, centre + half)};
    }

    /** Jaccard similarity of the normalised header names with each share's columns, best first, then by name. */
    static List<SchemaMatch> schemaMatches(List<String> headerNames, List<ShareSnapshot> shares) {
        Set<String> header = normalisedNames(headerNames);
        return shares.stream()
                .map(share -> new SchemaMatch(share.name(), jaccard(header, normalisedNames(share.columns()))))
                .sorted(Comparator.comparingDouble(SchemaMatch::similarity)
                        .reversed()
                        .thenComparing(SchemaMatch::share))
                .toList();
    }

    static Set<String> normalisedNames(List<String> names) {
        Set<String> normalised = new HashSet<>();
        for (String name : names) {
            String n = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
            if (!n.isEmpty()) {
                normalised.add(n);
            }
        }
        return normalised;
    }

    static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 0.0;
        }
        Set<String> union = new HashSet<>(a);
        union.addAll(b);
        long common = a.stream().filter(b::contains).count();
        return (double) common / union.size();
    }

    private static String shareOf(String canarySet, List<ShareSnapshot> shares) {
        return shares.stream()
                .filter(share -> canarySet.equals(share.canarySet()))
                .map(ShareSnapshot::name)
                .findFirst()
                .orElse(null);
    }

    /**
     * The longest interval of days allowed by the most fully agreeing rows, from the coverage steps. Ties in length go
     * to the earliest interval. Null when no row agrees.
     */
    static SnapshotWindow snapshotWindow(ChunkTally tally) {
        if (tally.fullyAgreeingRows() == 0 || tally.windowDeltas().isEmpty()) {
            return null;
        }
        List<Map.Entry<Long, Long>> steps = new ArrayList<>(tally.windowDeltas().entrySet());
        long best = 0;
        long bestFrom = 0;
        long bestTo = 0;
        long running = 0;
        for (int i = 0; i < steps.size(); i++) {
            running += steps.get(i).getValue();
            long from = steps.get(i).getKey();
            long to = i + 1 < steps.size() ? steps.get(i + 1).getKey() - 1 : Long.MAX_VALUE;
            if (running > best || (running == best && running > 0 && length(from, to) > length(bestFrom, bestTo))) {
                best = running;
                bestFrom = from;
                bestTo = to;
            }
        }
        if (best == 0) {
            return null;
        }
        return new SnapshotWindow(
                bestFrom == Long.MIN_VALUE ? null : LocalDate.ofEpochDay(bestFrom),
                bestTo == Long.MAX_VALUE ? null : LocalDate.ofEpochDay(bestTo),
                (double) best / tally.fullyAgreeingRows());
    }

    /** Days in an interval; one without a start or an end is longer than any other. */
    private static double length(long from, long to) {
        return from == Long.MIN_VALUE || to == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : (double) to - from + 1;
    }
}
