package io.leakwatch.platform.privacy;

import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Encodes a normalised name as a keyed bigram Bloom filter, the privacy-preserving record-linkage encoding of Schnell,
 * Bachteler and Reiher (2009): the name padded as {@code _name_} is cut into bigrams, each bigram sets {@code k} bits
 * of an {@code m}-bit array, and two names are compared by the Dice coefficient of their filters. A typo changes a
 * couple of bigrams and keeps most bits, so "Siti Nurhaliza" and "Siti Nurhalisa" still agree, without either name
 * being stored.
 *
 * <p>The bit positions come from HMAC-SHA256 under the tokenisation key (via {@link Tokeniser}), so without the key
 * nobody can compute the filter of a guessed name and test it against a stored one.
 *
 * <p>Thread-safe. Note: a bigram always sets the same bits, and names are made of few distinct bigrams, so each
 * bigram's bits are worked out once (one HMAC) and kept as a bit mask; a name's filter is then the OR of its bigrams'
 * masks. The masks are derived from the key and live in this object's memory only, like the key itself: they are never
 * logged, stored or sent. Bigrams of two ASCII characters (the padded normal form of almost every registry name) sit
 * in a table indexed by the two characters; other bigrams in a map of at most {@value #MAX_OTHER_BIGRAMS} entries,
 * beyond which they are computed each time (an upload of random scripts cannot grow the memory without bound).
 */
public final class NameBloomEncoder {

    /** m = 1000 bits, as in Schnell et al. (2009): few enough to store, enough to keep a name's ~15 bigrams apart. */
    public static final int DEFAULT_BITS = 1000;
    /** k = 20 bits per bigram, as in Schnell et al. (2009). */
    public static final int DEFAULT_HASHES = 20;
    /** DESIGN.md: names agree when the Dice coefficient of their filters is at least 0.8. */
    public static final double AGREEMENT_THRESHOLD = 0.8;
    /** Marks the start and end of the name, so that the first and last letters form bigrams of their own. */
    static final String PAD = "_";

    private static final int PAD_CHAR = '_';
    private static final int ASCII = 128;
    static final int MAX_OTHER_BIGRAMS = 4096;

    private final Tokeniser tokeniser;
    private final int bits;
    private final int hashes;
    private final int words;
    private final AtomicReferenceArray<long[]> asciiMasks = new AtomicReferenceArray<>(ASCII * ASCII);
    private final Map<String, long[]> otherMasks = new ConcurrentHashMap<>();

    /** An encoder with m = {@value #DEFAULT_BITS} and k = {@value #DEFAULT_HASHES}. */
    public NameBloomEncoder(Tokeniser tokeniser) {
        this(tokeniser, DEFAULT_BITS, DEFAULT_HASHES);
    }

    /**
     * An encoder with other parameters. Filters are comparable only when made with the same key, m and k: both sides
     * of a comparison must agree on them.
     */
    public NameBloomEncoder(Tokeniser tokeniser, int bits, int hashes) {
        if (bits <= 0 || hashes <= 0) {
            throw new IllegalArgumentException("m and k must be positive");
        }
        this.tokeniser = Objects.requireNonNull(tokeniser, "tokeniser");
        this.bits = bits;
        this.hashes = hashes;
        this.words = (bits + Long.SIZE - 1) / Long.SIZE;
    }

    /**
     * The filter of a name.
     *
     * <p>Note: the i-th bit of a bigram is {@code (h1 + i * h2) mod m} (double hashing, Kirsch and Mitzenmacher), with
     * {@code h1} and {@code h2} the first two 64-bit words of one HMAC-SHA256 of the bigram: one MAC per bigram instead
     * of k. Schnell et al. use two MACs (SHA-1 and MD5) the same way; one SHA-256 output gives both words.
     *
     * @param normalisedName the name as {@link FieldNormaliser#text(String)} returned it
     * @throws IllegalArgumentException for an empty name: an absent name has no filter
     */
    public BloomFilter encode(String normalisedName) {
        if (normalisedName == null || normalisedName.isEmpty()) {
            throw new IllegalArgumentException("An absent or empty name has no filter: leave the field out");
        }
        long[] filter = new long[words];
        int previous = PAD_CHAR;
        for (int i = 0; i < normalisedName.length(); i += Character.charCount(previous)) {
            int current = normalisedName.codePointAt(i);
            or(filter, mask(previous, current));
            previous = current;
        }
        or(filter, mask(previous, PAD_CHAR));
        return new BloomFilter(bits, BitSet.valueOf(filter));
    }

    /** A bigram that occurs twice sets the same bits twice: ORing its mask again changes nothing, as with a set. */
    private static void or(long[] filter, long[] mask) {
        for (int w = 0; w < filter.length; w++) {
            filter[w] |= mask[w];
        }
    }

    /** The bits of the bigram of two code points, from the table, the map, or computed. */
    private long[] mask(int first, int second) {
        if (first < ASCII && second < ASCII) {
            int slot = first * ASCII + second;
            long[] mask = asciiMasks.get(slot);
            if (mask == null) {
                mask = computeMask(bigram(first, second));
                asciiMasks.set(slot, mask); // a race computes the same mask twice: harmless
            }
            return mask;
        }
        String bigram = bigram(first, second);
        long[] mask = otherMasks.get(bigram);
        if (mask == null) {
            mask = computeMask(bigram);
            if (otherMasks.size() < MAX_OTHER_BIGRAMS) {
                otherMasks.putIfAbsent(bigram, mask);
            }
        }
        return mask;
    }

    private static String bigram(int first, int second) {
        return new StringBuilder(4)
                .appendCodePoint(first)
                .appendCodePoint(second)
                .toString();
    }

    /** One HMAC of the bigram, spread over k bits as {@link #encode} describes. */
    private long[] computeMask(String bigram) {
        ByteBuffer hash = ByteBuffer.wrap(tokeniser.bloomHash(CanonicalField.FULL_NAME, bigram));
        long h1 = hash.getLong();
        long h2 = hash.getLong();
        if (Math.floorMod(h2, bits) == 0) {
            h2 = 1; // else all k bits of this bigram would fall on one position
        }
        long[] mask = new long[words];
        for (int i = 0; i < hashes; i++) {
            int bit = Math.floorMod(h1 + i * h2, bits);
            mask[bit / Long.SIZE] |= 1L << bit; // the shift takes the bit's position in its word (mod 64)
        }
        return mask;
    }

    /** Whether two names agree by DESIGN.md's rule: Dice coefficient at least {@value #AGREEMENT_THRESHOLD}. */
    public static boolean agree(BloomFilter a, BloomFilter b) {
        return a.dice(b) >= AGREEMENT_THRESHOLD;
    }

    /**
     * The distinct bigrams of {@code _name_}, by code point so that a letter outside the BMP is one letter: those whose
     * masks {@link #encode} ORs (it walks the code points itself rather than building these strings).
     */
    static Set<String> bigrams(String name) {
        int[] codePoints = (PAD + name + PAD).codePoints().toArray();
        Set<String> bigrams = new LinkedHashSet<>();
        for (int i = 0; i + 1 < codePoints.length; i++) {
            bigrams.add(new String(codePoints, i, 2));
        }
        return bigrams;
    }
}
