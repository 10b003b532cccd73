package io.leakwatch.matching.registry;

import io.leakwatch.contracts.sample.SampleRow;
import io.leakwatch.matching.domain.ChunkTally;
import io.leakwatch.platform.privacy.BloomFilter;
import io.leakwatch.platform.privacy.CanonicalField;
import io.leakwatch.platform.privacy.NameBloomEncoder;
import io.leakwatch.platform.privacy.Token;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Matches a chunk's tokenised rows against the {@link RegistryIndex} by the rules of DESIGN.md ("Verification
 * result") and tallies them. Pure: no I/O, no clock; the caller says which rows repeat a NIK.
 */
public final class ChunkMatcher {

    private static final int SLOTS = RegistryIndex.FIELDS.size();
    private static final int NAME_SLOT = RegistryIndex.FIELDS.indexOf(CanonicalField.FULL_NAME);
    /** The end of an interval still open today. */
    private static final long OPEN = Long.MAX_VALUE;

    private ChunkMatcher() {}

    /**
     * @param rows the chunk's rows, in the order of the file
     * @param firstOccurrence the NIK tokens (base64url) whose first occurrence in the sample is in this chunk; a row
     *     whose NIK is not among them, or that repeats one within the chunk, is a duplicate
     */
    public static ChunkTally tally(List<SampleRow> rows, Set<String> firstOccurrence, RegistryIndex index) {
        long duplicates = 0;
        long matched = 0;
        long notFound = 0;
        long agreeing = 0;
        long deceased = 0;
        long[] supplied = new long[SLOTS];
        long[] agreed = new long[SLOTS];
        TreeMap<String, Long> canaries = new TreeMap<>();
        Coverage coverage = new Coverage();
        LocalDate latest = null;
        HashSet<String> counted = new HashSet<>();
        RowFields fields = new RowFields();
        for (SampleRow row : rows) {
            if (row.updatedAt() != null && (latest == null || row.updatedAt().isAfter(latest))) {
                latest = row.updatedAt();
            }
            if (!firstOccurrence.contains(row.nikToken()) || !counted.add(row.nikToken())) {
                duplicates++;
                continue;
            }
            Base64UrlTokens.decode(row.nikToken(), fields.nik);
            int member = index.find(fields.nik);
            if (member < 0) {
                notFound++;
                continue;
            }
            String canarySet = index.canarySet(member);
            if (canarySet != null) {
                canaries.merge(canarySet, 1L, Long::sum);
                continue;
            }
            matched++;
            if (index.deceased(member)) {
                deceased++;
            }
            fields.read(row);
            boolean[] agreesSomewhere = fields.agreesSomewhere;
            int allowedCount = 0;
            for (int v = index.firstVersion(member); v < index.endVersion(member); v++) {
                boolean all = true;
                for (int slot = 0; slot < SLOTS; slot++) {
                    if (!fields.present[slot]) {
                        continue;
                    }
                    boolean agrees = agrees(fields, slot, index, v);
                    agreesSomewhere[slot] |= agrees;
                    all &= agrees;
                }
                if (all) {
                    // Valid from valid_from (registration when empty), not before registered_on, until the day before
                    // the next version.
                    long from = day(Math.max(index.validFrom(v), index.registeredOn(v)));
                    long to = v + 1 < index.endVersion(member) ? dayBefore(index.validFrom(v + 1)) : OPEN;
                    if (from <= to && to != Long.MIN_VALUE) {
                        allowedCount = fields.allow(allowedCount, from, to);
                    }
                }
            }
            for (int slot = 0; slot < SLOTS; slot++) {
                if (fields.present[slot]) {
                    supplied[slot]++;
                    if (agreesSomewhere[slot]) {
                        agreed[slot]++;
                    }
                }
            }
            if (allowedCount > 0) {
                agreeing++;
                coverage.add(fields.allowed, allowedCount);
            }
        }
        return new ChunkTally(
                rows.size(),
                duplicates,
                matched,
                notFound,
                agreeing,
                deceased,
                byColumn(supplied),
                byColumn(agreed),
                canaries,
                latest,
                coverage.deltas());
    }

    private static boolean agrees(RowFields fields, int slot, RegistryIndex index, int version) {
        if (fields.hasToken[slot] && index.holds(version, slot) && index.fieldKey(version, slot) == fields.keys[slot]) {
            return true;
        }
        if (slot == NAME_SLOT && fields.hasBloom) {
            return index.nameAgrees(version, fields.nameBloom, fields.nameBloomBits);
        }
        return false;
    }

    /** Per-slot counts as the tally's map of canonical column to count, leaving out the columns never counted. */
    private static TreeMap<String, Long> byColumn(long[] counts) {
        TreeMap<String, Long> map = new TreeMap<>();
        for (int slot = 0; slot < SLOTS; slot++) {
            if (counts[slot] > 0) {
                map.put(RegistryIndex.FIELDS.get(slot).column(), counts[slot]);
            }
        }
        return map;
    }

    /**
     * The snapshot window's coverage steps of the chunk's fully agreeing rows: each row's allowed dates (the union of
     * its intervals) add +1 on their first day and -1 the day after their last. Kept as two lists of days, sorted and
     * counted once at the end, rather than a map updated per row.
     */
    private static final class Coverage {
        private long[] starts = new long[64];
        private int startCount;
        private long[] ends = new long[64];
        private int endCount;

