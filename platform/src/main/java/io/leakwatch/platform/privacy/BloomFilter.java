package io.leakwatch.platform.privacy;

import java.util.Arrays;
import java.util.BitSet;

/**
 * A fixed-length bit array that encodes a name (see {@link NameBloomEncoder}); names are compared through the Dice
 * coefficient of their filters, never in clear. Immutable.
 */
public final class BloomFilter {

    private final int length;
    private final BitSet bits;

    BloomFilter(int length, BitSet bits) {
        this.length = length;
        this.bits = bits;
    }

    /**
     * Reads a filter back from {@link #toBytes()}.
     *
     * @param length the number of bits the filter was made with
     * @throws IllegalArgumentException when the bytes do not fit that length
     */
    public static BloomFilter fromBytes(byte[] bytes, int length) {
        if (length <= 0 || bytes == null || bytes.length != byteLength(length)) {
            throw new IllegalArgumentException("a filter of " + length + " bits has " + byteLength(length) + " bytes");
        }
        BitSet bits = BitSet.valueOf(bytes);
        if (bits.length() > length) {
            throw new IllegalArgumentException("bits set beyond the filter's length " + length);
        }
        return new BloomFilter(length, bits);
    }

    /** The number of bits, m. */
    public int length() {
        return length;
    }

    /** The number of bits set. */
    public int cardinality() {
        return bits.cardinality();
    }

    /**
     * The Dice coefficient 2|A∩B| / (|A|+|B|) of the bits set: 1.0 for the same name, falling with every bigram the
     * names do not share. DESIGN.md: names agree at {@link NameBloomEncoder#AGREEMENT_THRESHOLD} or above. Two empty
     * filters have a Dice coefficient of 0: nothing is known, so nothing agrees.
     *
     * @throws IllegalArgumentException when the filters have different lengths (made with other parameters)
     */
    public double dice(BloomFilter other) {
        if (other.length != length) {
            throw new IllegalArgumentException("filters of " + length + " and " + other.length + " bits");
        }
        int total = bits.cardinality() + other.bits.cardinality();
        if (total == 0) {
            return 0.0;
        }
        BitSet common = (BitSet) bits.clone();
        common.and(other.bits);
        return 2.0 * common.cardinality() / total;
    }

    /**
     * The storage form: {@code ceil(m / 8)} bytes, bit {@code i} in byte {@code i / 8} at position {@code i % 8} (the
     * order of {@link BitSet#toByteArray()}), always full length so that every filter of one m has one size.
     */
    public byte[] toBytes() {
        return Arrays.copyOf(bits.toByteArray(), byteLength(length));
    }

    private static int byteLength(int length) {
        return (length + Byte.SIZE - 1) / Byte.SIZE;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BloomFilter filter && length == filter.length && bits.equals(filter.bits);
    }

    @Override
    public int hashCode() {
        return 31 * length + bits.hashCode();
    }

    /** The size and the number of bits set only: the bits themselves are the encoded name. */
    @Override
    public String toString() {
        return "BloomFilter[m=" + length + ", set=" + cardinality() + "]";
    }
}
