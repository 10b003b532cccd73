package io.leakwatch.platform.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.platform.privacy.NikValidation.Reason;
import java.time.MonthDay;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Made-up NIKs: province 31 (DKI Jakarta), regency 71, district 01, then the birth date and the serial. */
class NikValidatorTest {

    private static final String MAN_BORN_15_MAY_90 = "3171011505900001";
    private static final String WOMAN_BORN_15_MAY_90 = "3171015505900002";

    @Test
    void aWellFormedNikIsValidAndTellsSexAndBirthDay() {
        NikValidation validation = NikValidator.validate(MAN_BORN_15_MAY_90);

        assertThat(validation.isValid()).isTrue();
        assertThat(validation.invalidReason()).isEmpty();
        Nik nik = validation.validNik().orElseThrow();
        assertThat(nik.digits()).isEqualTo(MAN_BORN_15_MAY_90);
        assertThat(nik.sex()).isEqualTo(Sex.MALE);
        assertThat(nik.birthDay()).isEqualTo(MonthDay.of(5, 15));
    }

    @Test
    void aWomansBirthDayCarriesForty() {
        Nik nik = NikValidator.validate(WOMAN_BORN_15_MAY_90).validNik().orElseThrow();

        assertThat(nik.sex()).isEqualTo(Sex.FEMALE);
        assertThat(nik.birthDay()).isEqualTo(MonthDay.of(5, 15));
    }

    @ParameterizedTest
    @CsvSource({"01, MALE, 1", "31, MALE, 31", "41, FEMALE, 1", "71, FEMALE, 31"})
    void theBirthDayRangeForMenAndWomen(String encodedDay, Sex sex, int day) {
        Nik nik = NikValidator.validate("317101" + encodedDay + "01900001")
                .validNik()
                .orElseThrow();

        assertThat(nik.sex()).isEqualTo(sex);
        assertThat(nik.birthDay()).isEqualTo(MonthDay.of(1, day));
    }

    @Test
    void surroundingWhitespaceIsTrimmed() {
        assertThat(NikValidator.validate(" " + MAN_BORN_15_MAY_90 + "\t").isValid())
                .isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "317101150590001", "31710115059000011", "3171 0115 0590 0001"})
    void theWrongLengthIsLength(String nik) {
        assertThat(NikValidator.validate(nik).reason()).isEqualTo(Reason.LENGTH);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "31710115059O0001", // letter O for zero
                "3171-01150590001",
                "3.17101150590E15",
                "３171011505900001", // fullwidth three
                "٣171011505900001" // Arabic-Indic three
            })
    void anythingButAsciiDigitsIsNonDigit(String nik) {
        assertThat(NikValidator.validate(nik).reason()).isEqualTo(Reason.NON_DIGIT);
    }

    static IntStream provinces() {
        return NikValidator.PROVINCES.stream().mapToInt(Integer::intValue);
    }

    @ParameterizedTest
    @MethodSource("provinces")
    void everyListedProvinceIsValid(int province) {
        assertThat(NikValidator.validate(province + MAN_BORN_15_MAY_90.substring(2))
                        .isValid())
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"00", "10", "20", "22", "30", "37", "50", "54", "60", "66", "70", "77", "80", "83", "90", "98"})
    void aCodeOutsideTheListIsProvince(String province) {
        assertThat(NikValidator.validate(province + MAN_BORN_15_MAY_90.substring(2))
                        .reason())
                .isEqualTo(Reason.PROVINCE);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "000190", // day 0
                "320190", // day 32
                "400190", // neither a man's day nor a woman's
                "720190", // a woman's day 32
                "151390", // month 13
                "150090", // month 0
                "310490", // 31 April
                "710490", // a woman born 31 April
                "300290", // 30 February
                "290201", // 29 February 1901 / 2001
                "290299" // 29 February 1999 / 2099
            })
    void aDateThatDoesNotExistIsDate(String ddmmyy) {
        assertThat(NikValidator.validate("317101" + ddmmyy + "0001").reason()).isEqualTo(Reason.DATE);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "290296", // 1996 is a leap year
                "690296", // a woman born 29 February 1996
                "290204", // 1904 and 2004 are leap years
                "290200" // 1900 is not a leap year, but 2000 is
            })
    void the29thOfFebruaryNeedsALeapYearInOneCentury(String ddmmyy) {
        Nik nik = NikValidator.validate("317101" + ddmmyy + "0001").validNik().orElseThrow();

        assertThat(nik.birthDay()).isEqualTo(MonthDay.of(2, 29));
    }

    @Test
    void serialZeroIsSerial() {
        assertThat(NikValidator.validate("3171011505900000").reason()).isEqualTo(Reason.SERIAL);
    }

    @Test
    void theFirstFailingRuleIsReported() {
        // Province 99, day 32 and serial 0000 are all wrong: the province is checked first.
        assertThat(NikValidator.validate("9971013205900000").reason()).isEqualTo(Reason.PROVINCE);
        assertThat(NikValidator.validate("3171013205900000").reason()).isEqualTo(Reason.DATE);
    }

    static Stream<String> niks() {
        return Stream.of(MAN_BORN_15_MAY_90, WOMAN_BORN_15_MAY_90, "3171013205900001", "9971011505900001");
    }

    @ParameterizedTest
    @MethodSource("niks")
    void noToStringShowsTheNik(String digits) {
        NikValidation validation = NikValidator.validate(digits);

        assertThat(validation.toString()).doesNotContain(digits).doesNotContain(digits.substring(6, 12));
        validation
                .validNik()
                .ifPresent(nik ->
                        assertThat(nik.toString()).doesNotContain(digits).doesNotContain(digits.substring(6, 12)));
    }

    @Test
    void niksCompareByDigits() {
        assertThat(NikValidator.validate(MAN_BORN_15_MAY_90).nik())
                .isEqualTo(NikValidator.validate(" " + MAN_BORN_15_MAY_90).nik())
                .isNotEqualTo(NikValidator.validate(WOMAN_BORN_15_MAY_90).nik());
    }
}