        /** Adds one row's intervals ({@code from, to} pairs), counting the row once. */
        void add(long[] intervals, int count) {
            sortByStart(intervals, count);
            long from = intervals[0];
            long to = intervals[1];
            for (int i = 1; i < count; i++) {
                long nextFrom = intervals[2 * i];
                long nextTo = intervals[2 * i + 1];
                if (to != OPEN && nextFrom > to + 1) {
                    step(from, to);
                    from = nextFrom;
                    to = nextTo;
                } else {
                    to = Math.max(to, nextTo);
                }
            }
            step(from, to);
        }

        private void step(long from, long to) {
            if (startCount == starts.length) {
                starts = Arrays.copyOf(starts, startCount * 2);
            }
            starts[startCount++] = from;
            if (to != OPEN) {
                if (endCount == ends.length) {
                    ends = Arrays.copyOf(ends, endCount * 2);
                }
                ends[endCount++] = to + 1;
            }
        }

        /** Day to net change, days whose changes cancel out left out. */
        TreeMap<Long, Long> deltas() {
            TreeMap<Long, Long> deltas = new TreeMap<>();
            Arrays.sort(starts, 0, startCount);
            Arrays.sort(ends, 0, endCount);
            int s = 0;
            int e = 0;
            while (s < startCount || e < endCount) {
                long day = e == endCount || (s < startCount && starts[s] <= ends[e]) ? starts[s] : ends[e];
                long change = 0;
                for (; s < startCount && starts[s] == day; s++) {
                    change++;
                }
                for (; e < endCount && ends[e] == day; e++) {
                    change--;
                }
                if (change != 0) {
                    deltas.put(day, change);
                }
            }
            return deltas;
        }

        /** Insertion sort of the pairs by start: a row has a handful of versions. Stable, as List.sort was. */
        private static void sortByStart(long[] pairs, int count) {
            for (int i = 1; i < count; i++) {
                long from = pairs[2 * i];
                long to = pairs[2 * i + 1];
                int j = i - 1;
                for (; j >= 0 && pairs[2 * j] > from; j--) {
                    pairs[2 * j + 2] = pairs[2 * j];
                    pairs[2 * j + 3] = pairs[2 * j + 1];
                }
                pairs[2 * j + 2] = from;
                pairs[2 * j + 3] = to;
            }
        }
    }

    /** The day before a version's start; before an unknown start there is no day. */
    private static long dayBefore(int epochDay) {
        return epochDay == RegistryIndex.UNKNOWN_DATE ? Long.MIN_VALUE : epochDay - 1L;
    }

    /** An epoch day as a long; an unknown date is {@link Long#MIN_VALUE}, before every day. */
    private static long day(int epochDay) {
        return epochDay == RegistryIndex.UNKNOWN_DATE ? Long.MIN_VALUE : epochDay;
    }

    /**
     * The current row's fields, decoded once into the index's stored forms and reused from row to row of a chunk
     * (one instance per call of tally, so per thread).
     */
    private static final class RowFields {
        final byte[] nik = new byte[Token.LENGTH];
        /** The row supplies the field: a token of it, or for the name its filter. */
        final boolean[] present = new boolean[SLOTS];
        /** The row has a token of the field: only then can its key agree with a version's. */
        final boolean[] hasToken = new boolean[SLOTS];
        /** Each field's token's first 8 bytes, compared with each version's ({@link RegistryIndex#fieldKey}). */
        final long[] keys = new long[SLOTS];

        final boolean[] agreesSomewhere = new boolean[SLOTS];
        final long[] nameBloom = new long[RegistryIndex.BLOOM_WORDS];
        int nameBloomBits;
        boolean hasBloom;
        /** The row's allowed intervals, {@code from, to} pairs. */
        long[] allowed = new long[8];

        void read(SampleRow row) {
            Arrays.fill(agreesSomewhere, false);
            for (int slot = 0; slot < SLOTS; slot++) {
                String token =
                        row.fieldTokens().get(RegistryIndex.FIELDS.get(slot).column());
                hasToken[slot] = token != null && !token.isEmpty();
                present[slot] = hasToken[slot];
                keys[slot] = hasToken[slot] ? Base64UrlTokens.indexKey(token) : 0L;
            }
            hasBloom = row.nameBloom() != null && !row.nameBloom().isEmpty();
            if (hasBloom) {
                byte[] bytes = Base64.getUrlDecoder().decode(row.nameBloom());
                // Checked as BloomFilter.fromBytes checks a filter: a wrong size is an error, not a mismatch.
                if (bytes.length != RegistryIndex.BLOOM_BYTES) {
                    BloomFilter.fromBytes(bytes, NameBloomEncoder.DEFAULT_BITS);
                }
                Arrays.fill(nameBloom, 0L);
                RegistryIndex.bloomWords(bytes, nameBloom, 0);
                nameBloomBits = 0;
                for (long word : nameBloom) {
                    nameBloomBits += Long.bitCount(word);
                }
                present[NAME_SLOT] = true;
            }
        }

        /** Adds an interval to the row's allowed ones; returns the new count. */
        int allow(int count, long from, long to) {
            if (2 * count + 2 > allowed.length) {
                allowed = Arrays.copyOf(allowed, allowed.length * 2);
            }
            allowed[2 * count] = from;
            allowed[2 * count + 1] = to;
            return count + 1;
        }
    }
}
