package io.leakwatch.matching.repository;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Which chunk of a sample first claimed each NIK token of one bucket, as this replica last read or made the claims:
 * every claim up to {@link #version()}, and, while {@link #owner()} is not null, that transaction's own claims, not yet
 * committed. Guarded by its own monitor; a transaction changes it only while it holds the bucket's lock row.
 */
final class BucketClaims {

    private final Map<String, Integer> chunkByToken = new HashMap<>();
    private long version;
    private Object owner;

    long version() {
        return version;
    }

    Object owner() {
        return owner;
    }

    /**
     * Whether reading the claims made after {@link #version()} brings this up to date for {@code transaction}, which
     * holds the bucket's lock at {@code lockVersion}: not if another transaction's claims are in it (its end is not
     * seen yet), nor if it is ahead of the database (the sample's claims were forgotten and begun again).
     */
    boolean canCatchUp(Object transaction, long lockVersion) {
        return (owner == null || owner == transaction) && version < lockVersion;
    }

    void forget() {
        chunkByToken.clear();
        version = 0;
        owner = null;
    }

    /** A claim read from the database. */
    void read(long claimVersion, int chunkNumber, Collection<String> tokens) {
        tokens.forEach(token -> chunkByToken.putIfAbsent(token, chunkNumber));
        version = Math.max(version, claimVersion);
    }

    /** A claim {@code transaction} made (or a lock it took without a claim, when {@code tokens} is empty). */
    void made(Object transaction, long claimVersion, int chunkNumber, Collection<String> tokens) {
        read(claimVersion, chunkNumber, tokens);
        owner = transaction;
    }

    /** The chunk that claimed the token first, or null. */
    Integer chunkOf(String token) {
        return chunkByToken.get(token);
    }

    /** {@code transaction} ended: its claims are the database's now, or, if it did not commit, they never were. */
    void ended(Object transaction, boolean committed) {
        if (owner != transaction) {
            return;
        }
        if (committed) {
            owner = null;
        } else {
            forget();
        }
    }
}
