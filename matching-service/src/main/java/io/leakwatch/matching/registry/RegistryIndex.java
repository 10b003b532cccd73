package io.leakwatch.matching.registry;

import io.leakwatch.platform.privacy.CanonicalField;
import io.leakwatch.platform.privacy.NameBloomEncoder;
import io.leakwatch.platform.privacy.Token;
import java.util.Arrays;
import java.util.List;

/**
 * The registry in memory, for matching sample rows without a database round trip per row. Built once per registry
 * generation by {@link RegistryIndexBuilder}; immutable and safe to share between threads. Everything is in primitive
 * arrays: no object per member or version.
 *
 * <p>The <b>key index</b> finds a member from its NIK token. Members are sorted by token (unsigned byte order, as
 * PostgreSQL sorts {@code bytea}). A {@code directory} of {@code 2^b + 1} ints gives, for the token's first {@code b}
 * bits, the range of members starting with them ({@code b} grows with the registry so that the directory costs under
 * half a byte a member); {@code keys[m]} (8 bytes) holds the token's <em>next</em> 64 bits, found by binary search in
 * that range; {@code firstVersion[m]} (4 bytes) points into the version store. About 12.5 bytes a member, so the
 * lookup compares {@code 64 + b} bits of the token. Note: the rest of the token is not kept, so a NIK outside the
 * registry is taken for a member when {@code 64 + b} bits of its token equal one of theirs: probability {@code
 * members / 2^(64 + b)} per row (about 10^-18 at any registry size), below the 2^-64 at which the field comparisons
 * below already err. Two members of the registry sharing those bits (never seen; ~10^-11 at 222 million members) keep
 * their whole tokens in a side table, so they are still told apart exactly.
 *
 * <p>The <b>version store</b> holds a member's versions contiguously, from {@code firstVersion[m]} to
 * {@code firstVersion[m + 1]}, oldest first, column-wise: per compared field a {@link FieldColumn} (the first 8 bytes
 * of the field's token, dictionary-coded to 1 or 2 bytes where the field has few distinct values), a presence bit per
 * field, {@code valid_from} (the registration date when empty) and {@code registered_on} as epoch days, the status, and
 * the index of the name's Bloom filter in a pool where a member's unchanged name is stored once (a version adds 4 bytes
 * instead of 125). A version is valid until the day before the next one's {@code valid_from}; the last version's status
 * is the member's current one. Canaries, a handful, are a sorted side list rather than a column over all members,
 * with a bit per member to tell a real member from a canary without searching it.
 */
public final class RegistryIndex {

    /** The compared fields in the order of the version store's token slots. */
    public static final List<CanonicalField> FIELDS = List.of(
            CanonicalField.CARD_NO,
            CanonicalField.FULL_NAME,
            CanonicalField.BIRTH_DATE,
            CanonicalField.SEX,
            CanonicalField.PHONE,
            CanonicalField.REGENCY_CODE);

    /** An unknown date: before every known one. */
    public static final int UNKNOWN_DATE = Integer.MIN_VALUE;

    public static final byte ACTIVE = 0;
    public static final byte INACTIVE = 1;
    public static final byte DECEASED = 2;

    static final int BLOOM_BYTES = (NameBloomEncoder.DEFAULT_BITS + 7) / 8;
    /** A filter as longs, bit i in word i / 64 (the order of {@link java.util.BitSet#valueOf(byte[])}). */
    static final int BLOOM_WORDS = (BLOOM_BYTES + 7) / 8;

    static final int BLOOM_PRESENT = 1 << FIELDS.size();

    private final long generation;
    private final int members;
    private final int bucketBits;
    private final int[] directory;
    private final long[] keys;
    private final int[] firstVersion;
    private final int[] ambiguousMembers;
    private final byte[] ambiguousTokens;
    private final int[] canaryMembers;
    private final short[] canaryOf;
    /** A bit per member, set for canaries: the common answer (not a canary) without a search of the side list. */
    private final long[] canaryBits;

    private final List<String> canarySets;
    private final FieldColumn[] columns;
    private final byte[] presence;
    private final int[] bloomOf;
    private final long[] blooms;
    private final int[] validFrom;
    private final int[] registeredOn;
    private final byte[] status;
    private final long registryMembers;

