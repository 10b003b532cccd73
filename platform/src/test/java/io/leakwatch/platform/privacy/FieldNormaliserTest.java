package io.leakwatch.platform.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class FieldNormaliserTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "  Siti   NURHALIZA |siti nurhaliza",
                "Séverine Ñúñez|severine nunez",
                "Nur'aini|nuraini",
                "Muh. Ali, S.H.|muh ali sh",
                "ＳＩＴＩ　Ａｍｉｎａｈ|siti aminah", // fullwidth letters and ideographic space
                "İbrahim|ibrahim",
                "31.71|3171",
                "Dewi—Lestari (Bu)|dewilestari bu"
            })
    void textFoldsCaseSpacingPunctuationAndDiacritics(String raw, String normalised) {
        assertThat(FieldNormaliser.text(raw)).contains(normalised);
    }

    @Test
    void everyKindOfWhiteSpaceBecomesOneSpace() {
        assertThat(FieldNormaliser.text("Ni\u00a0Luh\tPutu\n Ayu\u2003 Made\r\n"))
                .contains("ni luh putu ayu made");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t\n", "...", "-", "\u200b"})
    void textWithNothingLeftIsAbsent(String raw) {
        assertThat(FieldNormaliser.text(raw)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0812-3456-7890",
                "+62 812 3456 7890",
                "6281234567890",
                "62 812-3456-7890",
                "812 3456 7890",
                "+62 (0)812 3456 7890",
                "0062 812 3456 7890",
                "(0812) 3456.7890",
                "０８１２３４５６７８９０" // fullwidth digits
            })
    void indonesianMobileNumbersBecomeE164Digits(String raw) {
        assertThat(FieldNormaliser.phone(raw)).contains("6281234567890");
    }

    @Test
    void aLandlineWithItsAreaCodeGetsTheCountryCode() {
        assertThat(FieldNormaliser.phone("(021) 5790-1234")).contains("622157901234");
    }

    @Test
    void aForeignNumberKeepsItsCountryCode() {
        assertThat(FieldNormaliser.phone("+1 202 555 0100")).contains("12025550100");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"-", "0812", "6281234", "+62 812 3456 7890 1234 5", "n/a"})
    void tooFewOrTooManyDigitsIsNoPhoneNumber(String raw) {
        assertThat(FieldNormaliser.phone(raw)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1990-05-07",
                "1990-5-7",
                "07-05-1990",
                "07/05/1990",
                "7/5/1990",
                " 07/05/1990 ",
                "1990-05-07 10:15:00",
                "1990-05-07T10:15:00Z",
                "07/05/1990 10:15"
            })
    void datesInTheThreeFormsBecomeIso(String raw) {
        assertThat(FieldNormaliser.date(raw)).contains(LocalDate.of(1990, 5, 7));
        assertThat(FieldNormaliser.isoDate(raw)).contains("1990-05-07");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "1990-02-30",
                "29/02/1900",
                "31-04-1990",
                "07.05.1990",
                "1990/05/07",
                "07-05/1990",
                "05/07/90",
                "19900507",
                "1990-05-07 garbage",
                "unknown"
            })
    void anythingElseIsNoDate(String raw) {
        assertThat(FieldNormaliser.date(raw)).isEmpty();
    }

    @Test
    void the29thOfFebruaryOfALeapYearIsADate() {
        assertThat(FieldNormaliser.isoDate("29/02/2000")).contains("2000-02-29");
    }

    @ParameterizedTest
    @ValueSource(strings = {"M", "m", "L", "Lk", "MALE", "Male", "LAKI-LAKI", "Laki laki", "laki2", "Pria", "1", " l "})
    void spellingsOfMale(String raw) {
        assertThat(FieldNormaliser.sex(raw)).contains("M");
    }

    @ParameterizedTest
    @ValueSource(strings = {"F", "f", "P", "Pr", "FEMALE", "Female", "PEREMPUAN", "Perempuan", "Wanita", "2"})
    void spellingsOfFemale(String raw) {
        assertThat(FieldNormaliser.sex(raw)).contains("F");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"X", "0", "3", "L/P", "unknown", "-"})
    void anyOtherSexIsAbsent(String raw) {
        assertThat(FieldNormaliser.sex(raw)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"0001234567890", " 0001234567890 ", "0001-2345-67890", "0001 2345 67890", "0001.234.567.890"})
    void aCardNumberIsThirteenDigits(String raw) {
        assertThat(FieldNormaliser.cardNo(raw)).contains("0001234567890");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"000123456789", "00012345678901", "X001234567890", "1.23456789012E+12"})
    void anyOtherCardNumberIsAbsent(String raw) {
        assertThat(FieldNormaliser.cardNo(raw)).isEmpty();
    }

    @Test
    void normaliseAppliesEachFieldsRule() {
        assertThat(FieldNormaliser.normalise(CanonicalField.NIK, " 3171011505900001 "))
                .contains("3171011505900001");
        assertThat(FieldNormaliser.normalise(CanonicalField.NIK, " ")).isEmpty();
        assertThat(FieldNormaliser.normalise(CanonicalField.CARD_NO, "0001-2345-67890"))
                .contains("0001234567890");
        assertThat(FieldNormaliser.normalise(CanonicalField.FULL_NAME, "SITI  Nurhaliza"))
                .contains("siti nurhaliza");
        assertThat(FieldNormaliser.normalise(CanonicalField.BIRTH_DATE, "07/05/1990"))
                .contains("1990-05-07");
        assertThat(FieldNormaliser.normalise(CanonicalField.SEX, "Perempuan")).contains("F");
        assertThat(FieldNormaliser.normalise(CanonicalField.PHONE, "0812-3456-7890"))
                .contains("6281234567890");
        assertThat(FieldNormaliser.normalise(CanonicalField.REGENCY_CODE, "31.71"))
                .contains("3171");
        assertThat(FieldNormaliser.normalise(CanonicalField.UPDATED_AT, "2021-05-12 10:15:00"))
                .contains("2021-05-12");
    }
}
