package io.leakwatch.matching.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.contracts.verification.VerificationCompleted;
import io.leakwatch.contracts.verification.VerificationFailed;
import io.leakwatch.contracts.verification.VerificationStarted;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VerificationTest {

    private static final Instant T0 = Instant.parse("2021-05-21T08:00:00Z");
    private static final List<ShareSnapshot> SHARES =
            List.of(new ShareSnapshot("partner", List.of("NIK", "NAMA"), "canary-partner"));

    private FixtureConfiguration<Verification> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Verification.class);
    }

    /** 40 rows matched, all agreeing, valid from 2020-01-01 on. */
    private static ChunkTally tally(long matched) {
        return new ChunkTally(
                matched,
                0,
                matched,
                0,
                matched,
                0,
                new TreeMap<>(Map.of("full_name", matched)),
                new TreeMap<>(Map.of("full_name", matched)),
                null,
                null,
                new TreeMap<>(Map.of(18262L, matched)));
    }

    private static StartVerification start(int chunks, long rows, boolean sameKey) {
        return new StartVerification(
                "s-1",
                "inc-1",
                chunks,
                rows,
                2,
                List.of("NIK", "NAMA"),
                List.of("nik", "full_name"),
                279_000_000L,
                1000,
                3,
                SHARES,
                sameKey,
                T0);
    }

    /** The command for one chunk of sample s-1 (bucket = chunk number, registry generation 3). */
    private static RecordChunks recordOne(int chunkNumber, ChunkTally tally, Instant receivedAt) {
        return new RecordChunks(
                "s-1", "inc-1", 3, List.of(new RecordChunks.ChunkPart(chunkNumber, chunkNumber, tally)), receivedAt);
    }

    private static ChunkVerified chunk(int number, long matched) {
        return new ChunkVerified("s-1", "inc-1", number, number, 3, tally(matched), T0.minusSeconds(10));
    }

    @Test
    void aChunkDeliveredTwiceIsRecordedOnce() {
        fixture.given(chunk(0, 20))
                .when(recordOne(0, tally(20), T0))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(ChunkReceipt.IGNORED)
                .expectNoEvents();
    }

    @Test
    void aNewChunkIsRecorded() {
        fixture.given(chunk(0, 20)).when(recordOne(1, tally(20), T0)).expectResultMessagePayload(ChunkReceipt.RECORDED);
    }

    @Test
    void chunksDeliveredTogetherCountOnceEachAndTheLastOfThemCompletes() {
        RecordChunks delivery = new RecordChunks(
                "s-1",
                "inc-1",
                3,
                List.of(
                        new RecordChunks.ChunkPart(0, 0, tally(20)),
                        new RecordChunks.ChunkPart(0, 0, tally(20)),
                        new RecordChunks.ChunkPart(1, 1, tally(20))),
                T0);
        fixture.givenCommands(start(2, 42, true))
                .when(delivery)
                .expectResultMessagePayload(ChunkReceipt.RECORDED)
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                        org.axonframework.test.matchers.Matchers.exactSequenceOf(
                                org.hamcrest.Matchers.instanceOf(ChunkVerified.class),
                                org.hamcrest.Matchers.instanceOf(ChunkVerified.class),
                                org.hamcrest.Matchers.instanceOf(VerificationCompleted.class),
                                org.axonframework.test.matchers.Matchers.andNoMore())));
    }

    @Test
    void chunksThatCameFirstAreVerifiedWhenTheSubmissionArrives() {
        fixture.given(chunk(0, 20), chunk(1, 20))
                .when(start(2, 42, true))
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.exactSequenceOf(
                        org.axonframework.test.matchers.Matchers.messageWithPayload(
                                org.hamcrest.Matchers.equalTo(new VerificationStarted("inc-1", "s-1", 2, T0))),
                        org.axonframework.test.matchers.Matchers.messageWithPayload(
                                org.hamcrest.Matchers.instanceOf(VerificationContextRecorded.class)),
                        org.axonframework.test.matchers.Matchers.messageWithPayload(
                                org.hamcrest.Matchers.instanceOf(VerificationCompleted.class)),
                        org.axonframework.test.matchers.Matchers.andNoMore()));
    }

    @Test
    void theLastChunkCompletesAStartedVerification() {
        fixture.givenCommands(start(2, 42, true), recordOne(0, tally(20), T0))
                .when(recordOne(1, tally(20), T0.plusSeconds(1)))
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                        org.axonframework.test.matchers.Matchers.exactSequenceOf(
                                org.hamcrest.Matchers.instanceOf(ChunkVerified.class),
                                org.hamcrest.Matchers.instanceOf(VerificationCompleted.class),
                                org.axonframework.test.matchers.Matchers.andNoMore())));
    }

    @Test
    void chunksInAnyOrderGiveTheSameResult() {
        FixtureConfiguration<Verification> other = new AggregateTestFixture<>(Verification.class);
        List<Object> forward = List.of(chunk(0, 10), chunk(1, 25), chunk(2, 5));
        List<Object> backward = List.of(chunk(2, 5), chunk(1, 25), chunk(0, 10));
        VerificationCompleted[] results = new VerificationCompleted[2];
        fixture.given(forward).when(start(3, 42, true)).expectEventsMatching(captureCompleted(results, 0));
        other.given(backward).when(start(3, 42, true)).expectEventsMatching(captureCompleted(results, 1));
        assertThat(results[0]).isEqualTo(results[1]);
        assertThat(results[0].result().matchedRows()).isEqualTo(40);
        assertThat(results[0].result().verdict()).isEqualTo("CONFIRMED");
        assertThat(results[0].result().snapshotWindow().from()).isEqualTo("2020-01-01");
        assertThat(results[0].result().claimExceedsRegistry()).isTrue();
    }

    @Test
    void aSubmissionUnderAnotherKeyFails() {
        fixture.given(chunk(0, 20))
                .when(start(1, 22, false))
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                        org.axonframework.test.matchers.Matchers.exactSequenceOf(
                                org.hamcrest.Matchers.instanceOf(VerificationStarted.class),
                                org.hamcrest.Matchers.instanceOf(VerificationContextRecorded.class),
                                org.hamcrest.Matchers.instanceOf(VerificationFailed.class),
                                org.axonframework.test.matchers.Matchers.andNoMore())));
    }

    @Test
    void rowsThatDoNotAddUpFailTheVerification() {
        fixture.given(chunk(0, 20))
                .when(start(1, 100, true))
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                        org.axonframework.test.matchers.Matchers.exactSequenceOf(
                                org.hamcrest.Matchers.instanceOf(VerificationStarted.class),
                                org.hamcrest.Matchers.instanceOf(VerificationContextRecorded.class),
                                org.hamcrest.Matchers.equalTo(new VerificationFailed(
                                        "inc-1",
                                        "s-1",
                                        "the chunks held 20 valid rows, the submission announced 98",
                                        T0)),
                                org.axonframework.test.matchers.Matchers.andNoMore())));
    }

    @Test
    void aStalledVerificationFailsWithItsReason() {
        fixture.givenCommands(start(2, 42, true))
                .when(new FailVerification("s-1", "the rest did not arrive", T0.plusSeconds(3600)))
                .expectEvents(new VerificationFailed("inc-1", "s-1", "the rest did not arrive", T0.plusSeconds(3600)));
    }

    @Test
    void orphanedChunksAreDroppedAndALateSubmissionFails() {
        fixture.given(chunk(0, 20))
                .when(new DropChunks("s-1", "no submission", T0))
                .expectEvents(new SampleChunksDropped("s-1", "inc-1", 1, "no submission", T0));
        fixture.given(chunk(0, 20), new SampleChunksDropped("s-1", "inc-1", 1, "no submission", T0))
                .when(start(1, 22, true))
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                        org.axonframework.test.matchers.Matchers.exactSequenceOf(
                                org.hamcrest.Matchers.instanceOf(VerificationStarted.class),
                                org.hamcrest.Matchers.instanceOf(VerificationContextRecorded.class),
                                org.hamcrest.Matchers.instanceOf(VerificationFailed.class),
                                org.axonframework.test.matchers.Matchers.andNoMore())));
    }

    @Test
    void aChunkAfterTheEndChangesNothing() {
        fixture.given(chunk(0, 20))
                .andGivenCommands(start(1, 22, true))
                .when(recordOne(1, tally(5), T0))
                .expectResultMessagePayload(ChunkReceipt.VERIFICATION_OVER)
                .expectNoEvents();
        // The same for a redelivery of a chunk that was part of the result, and for chunks after a drop.
        fixture.given(chunk(0, 20))
                .andGivenCommands(start(1, 22, true))
                .when(recordOne(0, tally(20), T0))
                .expectResultMessagePayload(ChunkReceipt.VERIFICATION_OVER)
                .expectNoEvents();
        fixture.given(chunk(0, 20), new SampleChunksDropped("s-1", "inc-1", 1, "no submission", T0))
                .when(recordOne(1, tally(5), T0))
                .expectResultMessagePayload(ChunkReceipt.VERIFICATION_OVER)
                .expectNoEvents();
    }

    private static org.hamcrest.Matcher<List<org.axonframework.eventhandling.EventMessage<?>>> captureCompleted(
            VerificationCompleted[] into, int slot) {
        return new org.hamcrest.TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(List<org.axonframework.eventhandling.EventMessage<?>> events) {
                for (var event : events) {
                    if (event.getPayload() instanceof VerificationCompleted completed) {
                        into[slot] = completed;
                        return true;
                    }
                }
                return false;
            }

            @Override
            public void describeTo(org.hamcrest.Description description) {
                description.appendText("a VerificationCompleted");
            }
        };
    }
}
