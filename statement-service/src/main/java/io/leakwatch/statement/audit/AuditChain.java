package io.leakwatch.statement.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash chain of an incident's audit trail: {@code hash = SHA-256(prevHash || canonical JSON of the event)}, where
 * {@code prevHash} is the previous entry's hash as its 32 raw bytes (32 zero bytes before the first entry) and the
 * canonical JSON is taken as UTF-8 bytes. Hashes are written as 64 lower-case hex digits. JDK only, so that the
 * offline {@link TrailVerifier} computes exactly what the service does.
 */
public final class AuditChain {

    /** The prevHash of an incident's first entry. */
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {}

    public static String hash(String prevHash, String canonicalJson) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(HexFormat.of().parseHex(prevHash));
            sha256.update(canonicalJson.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
