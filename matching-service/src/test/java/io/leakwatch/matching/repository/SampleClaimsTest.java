package io.leakwatch.matching.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agroal.api.AgroalDataSource;
import io.leakwatch.testing.LeakwatchTestStack;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * First occurrences over the real database, with the in-memory claims a replica keeps between chunks: what another
 * replica claimed meanwhile counts, a redelivered chunk keeps its own tokens, and a claim whose transaction rolled
 * back is forgotten by the replica that made it too.
 */
@QuarkusTest
@WithTestResource(value = LeakwatchTestStack.class, scope = TestResourceScope.GLOBAL)
class SampleClaimsTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TransactionSynchronizationRegistry transactions;

    private final String sample = UUID.randomUUID().toString();

    @Test
    void aTokenIsFirstInTheChunkThatClaimedItAndARepeatElsewhereAcrossReplicas() {
        SampleClaims one = new SampleClaims(dataSource, transactions);
        SampleClaims other = new SampleClaims(dataSource, transactions);

        assertThat(claim(one, 0, tokens(1, 2, 3))).containsExactlyInAnyOrderElementsOf(tokens(1, 2, 3));
        // Another replica's consumer (after a rebalance, say) sees them, and this replica then sees the other's.
        assertThat(claim(other, 1, tokens(3, 4))).containsExactlyInAnyOrderElementsOf(tokens(4));
        assertThat(claim(one, 2, tokens(4, 5))).containsExactlyInAnyOrderElementsOf(tokens(5));
        // Redelivered, a chunk's first occurrences are what they were, on either replica.
        assertThat(claim(other, 0, tokens(1, 2, 3))).containsExactlyInAnyOrderElementsOf(tokens(1, 2, 3));
        assertThat(claim(one, 1, tokens(3, 4))).containsExactlyInAnyOrderElementsOf(tokens(4));
    }

    @Test
    void aClaimThatRolledBackIsForgottenByTheReplicaThatMadeIt() {
        SampleClaims claims = new SampleClaims(dataSource, transactions);
        claim(claims, 0, tokens(1));

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
                    claims.firstOccurrences(sample, 0, 1, tokens(2, 3));
                    throw new IllegalStateException("the chunk's command failed");
                }))
                .hasMessageContaining("command failed");

        // Another replica's claim takes the version the rolled-back one had.
        assertThat(claim(new SampleClaims(dataSource, transactions), 5, tokens(2)))
                .containsExactlyInAnyOrderElementsOf(tokens(2));
        assertThat(claim(claims, 2, tokens(2, 3))).containsExactlyInAnyOrderElementsOf(tokens(3));
        assertThat(claim(claims, 1, tokens(2, 3))).isEmpty();
    }

    @Test
    void chunksOfOneBucketInOneTransactionSeeEachOthersClaims() {
        SampleClaims claims = new SampleClaims(dataSource, transactions);
        Supplier<Set<String>> both = () -> {
            claims.firstOccurrences(sample, 0, 0, tokens(1, 2));
            return claims.firstOccurrences(sample, 0, 1, tokens(2, 3));
        };

        assertThat(QuarkusTransaction.requiringNew().call(both::get)).containsExactlyInAnyOrderElementsOf(tokens(3));
        claims.forgetSample(sample);
        assertThat(claim(claims, 1, tokens(2, 3))).containsExactlyInAnyOrderElementsOf(tokens(2, 3));
    }

    private Set<String> claim(SampleClaims claims, int chunkNumber, Set<String> tokens) {
        return QuarkusTransaction.requiringNew().call(() -> claims.firstOccurrences(sample, 0, chunkNumber, tokens));
    }

    /** Base64url NIK tokens made from small numbers. */
    private static Set<String> tokens(int... numbers) {
        Set<String> tokens = new LinkedHashSet<>();
        for (int number : numbers) {
            byte[] bytes = new byte[32];
            IntStream.range(0, 4).forEach(i -> bytes[i] = (byte) (number >>> (8 * i)));
            tokens.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        }
        return tokens;
    }
}
