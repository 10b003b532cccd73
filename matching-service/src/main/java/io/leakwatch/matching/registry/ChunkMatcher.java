package io.leakwatch.matching.registry;

import io.leakwatch.contracts.sample.SampleRow;
import io.leakwatch.matching.domain.ChunkTally;
import io.leakwatch.platform.privacy.BloomFilter;
import io.leakwatch.platform.privacy.CanonicalField;
import io.leakwatch.platform.privacy.NameBloomEncoder;
import io.leakwatch.platform.privacy.Token;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
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
        TreeMap<String, Long> supplied = new TreeMap<>();
        TreeMap<String, Long> agreed = new TreeMap<>();
        TreeMap<String, Long> canaries = new TreeMap<>();
        TreeMap<Long, Long> deltas = new TreeMap<>();
        LocalDate latest = null;
        java.util.HashSet<String> counted = new java.util.HashSet<>();
        for (SampleRow row : rows) {
            if (row.updatedAt() != null && (latest == null || row.updatedAt().isAfter(latest))) {
                latest = row.updatedAt();
            }
            if (!firstOccurrence.contains(row.nikToken()) || !counted.add(row.nikToken())) {
                duplicates++;
                continue;
            }
            int member = index.find(Token.ofBase64Url(row.nikToken()));
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
            RowFields fields = RowFields.of(row);
            List<long[]> allowed = new ArrayList<>();
            boolean[] agreesSomewhere = new boolean[SLOTS];
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
                        allowed.add(new long[] {from, to});
                    }
                }
            }
            for (int slot = 0; slot < SLOTS; slot++) {
                if (fields.present[slot]) {
                    String column = RegistryIndex.FIELDS.get(slot).column();
                    supplied.merge(column, 1L, Long::sum);
                    if (agreesSomewhere[slot]) {
                        agreed.merge(column, 1L, Long::sum);
                    }
                }
            }
            if (!allowed.isEmpty()) {
                agreeing++;
                addCoverage(allowed, deltas);
            }
        }
        deltas.values().removeIf(v -> v == 0L);
        return new ChunkTally(
                rows.size(),
                duplicates,
                matched,
                notFound,
                agreeing,
                deceased,
                supplied,
                agreed,
                canaries,
                latest,
                deltas);
    }

    private static boolean agrees(RowFields fields, int slot, RegistryIndex index, int version) {
        if (index.holds(version, slot) && index.fieldKey(version, slot) == fields.keys[slot]) {
            return true;
        }
        if (slot == NAME_SLOT && fields.nameBloom != null) {
            BloomFilter registered = index.nameBloom(version);
            return registered != null && NameBloomEncoder.agree(fields.nameBloom, registered);
        }
        return false;
    }

    /** Adds one row's allowed dates (the union of its intervals) to the coverage steps, counting the row once. */
    private static void addCoverage(List<long[]> intervals, TreeMap<Long, Long> deltas) {
        intervals.sort((a, b) -> Long.compare(a[0], b[0]));
        long from = intervals.get(0)[0];
        long to = intervals.get(0)[1];
        for (long[] next : intervals.subList(1, intervals.size())) {
            if (to != OPEN && next[0] > to + 1) {
                step(deltas, from, to);
                from = next[0];
                to = next[1];
            } else {
                to = Math.max(to, next[1]);
            }
        }
        step(deltas, from, to);
    }

    private static void step(TreeMap<Long, Long> deltas, long from, long to) {
        deltas.merge(from, 1L, Long::sum);
        if (to != OPEN) {
            deltas.merge(to + 1, -1L, Long::sum);
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

    /** The row's field tokens in slot order, decoded once. */
    private static final class RowFields {
        final boolean[] present = new boolean[SLOTS];
        final long[] keys = new long[SLOTS];
        BloomFilter nameBloom;

        static RowFields of(SampleRow row) {
            RowFields fields = new RowFields();
            for (int slot = 0; slot < SLOTS; slot++) {
                String token =
                        row.fieldTokens().get(RegistryIndex.FIELDS.get(slot).column());
                if (token != null && !token.isEmpty()) {
                    fields.present[slot] = true;
                    fields.keys[slot] = Token.ofBase64Url(token).indexKey();
                }
            }
            if (row.nameBloom() != null && !row.nameBloom().isEmpty()) {
                fields.nameBloom = BloomFilter.fromBytes(
                        Base64.getUrlDecoder().decode(row.nameBloom()), NameBloomEncoder.DEFAULT_BITS);
                fields.present[NAME_SLOT] = true;
            }
            return fields;
        }
    }
}