    RegistryIndex(Layout layout) {
        this.generation = layout.generation;
        this.members = layout.members;
        this.bucketBits = layout.bucketBits;
        this.directory = layout.directory;
        this.keys = layout.keys;
        this.firstVersion = layout.firstVersion;
        this.ambiguousMembers = layout.ambiguousMembers;
        this.ambiguousTokens = layout.ambiguousTokens;
        this.canaryMembers = layout.canaryMembers;
        this.canaryOf = layout.canaryOf;
        this.canaryBits = new long[(members + Long.SIZE - 1) / Long.SIZE];
        for (int m : canaryMembers) {
            canaryBits[m >>> 6] |= 1L << m;
        }
        this.canarySets = List.copyOf(layout.canarySets);
        this.columns = layout.columns;
        this.presence = layout.presence;
        this.bloomOf = layout.bloomOf;
        this.blooms = layout.blooms;
        this.validFrom = layout.validFrom;
        this.registeredOn = layout.registeredOn;
        this.status = layout.status;
        long count = 0;
        for (int m = 0; m < members; m++) {
            if (status[latestVersion(m)] != DECEASED) {
                count++;
            }
        }
        for (int m : canaryMembers) {
            if (status[latestVersion(m)] != DECEASED) {
                count--;
            }
        }
        this.registryMembers = count;
    }

    /** The arrays a {@link RegistryIndexBuilder} hands over. */
    static final class Layout {
        long generation;
        int members;
        int bucketBits;
        int[] directory;
        long[] keys;
        int[] firstVersion;
        int[] ambiguousMembers;
        byte[] ambiguousTokens;
        int[] canaryMembers;
        short[] canaryOf;
        List<String> canarySets;
        FieldColumn[] columns;
        byte[] presence;
        int[] bloomOf;
        long[] blooms;
        int[] validFrom;
        int[] registeredOn;
        byte[] status;
    }

    /** An index of no member, for a service whose registry was never imported. */
    public static RegistryIndex empty(long generation) {
        return new RegistryIndexBuilder(generation).build();
    }

    public long generation() {
        return generation;
    }

    /** Distinct members and canaries. */
    public int size() {
        return members;
    }

    public int versions() {
        return firstVersion[members];
    }

    /** DESIGN.md's {@code registryMembers}: distinct non-canary members whose latest status is not DECEASED. */
    public long registryMembers() {
        return registryMembers;
    }

    /**
     * Bytes the key index takes per member ({@code keys}, {@code firstVersion} and the directory), rounded up: the
     * figure DESIGN.md bounds at 16.
     */
    public static int keyIndexBytesPerMember() {
        return Long.BYTES + Integer.BYTES + 1;
    }

    /** Bytes the key index takes: {@code keys}, {@code firstVersion}, the directory and the side table. */
    public long keyIndexBytes() {
        return (long) keys.length * Long.BYTES
                + (long) firstVersion.length * Integer.BYTES
                + (long) directory.length * Integer.BYTES
                + (long) ambiguousMembers.length * Integer.BYTES
                + ambiguousTokens.length;
    }

    /** Bytes of every array of the index: the key index and the version store. */
    public long layoutBytes() {
        long bytes = keyIndexBytes()
                + (long) canaryMembers.length * (Integer.BYTES + Short.BYTES)
                + (long) canaryBits.length * Long.BYTES
                + presence.length
                + status.length
                + (long) bloomOf.length * Integer.BYTES
                + (long) blooms.length * Long.BYTES
                + (long) validFrom.length * Integer.BYTES
                + (long) registeredOn.length * Integer.BYTES;
        for (FieldColumn column : columns) {
            bytes += column.bytes();
        }
        return bytes;
    }

    /** How each column stores a version: bytes per field slot, for the bench's report. */
    public String columnWidths() {
        StringBuilder widths = new StringBuilder();
        for (int slot = 0; slot < columns.length; slot++) {
            widths.append(widths.isEmpty() ? "" : ", ")
                    .append(FIELDS.get(slot).column())
                    .append(' ')
                    .append(columns[slot].bytesPerVersion());
        }
        return widths + "; name filters stored " + blooms.length / BLOOM_WORDS + " for " + versions() + " versions";
    }

