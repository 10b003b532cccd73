package io.leakwatch.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.contracts.sample.SampleChunk;
import io.leakwatch.contracts.verification.VerificationResult;
import io.leakwatch.matching.synthetic.GroundTruthTest;
import io.leakwatch.matching.synthetic.SyntheticPipeline;
import io.leakwatch.matching.synthetic.SyntheticRegistry;
import io.leakwatch.matching.synthetic.SyntheticSample;
import io.leakwatch.testing.LeakwatchTestStack;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Kafka delivers at least once: over the real broker, a sample whose every chunk arrives twice (the copies in another
 * order, all before the submission) gets the same result as one delivered once, and the generator's truth; chunks
 * delivered again after the end change nothing and leave no NIK token behind in the sample's claims.
 */
@QuarkusTest
@WithTestResource(value = LeakwatchTestStack.class, scope = TestResourceScope.GLOBAL)
class ChunkRedeliveryTest {

    @Test
    void everyChunkTwiceGivesTheResultOfOnceAndRedeliveriesAfterTheEndLeaveNothing() throws Exception {
        SyntheticRegistry registry =
                SyntheticRegistry.generate(23, 300, List.of("canary-partner", "canary-warehouse"), 3);
        MatchingDriver.importRegistry(registry.toCsv());
        SyntheticSample sample = SyntheticSample.generate(
                29,
                registry,
                LocalDate.parse("2021-05-01"),
                new SyntheticSample.Composition(40, 4, 4, 6, 3, 6, 1, "canary-partner", false));
        String incidentId = UUID.randomUUID().toString();
        MatchingDriver.reportIncident(incidentId, 279_000_000L);
        VerificationResult truth = MatchingDriver.truth(registry, sample, 279_000_000L);

        String once = UUID.randomUUID().toString();
        SyntheticPipeline.Tokenised single = SyntheticPipeline.tokenise(sample, incidentId, once, 4, 5);
        single.chunks().forEach(chunk -> MatchingDriver.publish(chunk, 1));
        MatchingDriver.publish(single.submitted());
        VerificationResult deliveredOnce = MatchingDriver.result(MatchingDriver.awaitCompleted(once));

        String twice = UUID.randomUUID().toString();
        SyntheticPipeline.Tokenised doubled = SyntheticPipeline.tokenise(sample, incidentId, twice, 4, 5);
        List<SampleChunk> copies = new ArrayList<>(doubled.chunks());
        java.util.Collections.reverse(copies);
        doubled.chunks().forEach(chunk -> MatchingDriver.publish(chunk, 1));
        copies.forEach(chunk -> MatchingDriver.publish(chunk, 1));
        MatchingDriver.publish(doubled.submitted());
        String view = MatchingDriver.awaitCompleted(twice);
        VerificationResult deliveredTwice = MatchingDriver.result(view);

        assertThat(doubled.chunks()).hasSizeGreaterThan(4);
        assertThat(JsonPath.from(view).getInt("progress.chunksDone"))
                .isEqualTo(doubled.chunks().size());
        assertThat(deliveredTwice).usingRecursiveComparison().isEqualTo(deliveredOnce);
        assertThat(deliveredTwice)
                .usingRecursiveComparison(GroundTruthTest.closeDoubles())
                .isEqualTo(truth);
        assertThat(truth.duplicateRows()).isPositive();
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(MatchingDriver.nikRowsKept(twice))
                        .as("NIK tokens of the ended verification")
                        .isZero());

        // Every chunk once more, after the end (a consumer that crashed before committing its offsets, say).
        double handled = MatchingDriver.chunksReceived();
        doubled.chunks().forEach(chunk -> MatchingDriver.publish(chunk, 1));
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> MatchingDriver.chunksReceived()
                        >= handled + doubled.chunks().size());
        assertThat(MatchingDriver.nikRowsKept(twice))
                .as("NIK tokens claimed by chunks delivered after the end")
                .isZero();
        String after = MatchingDriver.awaitCompleted(twice);
        assertThat(JsonPath.from(after).getInt("progress.chunksDone"))
                .isEqualTo(doubled.chunks().size());
        assertThat(MatchingDriver.result(after)).usingRecursiveComparison().isEqualTo(deliveredOnce);
    }
}
