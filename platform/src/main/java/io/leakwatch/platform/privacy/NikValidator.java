package io.leakwatch.platform.privacy;

import io.leakwatch.platform.privacy.NikValidation.Reason;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Set;

/**
 * Checks a NIK (Nomor Induk Kependudukan) against its structure, DESIGN.md "Identifiers": province (2) + regency/city
 * (2) + district (2) + birth date DDMMYY, day + 40 for women (6) + serial from 0001 (4).
 *
 * <p>A structurally valid NIK is not proof that it was ever issued; it only separates made-up or mangled rows
 * ({@code invalidRows}) from rows worth looking up in the registry.
 */
public final class NikValidator {

    /** The province codes DESIGN.md accepts: 11-19, 21, 31-36, 51-53, 61-65, 71-76, 81-82, 91-97. */
    static final Set<Integer> PROVINCES = Set.of(
            11, 12, 13, 14, 15, 16, 17, 18, 19, //
            21, //
            31, 32, 33, 34, 35, 36, //
            51, 52, 53, //
            61, 62, 63, 64, 65, //
            71, 72, 73, 74, 75, 76, //
            81, 82, //
            91, 92, 93, 94, 95, 96, 97);

    private static final int LENGTH = 16;
    private static final int FEMALE_DAY_OFFSET = 40;

    private NikValidator() {}

    /**
     * Validates one NIK as it came from a file.
     *
     * <p>Note: surrounding whitespace is trimmed (CSV exports pad cells), but nothing inside is repaired: a NIK with
     * separators or in Excel's scientific notation is invalid, because guessing the digits could match the wrong
     * person.
     *
     * @param raw the cell's text; {@code null} or blank is invalid with {@link Reason#LENGTH}
     */
    public static NikValidation validate(String raw) {
        String nik = raw == null ? "" : raw.strip();
        if (nik.length() != LENGTH) {
            return NikValidation.invalid(Reason.LENGTH);
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = nik.charAt(i);
            // Not Character.isDigit: that accepts Arabic-Indic, fullwidth and other digits.
            if (c < '0' || c > '9') {
                return NikValidation.invalid(Reason.NON_DIGIT);
            }
        }
        if (!PROVINCES.contains(number(nik, 0, 2))) {
            return NikValidation.invalid(Reason.PROVINCE);
        }
        int encodedDay = number(nik, 6, 8);
        Sex sex = encodedDay > FEMALE_DAY_OFFSET ? Sex.FEMALE : Sex.MALE;
        int day = sex == Sex.FEMALE ? encodedDay - FEMALE_DAY_OFFSET : encodedDay;
        int month = number(nik, 8, 10);
        int yearOfCentury = number(nik, 10, 12);
        if (!existsInEitherCentury(yearOfCentury, month, day)) {
            return NikValidation.invalid(Reason.DATE);
        }
        if (number(nik, 12, 16) == 0) {
            return NikValidation.invalid(Reason.SERIAL);
        }
        return NikValidation.valid(new Nik(nik, sex, MonthDay.of(month, day)));
    }

    /**
     * Note: the NIK holds two digits of the year, so a date counts as real if it exists in 19YY or in 20YY; only
     * 29 February depends on the century (it exists in 2000 but not 1900, so "290200" passes through 2000). No clock is
     * read: a birth date in the future is not rejected, so the same file always validates the same way.
     */
    private static boolean existsInEitherCentury(int yearOfCentury, int month, int day) {
        return exists(1900 + yearOfCentury, month, day) || exists(2000 + yearOfCentury, month, day);
    }

    private static boolean exists(int year, int month, int day) {
        try {
            LocalDate.of(year, month, day);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static int number(String digits, int from, int to) {
        return Integer.parseInt(digits, from, to, 10);
    }
}
