package io.leakwatch.platform.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.platform.privacy.NikValidation.Reason;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of the NIK validator over seeded random inputs (case i draws from {@code new Random(i)}; docs/decisions.md,
 * "Property tests without jqwik"): a NIK built from valid parts is valid and tells its sex and birthday back; any
 * 16-digit string is judged as an independent reading of DESIGN.md's rules judges it; any text at all is answered, never
 * a failure; and one changed character of a valid NIK is caught for the right reason.
 */
class NikValidatorPropertiesTest {

    private static final List<Integer> PROVINCES =
            NikValidator.PROVINCES.stream().sorted().toList();

    static IntStream seeds() {
        return IntStream.range(0, 500);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void aNikBuiltFromValidPartsIsValidAndTellsItsSexAndBirthday(int seed) {
        Random random = new Random(seed);
        boolean female = random.nextBoolean();
        LocalDate birth = LocalDate.of(1900, 1, 1).plusDays(random.nextInt(200 * 365));
        String nik = valid(random, birth, female);

        Nik read = NikValidator.validate(nik).validNik().orElseThrow(() -> new AssertionError(nik + " is valid"));

        assertThat(read.sex()).isEqualTo(female ? Sex.FEMALE : Sex.MALE);
        assertThat(read.birthDay()).isEqualTo(MonthDay.from(birth));
        assertThat(read.digits()).isEqualTo(nik);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void anySixteenDigitsAreJudgedByTheRulesInTheirOrder(int seed) {
        Random random = new Random(seed);
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            digits.append((char) ('0' + random.nextInt(10)));
        }
        // Half the cases keep a real province and a plausible date, so that the later rules are reached too.
        if (random.nextBoolean()) {
            digits.replace(0, 2, String.format("%02d", PROVINCES.get(random.nextInt(PROVINCES.size()))));
            digits.replace(6, 8, String.format("%02d", 1 + random.nextInt(31) + (random.nextBoolean() ? 40 : 0)));
            digits.replace(8, 10, String.format("%02d", 1 + random.nextInt(12)));
        }
        if (random.nextInt(10) == 0) {
            digits.replace(12, 16, "0000");
        }
        String nik = digits.toString();

        assertThat(NikValidator.validate(nik).invalidReason()).as(nik).isEqualTo(Optional.ofNullable(oracle(nik)));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void anyTextIsAnsweredAndOnlySixteenAsciiDigitsCanBeValid(int seed) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(24);
        for (int i = 0; i < length; i++) {
            text.appendCodePoint(random.nextInt(4) == 0 ? random.nextInt(0x2FFFF) : '0' + random.nextInt(10));
        }
        String raw = text.toString();

        NikValidation validation = NikValidator.validate(raw);

        assertThat(validation.isValid() || validation.invalidReason().isPresent())
                .isTrue();
        if (validation.isValid()) {
            assertThat(raw.strip()).matches("[0-9]{16}");
        }
        if (raw.strip().length() >= 6) {
            assertThat(validation.toString()).doesNotContain(raw.strip());
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void oneChangedCharacterOfAValidNikIsCaughtForTheRightReason(int seed) {
        Random random = new Random(seed);
        String nik = valid(random, LocalDate.of(1960, 1, 1).plusDays(random.nextInt(20_000)), random.nextBoolean());
        int at = random.nextInt(16);
        switch (random.nextInt(4)) {
            case 0 ->
                assertThat(NikValidator.validate(nik.substring(0, at) + nik.substring(at + 1))
                                .reason())
                        .isEqualTo(Reason.LENGTH);
            case 1 ->
                assertThat(NikValidator.validate(nik.substring(0, at) + "7" + nik.substring(at))
                                .reason())
                        .isEqualTo(Reason.LENGTH);
            case 2 -> {
                char other = "xO-. \u0661\uff11".charAt(random.nextInt(7));
                String changed = nik.substring(0, at) + other + nik.substring(at + 1);
                // A space at either end is trimmed away, leaving 15 characters.
                Reason expected = other == ' ' && (at == 0 || at == 15) ? Reason.LENGTH : Reason.NON_DIGIT;
                assertThat(NikValidator.validate(changed).reason()).isEqualTo(expected);
            }
            default -> {
                String changed = nik.substring(0, at) + (char) ('0' + random.nextInt(10)) + nik.substring(at + 1);
                assertThat(NikValidator.validate(changed).invalidReason())
                        .isEqualTo(Optional.ofNullable(oracle(changed)));
            }
        }
    }

    private static String valid(Random random, LocalDate birth, boolean female) {
        return String.format(
                "%02d%02d%02d%02d%02d%02d%04d",
                PROVINCES.get(random.nextInt(PROVINCES.size())),
                random.nextInt(100),
                random.nextInt(100),
                birth.getDayOfMonth() + (female ? 40 : 0),
                birth.getMonthValue(),
                birth.getYear() % 100,
                1 + random.nextInt(9999));
    }

    /** DESIGN.md's rules read again, independently: the first one a 16-digit string breaks, or null. */
    private static Reason oracle(String digits) {
        int province = Integer.parseInt(digits.substring(0, 2));
        boolean provinceListed = (province >= 11 && province <= 19)
                || province == 21
                || (province >= 31 && province <= 36)
                || (province >= 51 && province <= 53)
                || (province >= 61 && province <= 65)
                || (province >= 71 && province <= 76)
                || province == 81
                || province == 82
                || (province >= 91 && province <= 97);
        if (!provinceListed) {
            return Reason.PROVINCE;
        }
        int day = Integer.parseInt(digits.substring(6, 8));
        int month = Integer.parseInt(digits.substring(8, 10));
        int year = Integer.parseInt(digits.substring(10, 12));
        if (day > 40) {
            day -= 40;
        }
        if (!exists(1900 + year, month, day) && !exists(2000 + year, month, day)) {
            return Reason.DATE;
        }
        return digits.endsWith("0000") ? Reason.SERIAL : null;
    }

    private static boolean exists(int year, int month, int day) {
        if (month < 1 || month > 12 || day < 1) {
            return false;
        }
        return day <= java.time.YearMonth.of(year, month).lengthOfMonth();
    }
}
