package io.leakwatch.statement.domain;

import io.leakwatch.contracts.statement.StatementDrafted;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatementTest {

    private static final Instant T1 = Instant.parse("2021-05-20T10:00:00Z");
    private static final Instant T2 = Instant.parse("2021-05-21T10:00:00Z");

    private FixtureConfiguration<Statement> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Statement.class);
    }

    @Test
    void theFirstFactDraftsVersionOne() {
        fixture.givenNoPriorActivity()
                .when(new DraftStatement("inc-1", "e-1", "teks", "text", T1))
                .expectEvents(new StatementDrafted("inc-1", 1, "e-1", "teks", "text", T1));
    }

    @Test
    void aFactThatChangesNoWordDraftsNothing() {
        fixture.given(new StatementDrafted("inc-1", 1, "e-1", "teks", "text", T1))
                .when(new DraftStatement("inc-1", "e-2", "teks", "text", T2))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void changedWordsDraftTheNextVersion() {
        fixture.given(new StatementDrafted("inc-1", 1, "e-1", "teks", "text", T1))
                .when(new DraftStatement("inc-1", "e-2", "teks baru", "new text", T2))
                .expectEvents(new StatementDrafted("inc-1", 2, "e-2", "teks baru", "new text", T2));
    }
}
