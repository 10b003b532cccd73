package io.leakwatch.matching.domain;

import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the rows of one chunk (or of several, summed) contributed to a sample's result: counts only, no token. Sums of
 * tallies are exact because every count is over rows, and a NIK's rows are all in one bucket, so a repeat is known
 * where it is counted.
 *
 * @param rows valid rows received (duplicates included)
 * @param duplicateRows rows repeating a NIK seen before in the sample
 * @param matchedRows distinct rows whose NIK is a registry member (not a canary)
 * @param notFoundRows distinct rows whose NIK is neither a member nor a canary
 * @param fullyAgreeingRows matched rows whose every supplied field agrees with one and the same version
 * @param deceasedRows matched rows whose member's latest status is DECEASED
 * @param fieldSupplied per canonical column, matched rows where the field is not empty
 * @param fieldAgreed per canonical column, matched rows where the field agrees with some version
 * @param canaryRows per canary set, distinct rows whose NIK is a canary of it
 * @param latestUpdatedAt the latest {@code updated_at} of the rows, or null
 * @param windowDeltas the snapshot window's coverage as steps: epoch day to the change in the number of fully agreeing
 *     rows allowing that day ({@link Long#MIN_VALUE} for "since ever"); summed over rows and chunks
 */
public record ChunkTally(
        long rows,
        long duplicateRows,
        long matchedRows,
        long notFoundRows,
        long fullyAgreeingRows,
        long deceasedRows,
        SortedMap<String, Long> fieldSupplied,
        SortedMap<String, Long> fieldAgreed,
        SortedMap<String, Long> canaryRows,
        LocalDate latestUpdatedAt,
        SortedMap<Long, Long> windowDeltas) {

    public static final ChunkTally EMPTY = new ChunkTally(0, 0, 0, 0, 0, 0, null, null, null, null, null);

    public ChunkTally {
        fieldSupplied = sorted(fieldSupplied);
        fieldAgreed = sorted(fieldAgreed);
        canaryRows = sorted(canaryRows);
        windowDeltas = sorted(windowDeltas);
    }

    /** The sum of two tallies. */
    public ChunkTally plus(ChunkTally other) {
        return new Sum().add(this).add(other).toTally();
    }

    private static <K extends Comparable<K>> void addTo(TreeMap<K, Long> sum, Map<K, Long> counts) {
        counts.forEach((key, count) -> sum.merge(key, count, Long::sum));
    }

    private static <K extends Comparable<K>> SortedMap<K, Long> sorted(Map<K, Long> map) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(map == null ? Map.of() : map));
    }

    /**
     * A running sum of tallies, added to in place: a verification sums thousands of chunk tallies, and summing them
     * with {@link #plus} copied every map (the snapshot window's steps run to thousands of days) once per chunk.
     */
    public static final class Sum {
        private long rows;
        private long duplicateRows;
        private long matchedRows;
        private long notFoundRows;
        private long fullyAgreeingRows;
        private long deceasedRows;
        private final TreeMap<String, Long> fieldSupplied = new TreeMap<>();
        private final TreeMap<String, Long> fieldAgreed = new TreeMap<>();
        private final TreeMap<String, Long> canaryRows = new TreeMap<>();
        private LocalDate latestUpdatedAt;
        private final TreeMap<Long, Long> windowDeltas = new TreeMap<>();

        public Sum add(ChunkTally tally) {
            rows += tally.rows;
            duplicateRows += tally.duplicateRows;
            matchedRows += tally.matchedRows;
            notFoundRows += tally.notFoundRows;
            fullyAgreeingRows += tally.fullyAgreeingRows;
            deceasedRows += tally.deceasedRows;
            addTo(fieldSupplied, tally.fieldSupplied);
            addTo(fieldAgreed, tally.fieldAgreed);
            addTo(canaryRows, tally.canaryRows);
            if (latestUpdatedAt == null
                    || (tally.latestUpdatedAt != null && tally.latestUpdatedAt.isAfter(latestUpdatedAt))) {
                latestUpdatedAt = tally.latestUpdatedAt;
            }
            // A day whose steps cancel out is left out, as a tally of all the rows at once would leave it out.
            tally.windowDeltas.forEach((day, change) -> windowDeltas.merge(day, change, (a, b) -> {
                long sum = a + b;
                return sum == 0 ? null : sum;
            }));
            return this;
        }

        /** Valid rows summed so far. */
        public long rows() {
            return rows;
        }

        public ChunkTally toTally() {
            return new ChunkTally(
                    rows,
                    duplicateRows,
                    matchedRows,
                    notFoundRows,
                    fullyAgreeingRows,
                    deceasedRows,
                    fieldSupplied,
                    fieldAgreed,
                    canaryRows,
                    latestUpdatedAt,
                    windowDeltas);
        }
    }
}
