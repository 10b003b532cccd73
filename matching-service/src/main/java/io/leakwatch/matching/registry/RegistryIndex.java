package io.leakwatch.matching.registry;

import io.leakwatch.platform.privacy.BloomFilter;
import io.leakwatch.platform.privacy.CanonicalField;
import io.leakwatch.platform.privacy.NameBloomEncoder;
import io.leakwatch.platform.privacy.Token;
import java.util.Arrays;
import java.util.List;

/**
 * The registry in memory, for matching sample rows without a database round trip per row. Built once per registry
 * generation by {@link RegistryIndexBuilder}; immutable and safe to share between threads.
 *
 * <p>Layout. The <b>key index</b> is two primitive arrays over the members, sorted by the NIK token's
 * {@link Token#indexKey()} read as an unsigned number (the byte order of the tokens in PostgreSQL): {@code keys[m]}
 * (8 bytes) and {@code firstVersion[m]} (4 bytes), 12 bytes per member, found by binary search. No boxed map: at 222
 * million members a {@code HashMap<Long, ...>} would cost ~80 bytes a member. Two members may share an index key
 * (probability ~0.1% at that size), so a hit is confirmed against the member's whole NIK token ({@code nikTokens}, 32
 * bytes per member) before it counts.
 *
 * <p>The <b>version store</b> holds a member's versions contiguously, from {@code firstVersion[m]} to
 * {@code firstVersion[m + 1]}, oldest first: per version the first 8 bytes of each compared field's token (a
 * presence bit per field), the name's Bloom filter (125 bytes), {@code valid_from} (the registration date when empty)
 * and {@code registered_on} as epoch days, and the status. A version is valid until the day before the next one's
 * {@code valid_from}; the last version's status is the member's current one.
 *
 * <p>Note: field tokens are compared on their first 8 bytes. Two different values of one field agree falsely with a
 * probability of 2^-64 per comparison, far below any count that a verification reports.
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
    static final int BLOOM_PRESENT = 1 << FIELDS.size();

    private final long generation;
    private final int members;
    private final long[] keys;
    private final int[] firstVersion;
    private final byte[] nikTokens;
    private final short[] canary;
    private final List<String> canarySets;
    private final long[] fieldKeys;
    private final byte[] presence;
    private final byte[] blooms;
    private final int[] validFrom;
    private final int[] registeredOn;
    private final byte[] status;
    private final long registryMembers;

    RegistryIndex(
            long generation,
            int members,
            long[] keys,
            int[] firstVersion,
            byte[] nikTokens,
            short[] canary,
            List<String> canarySets,
            long[] fieldKeys,
            byte[] presence,
            byte[] blooms,
            int[] validFrom,
            int[] registeredOn,
            byte[] status) {
        this.generation = generation;
        this.members = members;
        this.keys = keys;
        this.firstVersion = firstVersion;
        this.nikTokens = nikTokens;
        this.canary = canary;
        this.canarySets = List.copyOf(canarySets);
        this.fieldKeys = fieldKeys;
        this.presence = presence;
        this.blooms = blooms;
        this.validFrom = validFrom;
        this.registeredOn = registeredOn;
        this.status = status;
        long count = 0;
        for (int m = 0; m < members; m++) {
            if (canary[m] < 0 && status[latestVersion(m)] != DECEASED) {
                count++;
            }
        }
        this.registryMembers = count;
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

    /** Bytes the key index takes per member: {@code keys} and {@code firstVersion}. */
    public static int keyIndexBytesPerMember() {
        return Long.BYTES + Integer.BYTES;
    }

    /** The member (or canary) whose NIK token this is, or -1. */
    public int find(Token nikToken) {
        byte[] token = nikToken.bytes();
        long key = nikToken.indexKey();
        int low = 0;
        int high = members - 1;
        int hit = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int cmp = Long.compareUnsigned(keys[mid], key);
            if (cmp < 0) {
                low = mid + 1;
            } else {
                if (cmp == 0) {
                    hit = mid;
                }
                high = mid - 1;
            }
        }
        if (hit < 0) {
            return -1;
        }
        for (int m = hit; m < members && keys[m] == key; m++) {
            if (Arrays.equals(nikTokens, m * Token.LENGTH, (m + 1) * Token.LENGTH, token, 0, Token.LENGTH)) {
                return m;
            }
        }
        return -1;
    }

    /** The canary set the member was seeded as, or null for a real member. */
    public String canarySet(int member) {
        return canary[member] < 0 ? null : canarySets.get(canary[member]);
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

    /** The first 8 bytes of the version's token of the field in {@code slot}. */
    public long fieldKey(int version, int slot) {
        return fieldKeys[version * FIELDS.size() + slot];
    }

    /** The version's name filter, or null. */
    public BloomFilter nameBloom(int version) {
        if ((presence[version] & BLOOM_PRESENT) == 0) {
            return null;
        }
        return BloomFilter.fromBytes(
                Arrays.copyOfRange(blooms, version * BLOOM_BYTES, (version + 1) * BLOOM_BYTES),
                NameBloomEncoder.DEFAULT_BITS);
    }

    /** Epoch day from which the version is valid ({@code valid_from}, else {@code registered_on}), or UNKNOWN_DATE. */
    public int validFrom(int version) {
        return validFrom[version];
    }

    /** Epoch day of the member's registration in this version, or UNKNOWN_DATE. */
    public int registeredOn(int version) {
        return registeredOn[version];
    }
}
