package io.leakwatch.matching.registry;

import io.leakwatch.platform.privacy.Token;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds a {@link RegistryIndex} from versions handed in by NIK token order (unsigned byte order, as PostgreSQL sorts
 * {@code bytea}) and, within a member, oldest version first. Arrays grow by half as they fill; {@link #build()} then
 * works out the directory's size and each field column's coding, which need the whole registry.
 */
public final class RegistryIndexBuilder {

    private static final int FIELD_SLOTS = RegistryIndex.FIELDS.size();

    private final long generation;
    private int members;
    private int versions;
    /** Per member the token's first and second 8 bytes, until build() knows how many bits the directory takes. */
    private long[] highs = new long[16];

    private long[] lows = new long[16];
    private int[] firstVersion = new int[17];
    /** Members whose first 8 token bytes equal a neighbour's: their whole tokens, in case they share more. */
    private final TreeMap<Integer, byte[]> sameHigh = new TreeMap<>();

    private final List<Integer> canaryMembers = new ArrayList<>();
    private final List<Short> canaryOf = new ArrayList<>();
    private final List<String> canarySets = new ArrayList<>();
    private final Map<String, Short> canaryIds = new HashMap<>();
    private final long[][] fieldKeys = new long[FIELD_SLOTS][16];
    private byte[] presence = new byte[16];
    private int[] bloomOf = new int[16];
    private long[] blooms = new long[16 * RegistryIndex.BLOOM_WORDS];
    private int bloomCount;
    private int[] validFrom = new int[16];
    private int[] registeredOn = new int[16];
    private byte[] status = new byte[16];
    private byte[] lastToken;

    public RegistryIndexBuilder(long generation) {
        this.generation = generation;
    }

    /**
     * Adds a version.
     *
     * @param fieldTokens per slot of {@link RegistryIndex#FIELDS} the token, or null when the version lacks the field
     * @param nameBloom the name's filter in storage form, or null
     * @param status ACTIVE, INACTIVE or DECEASED
     * @param canarySet the canary set, or null for a real member (read from the member's first version)
     */
    public void add(
            byte[] nikToken,
            byte[][] fieldTokens,
            byte[] nameBloom,
            String status,
            LocalDate registeredOn,
            LocalDate validFrom,
            String canarySet) {
        boolean sameMember = lastToken != null && Arrays.equals(lastToken, nikToken);
        if (!sameMember) {
            if (lastToken != null && Arrays.compareUnsigned(lastToken, nikToken) > 0) {
                throw new IllegalArgumentException("versions must come in NIK token order");
            }
            newMember(Token.of(nikToken).bytes(), canarySet);
        }
        ensureVersionCapacity();
        int v = versions++;
        byte present = 0;
        for (int slot = 0; slot < FIELD_SLOTS; slot++) {
            if (fieldTokens[slot] != null) {
                present |= (byte) (1 << slot);
                fieldKeys[slot][v] = Token.of(fieldTokens[slot]).indexKey();
            }
        }
        if (nameBloom != null) {
            present |= (byte) RegistryIndex.BLOOM_PRESENT;
            bloomOf[v] = poolBloom(nameBloom, sameMember && (presence[v - 1] & RegistryIndex.BLOOM_PRESENT) != 0);
        }
        this.presence[v] = present;
        int registered = registeredOn == null ? RegistryIndex.UNKNOWN_DATE : (int) registeredOn.toEpochDay();
        this.registeredOn[v] = registered;
        this.validFrom[v] = validFrom == null ? registered : (int) validFrom.toEpochDay();
        this.status[v] = switch (status) {
            case "ACTIVE" -> RegistryIndex.ACTIVE;
            case "INACTIVE" -> RegistryIndex.INACTIVE;
            case "DECEASED" -> RegistryIndex.DECEASED;
            default -> throw new IllegalArgumentException("unknown status");
        };
    }

    /** The filter's index in the pool: the previous version's when the member's name did not change. */
    private int poolBloom(byte[] nameBloom, boolean previousHasOne) {
        if (nameBloom.length != RegistryIndex.BLOOM_BYTES) {
            throw new IllegalArgumentException("a name filter has " + RegistryIndex.BLOOM_BYTES + " bytes");
        }
        long[] words = RegistryIndex.bloomWords(nameBloom);
        if (previousHasOne) {
            int previous = bloomOf[versions - 2];
            if (Arrays.equals(
                    blooms,
                    previous * RegistryIndex.BLOOM_WORDS,
                    (previous + 1) * RegistryIndex.BLOOM_WORDS,
                    words,
                    0,
                    RegistryIndex.BLOOM_WORDS)) {
                return previous;
            }
        }
        if ((bloomCount + 1) * RegistryIndex.BLOOM_WORDS > blooms.length) {
            blooms = Arrays.copyOf(blooms, grow(bloomCount) * RegistryIndex.BLOOM_WORDS);
        }
        System.arraycopy(words, 0, blooms, bloomCount * RegistryIndex.BLOOM_WORDS, RegistryIndex.BLOOM_WORDS);
        return bloomCount++;
    }

    private void newMember(byte[] nikToken, String canarySet) {
        if (members + 1 >= highs.length) {
            int size = grow(highs.length);
            highs = Arrays.copyOf(highs, size);
            lows = Arrays.copyOf(lows, size);
            firstVersion = Arrays.copyOf(firstVersion, size + 1);
        }
        int m = members++;
        highs[m] = RegistryIndex.longAt(nikToken, 0);
        lows[m] = RegistryIndex.longAt(nikToken, Long.BYTES);
        if (m > 0 && highs[m - 1] == highs[m]) {
            sameHigh.put(m - 1, lastToken);
            sameHigh.put(m, nikToken);
        }
        firstVersion[m] = versions;
        if (canarySet != null) {
            canaryMembers.add(m);
            canaryOf.add(canaryIds.computeIfAbsent(canarySet, name -> {
                canarySets.add(name);
                return (short) (canarySets.size() - 1);
            }));
        }
        lastToken = nikToken;
    }

    private void ensureVersionCapacity() {
        if (versions < status.length) {
            return;
        }
        int size = grow(status.length);
        for (int slot = 0; slot < FIELD_SLOTS; slot++) {
            fieldKeys[slot] = Arrays.copyOf(fieldKeys[slot], size);
        }
        presence = Arrays.copyOf(presence, size);
        bloomOf = Arrays.copyOf(bloomOf, size);
        validFrom = Arrays.copyOf(validFrom, size);
        registeredOn = Arrays.copyOf(registeredOn, size);
        status = Arrays.copyOf(status, size);
    }

    private static int grow(int size) {
        return Math.max(16, size + (size >> 1));
    }

    /** The index; the arrays are trimmed to what was added. */
    public RegistryIndex build() {
        firstVersion[members] = versions;
        RegistryIndex.Layout layout = new RegistryIndex.Layout();
        layout.generation = generation;
        layout.members = members;
        keyIndex(layout);
        layout.firstVersion = Arrays.copyOf(firstVersion, members + 1);
        layout.canaryMembers =
                canaryMembers.stream().mapToInt(Integer::intValue).toArray();
        layout.canaryOf = new short[canaryOf.size()];
        for (int i = 0; i < canaryOf.size(); i++) {
            layout.canaryOf[i] = canaryOf.get(i);
        }
        layout.canarySets = canarySets;
        layout.presence = Arrays.copyOf(presence, versions);
        layout.columns = new FieldColumn[FIELD_SLOTS];
        for (int slot = 0; slot < FIELD_SLOTS; slot++) {
            layout.columns[slot] = FieldColumn.of(fieldKeys[slot], versions, presence, 1 << slot);
            fieldKeys[slot] = null; // the columns hold them now; let a large build give the memory back early
        }
        layout.bloomOf = Arrays.copyOf(bloomOf, versions);
        layout.blooms = Arrays.copyOf(blooms, bloomCount * RegistryIndex.BLOOM_WORDS);
        layout.validFrom = Arrays.copyOf(validFrom, versions);
        layout.registeredOn = Arrays.copyOf(registeredOn, versions);
        layout.status = Arrays.copyOf(status, versions);
        return new RegistryIndex(layout);
    }

    /**
     * The directory takes the token's first b bits, b such that it has 1/8 to 1/16 as many entries as there are
     * members (under half a byte a member); {@code keys} the next 64.
     */
    private void keyIndex(RegistryIndex.Layout layout) {
        int bits = members < 16 ? 0 : Math.min(30, 63 - Long.numberOfLeadingZeros(members) - 3);
        layout.bucketBits = bits;
        layout.directory = new int[(1 << bits) + 1];
        layout.keys = new long[members];
        for (int m = 0; m < members; m++) {
            int bucket = bits == 0 ? 0 : (int) (highs[m] >>> (Long.SIZE - bits));
            layout.directory[bucket + 1]++;
            layout.keys[m] = bits == 0 ? highs[m] : highs[m] << bits | lows[m] >>> (Long.SIZE - bits);
        }
        for (int b = 0; b < 1 << bits; b++) {
            layout.directory[b + 1] += layout.directory[b];
        }
        // Members that share the first 64 bits were kept whole; those sharing all 64 + b compared bits stay so.
        List<Integer> ambiguous = new ArrayList<>();
        ByteArrayOutputStream tokens = new ByteArrayOutputStream();
        for (Map.Entry<Integer, byte[]> entry : sameHigh.entrySet()) {
            int m = entry.getKey();
            boolean sharesKey =
                    (m > 0 && sameCompared(m - 1, m, bits)) || (m + 1 < members && sameCompared(m, m + 1, bits));
            if (sharesKey) {
                ambiguous.add(m);
                tokens.writeBytes(entry.getValue());
            }
        }
        layout.ambiguousMembers = ambiguous.stream().mapToInt(Integer::intValue).toArray();
        layout.ambiguousTokens = tokens.toByteArray();
        highs = null;
        lows = null;
    }

    private boolean sameCompared(int a, int b, int bits) {
        return highs[a] == highs[b] && (bits == 0 || lows[a] >>> (Long.SIZE - bits) == lows[b] >>> (Long.SIZE - bits));
    }
}
