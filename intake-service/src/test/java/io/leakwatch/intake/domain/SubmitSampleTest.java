package io.leakwatch.intake.domain;

import io.leakwatch.contracts.incident.IncidentDismissed;
import io.leakwatch.contracts.incident.IncidentReported;
import io.leakwatch.contracts.incident.IncidentUnderVerification;
import io.leakwatch.contracts.incident.IncidentVerified;
import io.leakwatch.contracts.incident.ReportSource;
import io.leakwatch.contracts.incident.SampleSubmitted;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Incident's part in a sample upload; kept beside IncidentTest so the two can change independently. */
class SubmitSampleTest {

    private static final String ID = "inc-1";
    private static final Instant AT = Instant.parse("2021-05-20T12:00:00Z");
    private static final String DIGEST = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final IncidentReported REPORTED = new IncidentReported(
            ID,
            "279 million",
            new ReportSource("FORUM", "https://forum.example/t/1", "Kotz"),
            279_000_000L,
            List.of("NIK"),
            AT,
            List.of("ID"),
            AT);

    private FixtureConfiguration<Incident> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Incident.class);
    }

    private static SubmitSample submit(String sampleId, String digest) {
        return new SubmitSample(
                ID,
                sampleId,
                digest,
                1234,
                10,
                2,
                3,
                List.of("NIK", "NAMA", "EMAIL"),
                List.of("nik", "full_name"),
                List.of("EMAIL"),
                "abcd1234",
                AT);
    }

    private static SampleSubmitted submitted(String sampleId) {
        return new SampleSubmitted(
                ID,
                sampleId,
                DIGEST,
                1234,
                10,
                2,
                3,
                List.of("NIK", "NAMA", "EMAIL"),
                List.of("nik", "full_name"),
                List.of("EMAIL"),
                "abcd1234",
                AT);
    }

    @Test
    void theFirstSampleIsRecordedAndPutsTheIncidentUnderVerification() {
        fixture.given(REPORTED)
                .when(submit("s-1", DIGEST.toUpperCase()))
                .expectEvents(submitted("s-1"), new IncidentUnderVerification(ID, "s-1", AT))
                .expectState(incident -> org.assertj.core.api.Assertions.assertThat(incident.status())
                        .isEqualTo(IncidentStatus.UNDER_VERIFICATION));
    }

    @Test
    void aFurtherSampleOfAVerifiedIncidentIsRecordedWithoutMovingItBack() {
        fixture.given(
                        REPORTED,
                        submitted("s-1"),
                        new IncidentUnderVerification(ID, "s-1", AT),
                        new IncidentVerified(ID, "s-1", "LIKELY", AT))
                .when(submit("s-2", DIGEST))
                .expectEvents(submitted("s-2"), new IncidentUnderVerification(ID, "s-2", AT))
                .expectState(incident -> org.assertj.core.api.Assertions.assertThat(incident.status())
                        .isEqualTo(IncidentStatus.VERIFIED));
    }

    @Test
    void aSampleWhoseVerificationWasAlreadyStartedIsOnlySubmitted() {
        fixture.given(REPORTED, new IncidentUnderVerification(ID, "s-1", AT))
                .when(submit("s-1", DIGEST))
                .expectEvents(submitted("s-1"));
    }

    @Test
    void theSameSampleAgainRecordsNothing() {
        fixture.given(REPORTED, submitted("s-1"), new IncidentUnderVerification(ID, "s-1", AT))
                .when(submit("s-1", DIGEST))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void theSameSampleIdWithAnotherDigestIsRefused() {
        fixture.given(REPORTED, submitted("s-1"), new IncidentUnderVerification(ID, "s-1", AT))
                .when(submit("s-1", "0".repeat(64)))
                .expectException(IncidentTransitionRefused.class)
                .expectNoEvents();
    }

    @Test
    void aDismissedIncidentTakesNoSample() {
        fixture.given(REPORTED, new IncidentDismissed(ID, "hoax", AT))
                .when(submit("s-1", DIGEST))
                .expectException(IncidentTransitionRefused.class)
                .expectNoEvents();
    }

    @Test
    void aDigestThatIsNotASha256IsMalformed() {
        fixture.given(REPORTED)
                .when(submit("s-1", "not-a-digest"))
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }
}
