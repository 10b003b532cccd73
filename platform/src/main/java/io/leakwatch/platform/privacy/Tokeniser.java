package io.leakwatch.platform.privacy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Replaces a normalised field value by its keyed token, HMAC-SHA256 under the secret tokenisation key that intake and
 * matching share (DESIGN.md "Privacy by design").
 *
 * <p>Keyed, not a plain hash: a NIK has a few billion plausible values and a phone number fewer, so an unkeyed hash is
 * reversed by enumeration in minutes. Without the key, a token says nothing. Every field has its own domain (its
 * canonical name goes into the MAC input), so the same string in two fields gives unrelated tokens, and tokens of one
 * field cannot be joined with another's.
 *
 * <p>Thread-safe ({@link HmacSha256} is). The key never leaves this object: {@link #toString()} shows only
 * {@link #keyId()}.
 */
public final class Tokeniser {

    /** 256 bits, the size of HMAC-SHA256's output; a shorter key would be the weakest link. */
    public static final int MIN_KEY_BYTES = 32;

    /**
     * Note: the MAC input is {@code domain || 0x00 || UTF-8 value}. A domain is a fixed ASCII label without 0x00, so
     * the input parses one way only and no value of one domain can imitate a value of another. The {@code v1} lets a
     * later scheme live beside this one.
     */
    private static final String TOKEN_DOMAIN = "leakwatch/token/v1/";

    private static final String BLOOM_DOMAIN = "leakwatch/bloom/v1/";
    private static final String KEY_ID_DOMAIN = "leakwatch/key-id/v1";
    private static final byte SEPARATOR = 0;

    private final HmacSha256 hmac;
    /** Each field's MAC prefix ({@code domain || 0x00}) already hashed under the key, by ordinal: once, not per value. */
    private final HmacSha256.Start[] tokenStarts;

    private final HmacSha256.Start[] bloomStarts;
    private final String keyId;

    /**
     * @param key the secret, at least {@link #MIN_KEY_BYTES} bytes; copied, so the caller may wipe its array
     * @throws IllegalArgumentException when the key is missing or too short
     */
    public Tokeniser(byte[] key) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("A tokenisation key needs at least " + MIN_KEY_BYTES + " bytes");
        }
        this.hmac = new HmacSha256(key); // keeps only states derived from the key, not the array
        this.tokenStarts = starts(TOKEN_DOMAIN);
        this.bloomStarts = starts(BLOOM_DOMAIN);
        this.keyId = HexFormat.of().formatHex(mac(KEY_ID_DOMAIN, ""), 0, 4);
    }

    /**
     * A tokeniser from a key in base64 (standard or URL-safe alphabet, padding optional), the form it takes in
     * configuration and secrets.
     */
    public static Tokeniser fromBase64(String key) {
        if (key == null) {
            throw new IllegalArgumentException("A tokenisation key is required");
        }
        String compact = key.strip().replace('-', '+').replace('_', '/');
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(compact);
        } catch (IllegalArgumentException e) {
            // Not e's message: it may quote a character of the key.
            throw new IllegalArgumentException("The tokenisation key is not base64");
        }
        return new Tokeniser(bytes);
    }

    /**
     * The token of a value of {@code field}.
     *
     * @param normalisedValue the value as {@link FieldNormaliser} returned it; never empty, because an empty field
     *     takes no part in any comparison and must not get a token that would "agree" with every other empty field
     */
    public Token token(CanonicalField field, String normalisedValue) {
        Objects.requireNonNull(field, "field");
        return Token.wrap(mac(tokenStarts[field.ordinal()], requireValue(normalisedValue)));
    }

    /** The token of a valid NIK, field {@link CanonicalField#NIK}. */
    public Token nikToken(Nik nik) {
        return token(CanonicalField.NIK, nik.digits());
    }

    /**
     * A short public fingerprint of the key (8 hex digits, a MAC of a fixed label): lets an operator check that intake
     * and matching were given the same key, and lets stored tokens say which key made them, without showing the key.
     */
    public String keyId() {
        return keyId;
    }

    /** The raw MAC of a value in the Bloom-filter domain of {@code field}: the hash {@link NameBloomEncoder} spreads. */
    byte[] bloomHash(CanonicalField field, String value) {
        return mac(bloomStarts[field.ordinal()], value);
    }

    private byte[] mac(String domain, String value) {
        return mac(hmac.start(prefix(domain)), value);
    }

    private byte[] mac(HmacSha256.Start start, String value) {
        return hmac.mac(start, value.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] prefix(String domain) {
        byte[] ascii = domain.getBytes(StandardCharsets.US_ASCII);
        byte[] prefix = Arrays.copyOf(ascii, ascii.length + 1);
        prefix[ascii.length] = SEPARATOR;
        return prefix;
    }

    private HmacSha256.Start[] starts(String domain) {
        return Arrays.stream(CanonicalField.values())
                .map(field -> hmac.start(prefix(domain + field.column())))
                .toArray(HmacSha256.Start[]::new);
    }

    private static String requireValue(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("An absent or empty value has no token: leave the field out");
        }
        return value;
    }

    @Override
    public String toString() {
        return "Tokeniser[keyId=" + keyId + "]";
    }
}
