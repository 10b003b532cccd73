package io.leakwatch.testing;

import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.Set;

/**
 * Bearer tokens for tests, signed with a key pair made for this JVM only: no key is ever committed. The services under
 * test verify them with the public key in {@link #publicKeyFile()}.
 */
public final class TestTokens {

    /** The issuer every Leakwatch service expects ({@code mp.jwt.verify.issuer}). */
    public static final String ISSUER = "https://leakwatch.local";

    private static final KeyPair KEYS = generate();
    private static Path publicKeyFile;

    private TestTokens() {}

    /** A token valid for an hour carrying {@code roles} in its {@code groups} claim. */
    public static String forRoles(String... roles) {
        return sign(Set.of(roles), 3600, KEYS.getPrivate());
    }

    /** A token that expired a minute ago. */
    public static String expired(String... roles) {
        return sign(Set.of(roles), -60, KEYS.getPrivate());
    }

    /** A well-formed token signed by a key the services do not trust. */
    public static String signedByAStranger(String... roles) {
        return sign(Set.of(roles), 3600, generate().getPrivate());
    }

    /** A token signed with the trusted key but issued by someone else than {@link #ISSUER}. */
    public static String fromAnotherIssuer(String... roles) {
        long now = System.currentTimeMillis() / 1000;
        return Jwt.issuer("https://issuer.example")
                .upn("test-user")
                .groups(Set.of(roles))
                .issuedAt(now - 120)
                .expiresAt(now + 3600)
                .sign(KEYS.getPrivate());
    }

    /**
     * An unsigned token ({@code "alg": "none"}, no signature) whose claims are otherwise valid: the classic attempt to
     * make a verifier skip the signature.
     */
    public static String unsigned(String... roles) {
        long now = System.currentTimeMillis() / 1000;
        StringBuilder groups = new StringBuilder();
        for (String role : roles) {
            groups.append(groups.isEmpty() ? "" : ",").append('"').append(role).append('"');
        }
        String claims = "{\"iss\":\"" + ISSUER + "\",\"upn\":\"test-user\",\"groups\":[" + groups + "],\"iat\":"
                + (now - 120) + ",\"exp\":" + (now + 3600) + "}";
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        return url.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + url.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".";
    }

    /** A valid token without a {@code groups} claim: someone known, in no role. */
    public static String withoutGroups() {
        long now = System.currentTimeMillis() / 1000;
        return Jwt.issuer(ISSUER)
                .upn("test-user")
                .issuedAt(now - 120)
                .expiresAt(now + 3600)
                .sign(KEYS.getPrivate());
    }

    /** The public key as a PEM file, for {@code mp.jwt.verify.publickey.location}. */
    public static synchronized Path publicKeyFile() {
        if (publicKeyFile == null) {
            try {
                Path file = Files.createTempFile("leakwatch-test-jwt-", ".pem");
                file.toFile().deleteOnExit();
                String pem = "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                .encodeToString(KEYS.getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n";
                Files.writeString(file, pem);
                publicKeyFile = file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return publicKeyFile;
    }

    private static String sign(Set<String> roles, long secondsValid, PrivateKey key) {
        long now = System.currentTimeMillis() / 1000;
        return Jwt.issuer(ISSUER)
                .upn("test-user")
                .groups(roles)
                .issuedAt(now - 120)
                .expiresAt(now + secondsValid)
                .sign(key);
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
