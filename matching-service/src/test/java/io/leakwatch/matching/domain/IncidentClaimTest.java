package io.leakwatch.matching.domain;

import io.leakwatch.contracts.verification.VerificationOpened;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IncidentClaimTest {

    private static final Instant OPENED = Instant.parse("2021-05-20T10:00:01Z");

    private FixtureConfiguration<IncidentClaim> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(IncidentClaim.class);
    }

    @Test
    void aReportedClaimOpensAVerification() {
        fixture.givenNoPriorActivity()
                .when(new OpenVerification("inc-1", 279_000_000L, OPENED))
                .expectEvents(new VerificationOpened("inc-1", 279_000_000L, OPENED));
    }

    @Test
    void openingTwiceRecordsNothingNew() {
        fixture.given(new VerificationOpened("inc-1", 279_000_000L, OPENED))
                .when(new OpenVerification("inc-1", 279_000_000L, OPENED.plusSeconds(5)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