    /** The member (or canary) whose NIK token (32 bytes) this is, or -1. */
    public int find(byte[] token) {
        long high = longAt(token, 0);
        long low = longAt(token, Long.BYTES);
        int bucket = bucketBits == 0 ? 0 : (int) (high >>> (Long.SIZE - bucketBits));
        long key = bucketBits == 0 ? high : high << bucketBits | low >>> (Long.SIZE - bucketBits);
        int start = directory[bucket];
        int end = directory[bucket + 1];
        int lowIndex = start;
        int highIndex = end - 1;
        int hit = -1;
        while (lowIndex <= highIndex) {
            int mid = (lowIndex + highIndex) >>> 1;
            int cmp = Long.compareUnsigned(keys[mid], key);
            if (cmp < 0) {
                lowIndex = mid + 1;
            } else {
                if (cmp == 0) {
                    hit = mid;
                }
                highIndex = mid - 1;
            }
        }
        if (hit < 0 || hit + 1 == end || keys[hit + 1] != key) {
            return hit;
        }
        // Members sharing the compared bits: told apart by their whole tokens.
        for (int m = hit; m < end && keys[m] == key; m++) {
            int a = Arrays.binarySearch(ambiguousMembers, m);
            if (Arrays.equals(ambiguousTokens, a * Token.LENGTH, (a + 1) * Token.LENGTH, token, 0, Token.LENGTH)) {
                return m;
            }
        }
        return -1;
    }

    /** The canary set the member was seeded as, or null for a real member. */
    public String canarySet(int member) {
        if ((canaryBits[member >>> 6] & 1L << member) == 0) {
            return null;
        }
        int c = Arrays.binarySearch(canaryMembers, member);
        return c < 0 ? null : canarySets.get(canaryOf[c]);
    }

    public int firstVersion(int member) {
        return firstVersion[member];
    }

    /** One past the member's last version. */
    public int endVersion(int member) {
        return firstVersion[member + 1];
    }

    public int latestVersion(int member) {
        return firstVersion[member + 1] - 1;
    }

    public boolean deceased(int member) {
        return status[latestVersion(member)] == DECEASED;
    }

    /** Whether the version holds the field (slot in {@link #FIELDS}). */
    public boolean holds(int version, int slot) {
        return (presence[version] & (1 << slot)) != 0;
    }

    /**
     * The first 8 bytes of the version's token of the field in {@code slot}, as {@link Token#indexKey()} gives them for
     * a row's token (meaningful only where {@link #holds} is true).
     */
    public long fieldKey(int version, int slot) {
        return columns[slot].keyAt(version);
    }

    /**
     * Whether the version's name agrees with a row's filter by DESIGN.md's rule (Dice coefficient at least
     * {@link NameBloomEncoder#AGREEMENT_THRESHOLD}), compared in place. False when the version has no name filter.
     *
     * @param rowBloom the row's filter as {@link #BLOOM_WORDS} longs ({@link #bloomWords(byte[])})
     * @param rowBits the number of bits set in it
     */
    public boolean nameAgrees(int version, long[] rowBloom, int rowBits) {
        if ((presence[version] & BLOOM_PRESENT) == 0) {
            return false;
        }
        int offset = bloomOf[version] * BLOOM_WORDS;
        int bits = 0;
        int common = 0;
        for (int w = 0; w < BLOOM_WORDS; w++) {
            long word = blooms[offset + w];
            bits += Long.bitCount(word);
            common += Long.bitCount(word & rowBloom[w]);
        }
        int total = bits + rowBits;
        // As BloomFilter.dice computes it, so that the comparison with the threshold is the same to the last bit.
        double dice = total == 0 ? 0.0 : 2.0 * common / total;
        return dice >= NameBloomEncoder.AGREEMENT_THRESHOLD;
    }

    /** Epoch day from which the version is valid ({@code valid_from}, else {@code registered_on}), or UNKNOWN_DATE. */
    public int validFrom(int version) {
        return validFrom[version];
    }

    /** Epoch day of the member's registration in this version, or UNKNOWN_DATE. */
    public int registeredOn(int version) {
        return registeredOn[version];
    }

    /** A filter's storage form ({@link io.leakwatch.platform.privacy.BloomFilter#toBytes()}) as longs. */
    public static long[] bloomWords(byte[] bytes) {
        long[] words = new long[BLOOM_WORDS];
        bloomWords(bytes, words, 0);
        return words;
    }

    static void bloomWords(byte[] bytes, long[] into, int offset) {
        for (int i = 0; i < bytes.length; i++) {
            into[offset + i / Long.BYTES] |= (bytes[i] & 0xFFL) << (8 * (i % Long.BYTES));
        }
    }

    static long longAt(byte[] bytes, int offset) {
        long value = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            value = value << 8 | (bytes[offset + i] & 0xFF);
        }
        return value;
    }
}
