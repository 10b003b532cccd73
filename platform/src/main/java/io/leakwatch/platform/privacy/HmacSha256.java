package io.leakwatch.platform.privacy;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * HMAC-SHA256 (RFC 2104) under one key, with the key's two padded blocks hashed once instead of once per MAC.
 *
 * <p>Why not {@link javax.crypto.Mac}: it hashes {@code K xor ipad} again at the start of every MAC and
 * {@code K xor opad} again at its end, two of the four SHA-256 compressions a short value costs, and re-zeroes its
 * digest state between MACs. Here the SHA-256 state after each pad is kept and copied ({@link MessageDigest#clone()}),
 * so a value that fits one block costs two compressions. A start can also hold a fixed prefix ({@link #start(byte[])}):
 * every token of one field begins with the field's domain, so the domain is absorbed once too. The JDK's SHA-256 is
 * still the one doing the work (an intrinsic on CPUs with SHA extensions), which is why Bouncy Castle's {@code HMac},
 * which keeps its pads' states the same way over a pure-Java SHA-256, is not used.
 *
 * <p>Thread-safe: the kept states are never updated after construction, only copied, and every MAC works on its own
 * copies.
 */
final class HmacSha256 {

    private static final String SHA_256 = "SHA-256";
    private static final int BLOCK_BYTES = 64;
    private static final byte IPAD = 0x36;
    private static final byte OPAD = 0x5c;

    private final MessageDigest inner;
    private final MessageDigest outer;

    /** @param key any length; RFC 2104 hashes a key longer than a block and pads a shorter one with zeros */
    HmacSha256(byte[] key) {
        byte[] block = Arrays.copyOf(key.length > BLOCK_BYTES ? sha256().digest(key) : key, BLOCK_BYTES);
        this.inner = sha256();
        this.outer = sha256();
        absorb(inner, block, IPAD);
        absorb(outer, block, OPAD);
        Arrays.fill(block, (byte) 0);
    }

    /** A starting point for MACs of messages that all begin with {@code prefix}. */
    Start start(byte[] prefix) {
        MessageDigest state = copy(inner);
        state.update(prefix);
        return new Start(state);
    }

    /** The MAC of the start's prefix followed by {@code rest}. */
    byte[] mac(Start start, byte[] rest) {
        MessageDigest innerHash = copy(start.state);
        innerHash.update(rest);
        MessageDigest outerHash = copy(outer);
        outerHash.update(innerHash.digest());
        return outerHash.digest();
    }

    /** The state after the inner pad and a prefix; held by callers, never updated. */
    static final class Start {

        private final MessageDigest state;

        private Start(MessageDigest state) {
            this.state = state;
        }
    }

    /** Hashes the key block xor the pad, then wipes that copy of the key. */
    private static void absorb(MessageDigest state, byte[] block, byte pad) {
        byte[] padded = new byte[BLOCK_BYTES];
        for (int i = 0; i < BLOCK_BYTES; i++) {
            padded[i] = (byte) (block[i] ^ pad);
        }
        state.update(padded);
        Arrays.fill(padded, (byte) 0);
    }

    private static MessageDigest copy(MessageDigest state) {
        try {
            return (MessageDigest) state.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(SHA_256 + " of this JVM cannot be copied", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance(SHA_256);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(SHA_256 + " is not available in this JVM", e);
        }
    }
}
