package io.leakwatch.intake.messaging;

import java.nio.charset.StandardCharsets;

/**
 * URL-safe base64 without padding (RFC 4648 section 5), what {@code Base64.getUrlEncoder().withoutPadding()} writes,
 * written into a caller's array at an offset. Thread-safe.
 *
 * <p>Why not the JDK's encoder: it has no offset, so every token was encoded into a new array and copied again, and it
 * looks up one character per six bits; on CPUs without its AVX-512 intrinsic that loop was a fifth of a sample row's
 * tokenising and encoding. Here a table gives the two characters of every twelve bits, so a group of three bytes takes
 * two lookups instead of four.
 */
final class Base64Url {

    private static final byte[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".getBytes(StandardCharsets.US_ASCII);

    /** The two characters of each 12-bit value, the first in the high byte. */
    private static final short[] PAIRS = pairs();

    private Base64Url() {}

    /** Characters {@link #encode} writes for {@code bytes} bytes. */
    static int encodedLength(int bytes) {
        return (bytes / 3) * 4 + (bytes % 3 == 0 ? 0 : bytes % 3 + 1);
    }

    /**
     * Writes {@code src} encoded into {@code dst} from {@code offset}, which must have room for
     * {@link #encodedLength}{@code (src.length)} bytes.
     *
     * @return the offset after the last character written
     */
    static int encode(byte[] src, byte[] dst, int offset) {
        int out = offset;
        int whole = src.length - src.length % 3;
        for (int i = 0; i < whole; i += 3) {
            int bits = (src[i] & 0xff) << 16 | (src[i + 1] & 0xff) << 8 | (src[i + 2] & 0xff);
            short high = PAIRS[bits >>> 12];
            short low = PAIRS[bits & 0xfff];
            dst[out] = (byte) (high >> 8);
            dst[out + 1] = (byte) high;
            dst[out + 2] = (byte) (low >> 8);
            dst[out + 3] = (byte) low;
            out += 4;
        }
        int rest = src.length - whole;
        if (rest == 1) {
            int bits = (src[whole] & 0xff) << 4;
            short pair = PAIRS[bits];
            dst[out++] = (byte) (pair >> 8);
            dst[out++] = (byte) pair;
        } else if (rest == 2) {
            int bits = ((src[whole] & 0xff) << 8 | (src[whole + 1] & 0xff)) << 2;
            dst[out++] = ALPHABET[bits >>> 12];
            short pair = PAIRS[bits & 0xfff];
            dst[out++] = (byte) (pair >> 8);
            dst[out++] = (byte) pair;
        }
        return out;
    }

    private static short[] pairs() {
        short[] pairs = new short[1 << 12];
        for (int value = 0; value < pairs.length; value++) {
            pairs[value] = (short) (ALPHABET[value >>> 6] << 8 | ALPHABET[value & 0x3f]);
        }
        return pairs;
    }
}
