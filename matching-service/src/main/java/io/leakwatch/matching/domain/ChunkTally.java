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
        LocalDate latest = latestUpdatedAt == null
                ? other.latestUpdatedAt
                : other.latestUpdatedAt == null || latestUpdatedAt.isAfter(other.latestUpdatedAt)
                        ? latestUpdatedAt
                        : other.latestUpdatedAt;
        TreeMap<Long, Long> deltas = add(windowDeltas, other.windowDeltas);
        deltas.values().removeIf(v -> v == 0L);
        return new ChunkTally(
                rows + other.rows,
                duplicateRows + other.duplicateRows,
                matchedRows + other.matchedRows,
                notFoundRows + other.notFoundRows,
                fullyAgreeingRows + other.fullyAgreeingRows,
                deceasedRows + other.deceasedRows,
                add(fieldSupplied, other.fieldSupplied),
                add(fieldAgreed, other.fieldAgreed),
                add(canaryRows, other.canaryRows),
                latest,
                deltas);
    }

    private static <K extends Comparable<K>> TreeMap<K, Long> add(Map<K, Long> a, Map<K, Long> b) {
        TreeMap<K, Long> sum = new TreeMap<>(a);
        b.forEach((k, v) -> sum.merge(k, v, Long::sum));
        return sum;
    }

    private static <K extends Comparable<K>> SortedMap<K, Long> sorted(Map<K, Long> map) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(map == null ? Map.of() : map));
    }
}
