package io.leakwatch.matching.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.contracts.verification.VerificationResult;
import io.leakwatch.matching.domain.ChunkTally;
import io.leakwatch.matching.domain.VerificationCalculator;
import io.leakwatch.matching.registry.RegistryIndex;
import io.leakwatch.matching.synthetic.SyntheticSample.Composition;
import io.leakwatch.platform.privacy.NameBloomEncoder;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The service's matching (tokens, index, chunk tallies, sums, calculator) against the generator's plaintext reading of
 * DESIGN.md, field by field, for samples of known make-up; chunks are tallied in shuffled order, as replicas would.
 */
public class GroundTruthTest {

    private static final SyntheticRegistry REGISTRY =
            SyntheticRegistry.generate(42, 400, List.of("canary-partner", "canary-warehouse"), 5);
    private static final RegistryIndex INDEX = SyntheticPipeline.index(REGISTRY, 7);

    static Stream<Arguments> compositions() {
        return Stream.of(
                Arguments.of(
                        "all genuine", "2021-05-01", new Composition(60, 0, 0, 0, 0, 0, 0, null, false), "CONFIRMED"),
                Arguments.of(
                        "fabricated people on real NIKs, the 2021 dump's header",
                        "2021-05-01",
                        new Composition(2, 0, 50, 3, 4, 3, 0, null, true),
                        "FABRICATED"),
                Arguments.of(
                        "mostly outsiders",
                        "2021-05-01",
                        new Composition(2, 0, 1, 60, 2, 2, 0, null, false),
                        "UNLIKELY"),
                Arguments.of(
                        "a canary among a few rows",
                        "2021-05-01",
                        new Composition(5, 1, 1, 2, 1, 1, 1, "canary-partner", true),
                        "CONFIRMED"),
                Arguments.of(
                        "as of a date between version changes, with typos and repeats",
                        "2018-03-15",
                        new Composition(45, 8, 2, 5, 3, 6, 0, null, false),
                        "CONFIRMED"),
                Arguments.of(
                        "under 30 rows",
                        "2021-05-01",
                        new Composition(10, 2, 5, 5, 2, 2, 0, null, false),
                        "INCONCLUSIVE"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("compositions")
    void theResultIsWhatTheRulesSay(String name, String asOf, Composition composition, String verdict) {
        SyntheticSample sample =
                SyntheticSample.generate(name.hashCode(), REGISTRY, LocalDate.parse(asOf), composition);
        VerificationResult expected = GroundTruth.expected(
                REGISTRY,
                sample,
                GeneratorMain.SHARES,
                279_000_000L,
                new NameBloomEncoder(SyntheticPipeline.TOKENISER));

        SyntheticPipeline.Tokenised tokenised = SyntheticPipeline.tokenise(sample, "inc-1", "sample-1", 4, 7);
        List<io.leakwatch.contracts.sample.SampleChunk> shuffled = new ArrayList<>(tokenised.chunks());
        Collections.shuffle(shuffled, new Random(name.hashCode()));
        ChunkTally sum = SyntheticPipeline.tally(shuffled, INDEX).stream().reduce(ChunkTally.EMPTY, ChunkTally::plus);
        VerificationResult actual = VerificationCalculator.result(
                sum,
                tokenised.submitted().rows(),
                tokenised.submitted().invalidRows(),
                tokenised.submitted().headerNames(),
                Set.copyOf(tokenised.submitted().mappedColumns()),
                SyntheticPipeline.shares(),
                279_000_000L,
                INDEX.registryMembers());

        assertThat(actual).usingRecursiveComparison(closeDoubles()).isEqualTo(expected);
        assertThat(actual.verdict()).isEqualTo(verdict);
        assertThat(actual.rows())
                .isEqualTo(actual.invalidRows()
                        + actual.duplicateRows()
                        + actual.matchedRows()
                        + actual.notFoundRows()
                        + actual.canaryHits().stream()
                                .mapToLong(VerificationResult.CanaryHit::rows)
                                .sum());
        if (asOf.equals("2018-03-15")) {
            assertThat(actual.snapshotWindow()).isNotNull();
            assertThat(actual.snapshotWindow().from()).isBeforeOrEqualTo(sample.asOf());
            if (actual.snapshotWindow().to() != null) {
                assertThat(actual.snapshotWindow().to()).isAfterOrEqualTo(sample.asOf());
            }
        }
    }

    public static RecursiveComparisonConfiguration closeDoubles() {
        return RecursiveComparisonConfiguration.builder()
                .withComparatorForType((a, b) -> Math.abs(a - b) < 1e-12 ? 0 : Double.compare(a, b), Double.class)
                .build();
    }
}
