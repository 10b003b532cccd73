package io.leakwatch.matching.repository;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.agroal.api.AgroalDataSource;
import io.leakwatch.platform.privacy.Token;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The NIK tokens a sample's chunks saw first, so that a repeat is counted once however the chunks are spread over
 * consumers and replicas and however often they are delivered. A NIK's rows are all in one bucket of the sample, so a
 * bucket's claims decide. Each chunk takes its bucket's lock row (and the bucket's next version) in the consumer's
 * transaction and stores the tokens it saw first as one row; this replica keeps each bucket's claims in memory
 * between chunks and reads only the claims made since, usually none.
 *
 * <p>Note: before, every token was a row of {@code sample_nik}, claimed with {@code INSERT ... ON CONFLICT}: about
 * 13 ms of PostgreSQL per 512-row chunk, the largest part of a chunk's time (docs/decisions.md, "Session 5 ... claims
 * per chunk").
 */
@ApplicationScoped
public class SampleClaims {

    /** Buckets whose claims a replica keeps in memory: a few samples verified at once, a few buckets each. */
    private static final int BUCKETS_KEPT = 64;

    private static final Base64.Encoder BASE64_URL = Base64.getUrlEncoder().withoutPadding();

    private final AgroalDataSource dataSource;
    private final TransactionSynchronizationRegistry transactions;
    private final Cache<BucketKey, BucketClaims> buckets = Caffeine.newBuilder()
            .maximumSize(BUCKETS_KEPT)
            .executor(Runnable::run)
            .build();

    SampleClaims(AgroalDataSource dataSource, TransactionSynchronizationRegistry transactions) {
        this.dataSource = dataSource;
        this.transactions = transactions;
    }

    /**
     * Claims the chunk's NIK tokens in the running transaction and answers which of them are first seen in this chunk:
     * those no chunk claimed before, and those this same chunk claimed in an earlier delivery. A token another chunk
     * claimed is a repeat.
     *
     * @param nikTokens base64url NIK tokens of the chunk's rows, each once
     */
    public Set<String> firstOccurrences(String sampleId, int bucket, int chunkNumber, Set<String> nikTokens) {
        if (nikTokens.isEmpty()) {
            return Set.of();
        }
        try (Connection connection = dataSource.getConnection()) {
            long lockVersion = lockBucket(connection, sampleId, bucket);
            BucketClaims claims = buckets.get(new BucketKey(sampleId, bucket), key -> new BucketClaims());
            synchronized (claims) {
                Object transaction = transactions.getTransactionKey();
                if (!claims.canCatchUp(transaction, lockVersion)) {
                    claims.forget();
                }
                readClaimsSince(connection, sampleId, bucket, claims);
                Set<String> first = new HashSet<>();
                List<String> claimedNow = new ArrayList<>();
                for (String token : nikTokens) {
                    Integer claimedBy = claims.chunkOf(token);
                    if (claimedBy == null) {
                        claimedNow.add(token);
                        first.add(token);
                    } else if (claimedBy == chunkNumber) {
                        first.add(token);
                    }
                }
                if (!claimedNow.isEmpty()) {
                    insertClaim(connection, sampleId, bucket, lockVersion, chunkNumber, claimedNow);
                }
                boolean firstInTransaction = claims.owner() != transaction;
                claims.made(transaction, lockVersion, chunkNumber, claimedNow);
                if (firstInTransaction) {
                    endWithTransaction(claims, transaction);
                }
                return first;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot claim the NIK tokens of sample " + sampleId, e);
        }
    }

    /** The distinct NIK tokens of rows, in order. */
    public static Set<String> distinct(List<String> nikTokens) {
        return new LinkedHashSet<>(nikTokens);
    }

    /** Forgets the sample's claims: once its verification has ended, nothing needs them. */
    public void forgetSample(String sampleId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement claims = connection.prepareStatement("DELETE FROM sample_claim WHERE sample_id = ?");
                PreparedStatement locks =
                        connection.prepareStatement("DELETE FROM sample_bucket WHERE sample_id = ?")) {
            claims.setString(1, sampleId);
            claims.executeUpdate();
            locks.setString(1, sampleId);
            locks.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot forget the NIK tokens of sample " + sampleId, e);
        }
        buckets.asMap().keySet().removeIf(key -> key.sampleId().equals(sampleId));
    }

    /** Takes the bucket's lock row until the transaction ends; answers the version this claim makes. */
    private static long lockBucket(Connection connection, String sampleId, int bucket) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO sample_bucket (sample_id, bucket, version) VALUES (?, ?, 1)
                ON CONFLICT (sample_id, bucket) DO UPDATE SET version = sample_bucket.version + 1
                RETURNING version
                """)) {
            upsert.setString(1, sampleId);
            upsert.setInt(2, bucket);
            try (ResultSet row = upsert.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static void readClaimsSince(Connection connection, String sampleId, int bucket, BucketClaims claims)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT version, chunk_number, nik_tokens FROM sample_claim
                WHERE sample_id = ? AND bucket = ? AND version > ?
                ORDER BY version
                """)) {
            select.setString(1, sampleId);
            select.setInt(2, bucket);
            select.setLong(3, claims.version());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    claims.read(rows.getLong(1), rows.getInt(2), tokens(rows.getBytes(3)));
                }
            }
        }
    }

    private static void insertClaim(
            Connection connection, String sampleId, int bucket, long version, int chunkNumber, List<String> tokens)
            throws SQLException {
        ByteBuffer bytes = ByteBuffer.allocate(tokens.size() * Token.LENGTH);
        tokens.forEach(token -> bytes.put(Token.ofBase64Url(token).bytes()));
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO sample_claim (sample_id, bucket, version, chunk_number, nik_tokens) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, sampleId);
            insert.setInt(2, bucket);
            insert.setLong(3, version);
            insert.setInt(4, chunkNumber);
            insert.setBytes(5, bytes.array());
            insert.executeUpdate();
        }
    }

    private static List<String> tokens(byte[] concatenated) {
        List<String> tokens = new ArrayList<>(concatenated.length / Token.LENGTH);
        for (int offset = 0; offset + Token.LENGTH <= concatenated.length; offset += Token.LENGTH) {
            tokens.add(BASE64_URL.encodeToString(Arrays.copyOfRange(concatenated, offset, offset + Token.LENGTH)));
        }
        return tokens;
    }

    /** When the transaction ends, its claims become the database's, or are forgotten if it did not commit. */
    private void endWithTransaction(BucketClaims claims, Object transaction) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                synchronized (claims) {
                    claims.ended(transaction, status == Status.STATUS_COMMITTED);
                }
            }
        });
    }

    private record BucketKey(String sampleId, int bucket) {}
}
