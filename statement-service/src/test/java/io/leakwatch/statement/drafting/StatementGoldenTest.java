package io.leakwatch.statement.drafting;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.contracts.IntegrationEvent;
import io.leakwatch.contracts.incident.AwarenessRecorded;
import io.leakwatch.contracts.incident.IncidentReported;
import io.leakwatch.contracts.incident.IncidentUnderVerification;
import io.leakwatch.contracts.incident.ReportSource;
import io.leakwatch.contracts.incident.SampleSubmitted;
import io.leakwatch.contracts.verification.VerificationCompleted;
import io.leakwatch.contracts.verification.VerificationOpened;
import io.leakwatch.contracts.verification.VerificationResult;
import io.leakwatch.statement.domain.StatementElement;
import io.leakwatch.testing.LeakwatchTestStack;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Pins the words of the 2021 statement, in both languages, at each stage of the incident: the files under
 * {@code src/test/resources/golden/} are the reviewed texts. After an intended change of wording, run with
 * {@code GOLDEN_UPDATE=1} in the environment, read the diff of the files, and commit them.
 */
@QuarkusTest
@WithTestResource(value = LeakwatchTestStack.class, scope = TestResourceScope.GLOBAL)
class StatementGoldenTest {

    static final String INCIDENT = "2021-bpjs";
    static final Instant DISCOVERED = Instant.parse("2021-05-20T02:00:00Z");
    static final Instant REPORTED = Instant.parse("2021-05-20T03:00:00Z");
    static final Instant AWARE = Instant.parse("2021-05-20T02:30:00Z");
    static final Instant SUBMITTED = Instant.parse("2021-05-21T01:15:00Z");
    static final Instant COMPLETED = Instant.parse("2021-05-21T07:40:00Z");

    /** The stages of the 2021 incident, each with every event known by then. */
    enum Stage {
        CLAIM_ONLY,
        VERIFICATION_UNDER_WAY,
        VERIFIED_LIKELY_WITH_DECEASED;

        List<IntegrationEvent> events() {
            List<IntegrationEvent> events = new ArrayList<>(List.of(
                    new IncidentReported(
                            INCIDENT,
                            "Data of 279 million Indonesians offered on a forum",
                            new ReportSource("FORUM", "https://forum.example/Thread-279-million", "Kotz"),
                            279_000_000L,
                            List.of("NIK", "NAME", "PHONE", "EMAIL", "NPWP"),
                            DISCOVERED,
                            List.of("ID"),
                            REPORTED),
                    new VerificationOpened(INCIDENT, 279_000_000L, REPORTED)));
            if (this == CLAIM_ONLY) {
                return events;
            }
            events.add(new AwarenessRecorded(INCIDENT, AWARE, List.of("ID")));
            events.add(new SampleSubmitted(
                    INCIDENT,
                    "sample-1",
                    "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                    240_000_000L,
                    1_000_000L,
                    2_100L,
                    200,
                    List.of("PSNOKA", "NAMA", "NIK", "TGLLHR", "NOHP", "EMAIL", "NPWP", "TSUPDATE"),
                    List.of("card_no", "full_name", "nik", "birth_date", "phone", "updated_at"),
                    List.of("EMAIL", "NPWP"),
                    "a1b2c3d4",
                    SUBMITTED));
            events.add(new IncidentUnderVerification(INCIDENT, "sample-1", SUBMITTED));
            if (this == VERIFICATION_UNDER_WAY) {
                return events;
            }
            events.add(new VerificationCompleted(INCIDENT, "sample-1", likelyResult(), COMPLETED));
            return events;
        }

        Instant asOf() {
            return switch (this) {
                case CLAIM_ONLY -> REPORTED;
                case VERIFICATION_UNDER_WAY -> SUBMITTED;
                case VERIFIED_LIKELY_WITH_DECEASED -> COMPLETED;
            };
        }

        String file(String language) {
            return name().toLowerCase().replace('_', '-') + "." + language + ".txt";
        }
    }

    static VerificationResult likelyResult() {
        return new VerificationResult(
                1_000_000,
                2_100,
                350,
                871_000,
                126_550,
                540_020,
                new TreeMap<>(Map.of("full_name", 0.71, "phone", 0.58)),
                LocalDate.parse("2020-12-31"),
                41_870,
                List.of(),
                List.of(new VerificationResult.SchemaMatch("core-membership", 0.62)),
                0.8731,
                0.8724,
                0.8737,
                0.62,
                0.619,
                0.621,
                null,
                "LIKELY",
                279_000_000L,
                222_400_000L,
                true);
    }

    @Inject
    StatementRenderer renderer;

    @ParameterizedTest
    @EnumSource(Stage.class)
    void theSameEventsWriteTheReviewedTextByteForByte(Stage stage) throws IOException {
        StatementTexts texts = renderer.render(fold(stage.events()), stage.asOf());

        assertGolden(stage.file("id"), texts.id());
        assertGolden(stage.file("en"), texts.en());
        assertThat(StatementElement.missing(texts.id(), texts.en())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Stage.class)
    void theOrderOfArrivalChangesNoWord(Stage stage) {
        List<IntegrationEvent> reversed = new ArrayList<>(stage.events());
        Collections.reverse(reversed);

        assertThat(renderer.render(fold(reversed), stage.asOf()))
                .isEqualTo(renderer.render(fold(stage.events()), stage.asOf()));
    }

    static IncidentFacts fold(List<IntegrationEvent> events) {
        IncidentFacts facts = IncidentFacts.none(INCIDENT);
        for (IntegrationEvent event : events) {
            facts = facts.with(event);
        }
        return facts;
    }

    private static void assertGolden(String name, String actual) throws IOException {
        Path file = Path.of("src/test/resources/golden", name);
        if (System.getenv("GOLDEN_UPDATE") != null) {
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(file).as("golden file %s (GOLDEN_UPDATE=1 writes it)", name).exists();
        assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
}
