package io.leakwatch.statement.domain;

import io.leakwatch.contracts.statement.StatementApproved;
import io.leakwatch.contracts.statement.StatementDrafted;
import io.leakwatch.contracts.statement.StatementEdited;
import io.leakwatch.contracts.statement.StatementPublished;
import io.leakwatch.contracts.statement.StatementWithdrawn;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatementTest {

    private static final Instant T1 = Instant.parse("2021-05-20T10:00:00Z");
    private static final Instant T2 = Instant.parse("2021-05-21T10:00:00Z");
    private static final Instant T3 = Instant.parse("2021-05-21T11:00:00Z");

    /** A statement with every required element, in the shape the templates write. */
    static String complete(String lang, String point2) {
        return lang.equals("id") ? """
                Pernyataan

                1. Klaim.
                2. %s
                3. Pengamanan.
                4. Koordinasi.

                Data yang terpapar: belum diketahui.
                Waktu dan cara: belum diketahui.
                Penanganan dan pemulihan: tim khusus.

                Yang dapat dilakukan peserta sekarang: waspada.
                Pembaruan berikutnya: besok.
                Kontak: humas
                """.formatted(point2) : """
                Statement

                1. Claim.
                2. %s
                3. Safeguards.
                4. Coordination.

                Which data: still unknown.
                When and how: still unknown.
                Handling and recovery: a dedicated team.

                What participants can do now: be wary.
                Next update: tomorrow.
                Contact: press office
                """.formatted(point2);
    }

    private static final String ID1 = complete("id", "Verifikasi sedang berlangsung.");
    private static final String EN1 = complete("en", "Verification is under way.");
    private static final String ID2 = complete("id", "Verifikasi selesai.");
    private static final String EN2 = complete("en", "Verification is complete.");

    private static final StatementDrafted V1 = new StatementDrafted("inc-1", 1, "e-1", ID1, EN1, T1);
    private static final StatementEdited V2 = new StatementEdited("inc-1", 2, 1, ID2, EN2, "comms-1", T2);

    private FixtureConfiguration<Statement> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Statement.class);
    }

    @Test
    void theFirstFactDraftsVersionOne() {
        fixture.givenNoPriorActivity()
                .when(new DraftStatement("inc-1", "e-1", ID1, EN1, T1))
                .expectEvents(V1)
                .expectResultMessagePayload(1);
    }

    @Test
    void aFactThatChangesNoWordDraftsNothing() {
        fixture.given(V1)
                .when(new DraftStatement("inc-1", "e-2", ID1, EN1, T2))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void changedWordsDraftTheNextVersion() {
        fixture.given(V1)
                .when(new DraftStatement("inc-1", "e-2", ID2, EN2, T2))
                .expectEvents(new StatementDrafted("inc-1", 2, "e-2", ID2, EN2, T2));
    }

    @Test
    void aFactIsComparedWithTheLastDraftNotWithAPersonsEdit() {
        fixture.given(V1, V2)
                .when(new DraftStatement("inc-1", "e-2", ID1, EN1, T3))
                .expectNoEvents()
                .expectResultMessagePayload(2);
    }

    @Test
    void anEditBecomesANewDraftVersionWithItsAuthor() {
        fixture.given(V1)
                .when(new EditStatement("inc-1", 1, ID2, EN2, "comms-1", T2))
                .expectEvents(V2)
                .expectResultMessagePayload(2);
    }

    @Test
    void anEditThatChangesNothingRecordsNothing() {
        fixture.given(V1)
                .when(new EditStatement("inc-1", 1, ID1, EN1, "comms-1", T2))
                .expectNoEvents()
                .expectResultMessagePayload(1);
    }

    @Test
    void cannotEditAVersionThatIsNotTheLatest() {
        fixture.given(V1, V2)
                .when(new EditStatement("inc-1", 1, "x", "y", "comms-1", T3))
                .expectException(StatementRefused.class)
                .expectExceptionMessage("Version 1 is not the latest (2); edit the latest version instead");
    }

    @Test
    void cannotEditIntoABlankText() {
        fixture.given(V1)
                .when(new EditStatement("inc-1", 1, " ", EN2, "comms-1", T2))
                .expectException(IllegalArgumentException.class);
    }

    @Test
    void aCompleteLatestDraftIsApproved() {
        fixture.given(V1, V2)
                .when(new ApproveStatement("inc-1", 2, "comms-2", T3))
                .expectEvents(new StatementApproved("inc-1", 2, "comms-2", T3));
    }

    @Test
    void cannotApproveAVersionMissingARequiredElement() {
        String noContact = EN2.replace("Contact: press office", "");
        fixture.given(V1, new StatementEdited("inc-1", 2, 1, ID2, noContact, "comms-1", T2))
                .when(new ApproveStatement("inc-1", 2, "comms-2", T3))
                .expectException(StatementRefused.class)
                .expectExceptionMessage("Version 2 cannot be approved: it lacks CONTACT (en)");
    }

    @Test
    void cannotApproveAVersionWhoseUnknownsAreNotSaid() {
        String noWhen = ID2.replace("Waktu dan cara: belum diketahui.", "Waktu dan cara:");
        fixture.given(V1, new StatementEdited("inc-1", 2, 1, noWhen, EN2, "comms-1", T2))
                .when(new ApproveStatement("inc-1", 2, "comms-2", T3))
                .expectException(StatementRefused.class)
                .expectExceptionMessage("Version 2 cannot be approved: it lacks WHEN_AND_HOW (id)");
    }

    @Test
    void cannotApproveAnOlderVersion() {
        fixture.given(V1, V2)
                .when(new ApproveStatement("inc-1", 1, "comms-2", T3))
                .expectException(StatementRefused.class);
    }

    @Test
    void cannotApproveAVersionThatDoesNotExist() {
        fixture.given(V1)
                .when(new ApproveStatement("inc-1", 7, "comms-2", T3))
                .expectException(StatementRefused.NoSuchVersion.class);
    }

    @Test
    void approvingTwiceRecordsNothing() {
        fixture.given(V1, new StatementApproved("inc-1", 1, "comms-2", T2))
                .when(new ApproveStatement("inc-1", 1, "comms-2", T3))
                .expectNoEvents();
    }

    @Test
    void cannotPublishUnapprovedStatement() {
        fixture.given(V1)
                .when(new PublishStatement("inc-1", 1, "comms-2", T2))
                .expectException(StatementRefused.class)
                .expectExceptionMessage("Version 1 is not approved; only an approved version is published");
    }

    @Test
    void anApprovedVersionIsPublishedWithItsWords() {
        fixture.given(V1, new StatementApproved("inc-1", 1, "comms-2", T2))
                .when(new PublishStatement("inc-1", 1, "comms-3", T3))
                .expectEvents(new StatementPublished("inc-1", 1, ID1, EN1, "comms-3", T3));
    }

    @Test
    void anApprovedVersionStaysPublishableWhenANewerDraftArrives() {
        fixture.given(V1, new StatementApproved("inc-1", 1, "comms-2", T2), V2)
                .when(new PublishStatement("inc-1", 1, "comms-3", T3))
                .expectEvents(new StatementPublished("inc-1", 1, ID1, EN1, "comms-3", T3));
    }

    @Test
    void cannotPublishAVersionOlderThanOneAlreadyPublished() {
        fixture.given(
                        V1,
                        new StatementApproved("inc-1", 1, "c", T1),
                        V2,
                        new StatementApproved("inc-1", 2, "c", T2),
                        new StatementPublished("inc-1", 2, ID2, EN2, "c", T2))
                .when(new PublishStatement("inc-1", 1, "comms-3", T3))
                .expectException(StatementRefused.class);
    }

    @Test
    void aPublishedVersionIsWithdrawnWithAReason() {
        fixture.given(
                        V1,
                        new StatementApproved("inc-1", 1, "c", T1),
                        new StatementPublished("inc-1", 1, ID1, EN1, "c", T2))
                .when(new WithdrawStatement("inc-1", 1, " Wrong figure ", "comms-3", T3))
                .expectEvents(new StatementWithdrawn("inc-1", 1, "Wrong figure", "comms-3", T3));
    }

    @Test
    void cannotWithdrawADraft() {
        fixture.given(V1)
                .when(new WithdrawStatement("inc-1", 1, "Wrong figure", "comms-3", T3))
                .expectException(StatementRefused.class);
    }

    @Test
    void cannotWithdrawWithoutAReason() {
        fixture.given(
                        V1,
                        new StatementApproved("inc-1", 1, "c", T1),
                        new StatementPublished("inc-1", 1, ID1, EN1, "c", T2))
                .when(new WithdrawStatement("inc-1", 1, " ", "comms-3", T3))
                .expectException(IllegalArgumentException.class);
    }

    @Test
    void cannotPublishAWithdrawnVersion() {
        fixture.given(
                        V1,
                        new StatementApproved("inc-1", 1, "c", T1),
                        new StatementPublished("inc-1", 1, ID1, EN1, "c", T2),
                        new StatementWithdrawn("inc-1", 1, "Wrong", "c", T2))
                .when(new PublishStatement("inc-1", 1, "comms-3", T3))
                .expectException(StatementRefused.class);
    }
}
