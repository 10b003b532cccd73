package io.leakwatch.matching.registry;

import java.util.Arrays;

/**
 * One compared field over all versions, column-wise: per version the first 8 bytes of the field's token, stored as a
 * code into the column's sorted dictionary of distinct keys when there are few of them (sex, regency, birth date: one
 * or two bytes a version instead of eight), else as the key itself. Either way a version's key is read back
 * ({@link #keyAt}) and compared with a row's key.
 */
final class FieldColumn {

    private final long[] dictionary;
    private final byte[] byteCodes;
    private final char[] charCodes;
    private final long[] keys;

    private FieldColumn(long[] dictionary, byte[] byteCodes, char[] charCodes, long[] keys) {
        this.dictionary = dictionary;
        this.byteCodes = byteCodes;
        this.charCodes = charCodes;
        this.keys = keys;
    }

    /**
     * @param keys per version the field's key (any value where the version lacks the field)
     * @param present per version whether it holds the field, by {@code (presence[v] & bit) != 0}
     */
    static FieldColumn of(long[] keys, int versions, byte[] presence, int bit) {
        long[] distinct = new long[versions];
        int n = 0;
        for (int v = 0; v < versions; v++) {
            if ((presence[v] & bit) != 0) {
                distinct[n++] = keys[v];
            }
        }
        Arrays.sort(distinct, 0, n);
        int d = 0;
        for (int i = 0; i < n; i++) {
            if (d == 0 || distinct[d - 1] != distinct[i]) {
                distinct[d++] = distinct[i];
            }
        }
        if (d > 1 << Character.SIZE) {
            return new FieldColumn(null, null, null, Arrays.copyOf(keys, versions));
        }
        long[] dictionary = Arrays.copyOf(distinct, d);
        boolean narrow = d <= 1 << Byte.SIZE;
        byte[] byteCodes = narrow ? new byte[versions] : null;
        char[] charCodes = narrow ? null : new char[versions];
        for (int v = 0; v < versions; v++) {
            if ((presence[v] & bit) == 0) {
                continue;
            }
            int code = Arrays.binarySearch(dictionary, keys[v]);
            if (narrow) {
                byteCodes[v] = (byte) code;
            } else {
                charCodes[v] = (char) code;
            }
        }
        return new FieldColumn(dictionary, byteCodes, charCodes, null);
    }

    /** The version's stored form (meaningful only where the version holds the field). */
    private long at(int version) {
        if (byteCodes != null) {
            return byteCodes[version] & 0xFFL;
        }
        if (charCodes != null) {
            return charCodes[version];
        }
        return keys[version];
    }

    /**
     * The version's key (meaningful only where the version holds the field): compared with a row's key directly, one
     * array read per version, where turning the row's key into a code would search the dictionary per row and field.
     */
    long keyAt(int version) {
        if (keys != null) {
            return keys[version];
        }
        return dictionary[(int) at(version)];
    }

    long bytes() {
        if (keys != null) {
            return (long) keys.length * Long.BYTES;
        }
        long codes = byteCodes != null ? byteCodes.length : (long) charCodes.length * Character.BYTES;
        return codes + (long) dictionary.length * Long.BYTES;
    }

    /** Bytes a version takes in this column (1, 2 or 8), the dictionary aside. */
    int bytesPerVersion() {
        return keys != null ? Long.BYTES : byteCodes != null ? Byte.BYTES : Character.BYTES;
    }
}
