package io.leakwatch.platform.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of the normalisation that must hold for any input, not just the examples: normalising twice changes
 * nothing, and the ways people write the same value all meet in one form.
 */
class FieldNormaliserPropertiesTest {

    static Stream<String> anyText() {
        return Generated.cases(Generated::anyText);
    }

    @ParameterizedTest
    @MethodSource("anyText")
    void textIsIdempotent(String raw) {
        assertIdempotent(FieldNormaliser::text, raw);
    }

    @ParameterizedTest
    @MethodSource("anyText")
    void everyRuleIsIdempotent(String raw) {
        assertIdempotent(FieldNormaliser::phone, raw);
        assertIdempotent(FieldNormaliser::isoDate, raw);
        assertIdempotent(FieldNormaliser::sex, raw);
        assertIdempotent(FieldNormaliser::cardNo, raw);
    }

    @ParameterizedTest
    @MethodSource("anyText")
    void normalTextHasNoCapitalsMarksPunctuationOrExtraSpace(String raw) {
        FieldNormaliser.text(raw).ifPresent(text -> {
            assertThat(text).isEqualTo(text.strip()).doesNotContain("  ");
            assertThat(text.codePoints())
                    .allMatch(c -> c == ' ' || Character.isLetterOrDigit(c))
                    .noneMatch(Character::isUpperCase);
        });
    }

    static Stream<Arguments> nameVariants() {
        return Generated.cases(random -> {
            String name = Generated.name(random);
            return Arguments.of(name, Generated.variantOf(name, random));
        });
    }

    @ParameterizedTest
    @MethodSource("nameVariants")
    void caseSpacingPunctuationAndDiacriticsFoldAway(String name, String variant) {
        assertThat(FieldNormaliser.text(variant)).contains(name);
    }

    static Stream<Arguments> writtenNumbers() {
        return Generated.cases(random -> {
            String national = Generated.mobileNumber(random);
            return Arguments.of(national, Generated.writtenNumber(national, random));
        });
    }

    @ParameterizedTest
    @MethodSource("writtenNumbers")
    void everyWayOfWritingAMobileNumberGivesItsE164Digits(String national, String written) {
        assertThat(FieldNormaliser.phone(written)).contains("62" + national);
    }

    static Stream<Arguments> writtenDates() {
        return Generated.cases(random -> {
            var date = Generated.date(random);
            return Arguments.of(date, Generated.writtenDate(date, random));
        });
    }

    @ParameterizedTest
    @MethodSource("writtenDates")
    void everyAcceptedFormOfADateGivesItsIsoForm(LocalDate date, String written) {
        assertThat(FieldNormaliser.isoDate(written)).contains(date.toString());
    }

    private static void assertIdempotent(Function<String, Optional<String>> rule, String raw) {
        rule.apply(raw)
                .ifPresent(once ->
                        assertThat(rule.apply(once)).as("normalised again").contains(once));
    }
}
