package io.leakwatch.platform.privacy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A keyed token of one normalised field value: the 32 bytes of an HMAC-SHA256, as {@link Tokeniser} makes them.
 *
 * <p>A value type rather than a bare {@code byte[]}: it compares by content, so it can key a map or a set (duplicate
 * NIKs in a sample, the registry index), and its {@link #toString()} shows only a short prefix, enough to tell two
 * tokens apart in a test failure but not to look one up.
 */
public final class Token {

    public static final int LENGTH = 32;

    private final byte[] bytes;

    private Token(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A token read back from storage or the wire. */
    public static Token of(byte[] bytes) {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("a token has " + LENGTH + " bytes");
        }
        return new Token(bytes.clone());
    }

    /** The token as it came from {@code hex()}. */
    public static Token ofHex(String hex) {
        return of(HexFormat.of().parseHex(hex));
    }

    /** The token as it came from {@code base64Url()}. */
    public static Token ofBase64Url(String base64Url) {
        return of(Base64.getUrlDecoder().decode(base64Url));
    }

    static Token wrap(byte[] macOutput) {
        return new Token(macOutput);
    }

    /** The 32 bytes (a copy). */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** 64 lower-case hex digits. */
    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    /** 43 characters of URL-safe base64 without padding: the compact text form for JSON and Kafka payloads. */
    public String base64Url() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * The first 8 bytes as a big-endian {@code long}: a cheap key for an in-memory index of NIK tokens (a primitive
     * long map instead of 32-byte keys). Note: 64 bits of a uniformly random MAC collide among 222 million members
     * with a probability of about 0.1%, so an index hit must still be confirmed on the whole token.
     */
    public long indexKey() {
        return ByteBuffer.wrap(bytes, 0, Long.BYTES).getLong();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Token token && Arrays.equals(bytes, token.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Only the first 4 hex digits: 16 bits say which token it is in a test, and identify no one. */
    @Override
    public String toString() {
        return "Token[" + hex().substring(0, 4) + "…]";
    }
}
