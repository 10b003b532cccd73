package io.leakwatch.matching.registry;

import io.leakwatch.platform.privacy.Token;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link RegistryIndex} from versions handed in by NIK token order (unsigned byte order, as PostgreSQL sorts
 * {@code bytea}) and, within a member, oldest version first. Arrays grow by half as they fill.
 */
public final class RegistryIndexBuilder {

    private static final int FIELD_SLOTS = RegistryIndex.FIELDS.size();

    private final long generation;
    private int members;
    private int versions;
    private long[] keys = new long[16];
    private int[] firstVersion = new int[17];
    private byte[] nikTokens = new byte[16 * Token.LENGTH];
    private short[] canary = new short[16];
    private final List<String> canarySets = new ArrayList<>();
    private final Map<String, Short> canaryIds = new HashMap<>();
    private long[] fieldKeys = new long[16 * FIELD_SLOTS];
    private byte[] presence = new byte[16];
    private byte[] blooms = new byte[16 * RegistryIndex.BLOOM_BYTES];
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
        if (lastToken == null || !Arrays.equals(lastToken, nikToken)) {
            if (lastToken != null && Arrays.compareUnsigned(lastToken, nikToken) > 0) {
                throw new IllegalArgumentException("versions must come in NIK token order");
            }
            newMember(nikToken, canarySet);
        }
        ensureVersionCapacity();
        int v = versions++;
        byte present = 0;
        for (int slot = 0; slot < FIELD_SLOTS; slot++) {
            if (fieldTokens[slot] != null) {
                present |= (byte) (1 << slot);
                fieldKeys[v * FIELD_SLOTS + slot] = Token.of(fieldTokens[slot]).indexKey();
            }
        }
        if (nameBloom != null) {
            present |= (byte) RegistryIndex.BLOOM_PRESENT;
            System.arraycopy(nameBloom, 0, blooms, v * RegistryIndex.BLOOM_BYTES, RegistryIndex.BLOOM_BYTES);
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

    private void newMember(byte[] nikToken, String canarySet) {
        if (members + 1 >= keys.length) {
            int size = grow(keys.length);
            keys = Arrays.copyOf(keys, size);
            firstVersion = Arrays.copyOf(firstVersion, size + 1);
            nikTokens = Arrays.copyOf(nikTokens, size * Token.LENGTH);
            canary = Arrays.copyOf(canary, size);
        }
        int m = members++;
        keys[m] = Token.of(nikToken).indexKey();
        firstVersion[m] = versions;
        System.arraycopy(nikToken, 0, nikTokens, m * Token.LENGTH, Token.LENGTH);
        canary[m] = canarySet == null
                ? -1
                : canaryIds.computeIfAbsent(canarySet, name -> {
                    canarySets.add(name);
                    return (short) (canarySets.size() - 1);
                });
        lastToken = nikToken.clone();
    }

    private void ensureVersionCapacity() {
        if (versions < status.length) {
            return;
        }
        int size = grow(status.length);
        fieldKeys = Arrays.copyOf(fieldKeys, size * FIELD_SLOTS);
        presence = Arrays.copyOf(presence, size);
        blooms = Arrays.copyOf(blooms, size * RegistryIndex.BLOOM_BYTES);
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
        return new RegistryIndex(
                generation,
                members,
                Arrays.copyOf(keys, members),
                Arrays.copyOf(firstVersion, members + 1),
                Arrays.copyOf(nikTokens, members * Token.LENGTH),
                Arrays.copyOf(canary, members),
                canarySets,
                Arrays.copyOf(fieldKeys, versions * FIELD_SLOTS),
                Arrays.copyOf(presence, versions),
                Arrays.copyOf(blooms, versions * RegistryIndex.BLOOM_BYTES),
                Arrays.copyOf(validFrom, versions),
                Arrays.copyOf(registeredOn, versions),
                Arrays.copyOf(status, versions));
    }
}
