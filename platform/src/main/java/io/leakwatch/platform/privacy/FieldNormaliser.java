package io.leakwatch.platform.privacy;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Brings a field to the one form in which "the same value" is "the same string", before it is tokenised: DESIGN.md
 * "Verification result", {@code fullyAgreeingRows}. Intake (sample) and matching (registry) must normalise alike, or
 * equal values get different tokens and a real leak reads as fabricated.
 *
 * <p>Every method returns {@link Optional#empty()} for a value that is absent, blank, or that cannot be read as its
 * field (an impossible date, a card number of the wrong length): such a field does not take part in the comparison.
 * Every method is idempotent: normalising a normalised value gives it back unchanged.
 */
public final class FieldNormaliser {

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    /**
     * What is neither a letter, a decimal digit nor white space: punctuation, symbols, invisible format characters.
     * With UNICODE_CHARACTER_CLASS, {@code \s} is every Unicode white space, not just ASCII.
     */
    private static final Pattern NOT_LETTER_DIGIT_OR_SPACE =
            Pattern.compile("[^\\p{L}\\p{Nd}\\s]+", Pattern.UNICODE_CHARACTER_CLASS);

    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern NOT_ASCII_DIGIT = Pattern.compile("[^0-9]+");

    private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})");
    private static final Pattern DAY_FIRST_DATE = Pattern.compile("(\\d{1,2})([-/])(\\d{1,2})\\2(\\d{4})");
    /** What may follow a date in a timestamp column ({@code TSUPDATE}, Excel exports): a time, which is dropped. */
    private static final Pattern TIME_SUFFIX = Pattern.compile("(?:[T ]\\d{1,2}:\\d{2}.*)?");

    /**
     * What {@link #text} makes of each ASCII character, worked out once by the regular expressions above so that the
     * fast path cannot drift from them: the lower-case letter or digit it keeps, {@link #WHITE} for white space, or
     * {@link #DROPPED}. Note: ASCII is the whole of nearly every registry cell, is its own NFKD form and has no
     * combining marks, so it needs neither the {@link Normalizer} nor a regular expression.
     */
    private static final char[] ASCII_TEXT = asciiTextTable();

    private static final char WHITE = ' ';
    private static final char DROPPED = 0;
    private static final int ASCII = 128;

    private static final int CARD_NO_DIGITS = 13;
    /** E.164 allows at most 15 digits; fewer than 8 (country code included) is no phone number anywhere. */
    private static final int PHONE_MIN_DIGITS = 8;

    private static final int PHONE_MAX_DIGITS = 15;
    private static final String INDONESIA = "62";

    /**
     * Note: the spellings found in Indonesian registries and dumps. {@code 1}/{@code 2} is the Dukcapil and ISO 5218
     * coding (1 = laki-laki, 2 = perempuan). The keys are in {@link #text}'s form with the spaces removed, so
     * "Laki-laki", "LAKI LAKI" and "laki2" all meet "lakilaki" or "laki2".
     */
    private static final Map<String, Sex> SEX_SPELLINGS = Map.ofEntries(
            Map.entry("m", Sex.MALE),
            Map.entry("male", Sex.MALE),
            Map.entry("l", Sex.MALE),
            Map.entry("lk", Sex.MALE),
            Map.entry("laki", Sex.MALE),
            Map.entry("lakilaki", Sex.MALE),
            Map.entry("laki2", Sex.MALE),
            Map.entry("pria", Sex.MALE),
            Map.entry("1", Sex.MALE),
            Map.entry("f", Sex.FEMALE),
            Map.entry("female", Sex.FEMALE),
            Map.entry("p", Sex.FEMALE),
            Map.entry("pr", Sex.FEMALE),
            Map.entry("perempuan", Sex.FEMALE),
            Map.entry("wanita", Sex.FEMALE),
            Map.entry("2", Sex.FEMALE));

    private FieldNormaliser() {}

    /**
     * Normalises {@code raw} by the rule of {@code field}. {@link CanonicalField#NIK} is only trimmed: a NIK is
     * validated, never repaired (see {@link NikValidator}).
     */
    public static Optional<String> normalise(CanonicalField field, String raw) {
        return switch (field) {
            case NIK -> nonBlank(raw).map(String::strip);
            case FULL_NAME, REGENCY_CODE -> text(raw);
            case CARD_NO -> cardNo(raw);
            case PHONE -> phone(raw);
            case BIRTH_DATE, UPDATED_AT -> isoDate(raw);
            case SEX -> sex(raw);
        };
    }

    /**
     * Free text (names, regency codes): compatibility decomposition (NFKD), diacritics dropped, lower case in
     * {@link Locale#ROOT}, punctuation and symbols removed, white space collapsed to single spaces and trimmed.
     *
     * <p>Note: punctuation is removed, not turned into a space, so "Nur'aini" meets "Nuraini" and "31.71" meets "3171";
     * "Abdul-Rahman" and "Abdul Rahman" stay apart as text but still meet through the name's Bloom filter.
     */
    public static Optional<String> text(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String folded = asciiText(raw);
        return folded == null ? unicodeText(raw) : nonEmpty(folded);
    }

    /** {@link #text} with the regular expressions, for text that is not all ASCII. */
    private static Optional<String> unicodeText(String raw) {
        // Decomposed before lower-casing: NFKD turns some characters into capitals (ℌ -> H, Ⓐ -> A).
        String folded = Normalizer.normalize(raw, Normalizer.Form.NFKD).toLowerCase(Locale.ROOT);
        folded = COMBINING_MARKS.matcher(folded).replaceAll("");
        folded = NOT_LETTER_DIGIT_OR_SPACE.matcher(folded).replaceAll("");
        folded = WHITE_SPACE.matcher(folded).replaceAll(" ").strip();
        return nonEmpty(folded);
    }

    /**
     * {@link #text} of all-ASCII text in one pass: dropped characters vanish, a run of white space becomes one space
     * between two kept characters and nothing at either end (the regular expressions' replace, collapse and strip).
     *
     * @return {@code null} when {@code raw} holds a character outside ASCII
     */
    private static String asciiText(String raw) {
        char[] folded = new char[raw.length()];
        int length = 0;
        boolean spaceBefore = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= ASCII) {
                return null;
            }
            char kept = ASCII_TEXT[c];
            if (kept == WHITE) {
                spaceBefore = true;
            } else if (kept != DROPPED) {
                if (spaceBefore && length > 0) {
                    folded[length++] = WHITE;
                }
                spaceBefore = false;
                folded[length++] = kept;
            }
        }
        return new String(folded, 0, length);
    }

    private static char[] asciiTextTable() {
        char[] table = new char[ASCII];
        for (char c = 0; c < ASCII; c++) {
            String lower = String.valueOf(c).toLowerCase(Locale.ROOT);
            if (WHITE_SPACE.matcher(lower).matches()) {
                table[c] = WHITE;
            } else if (COMBINING_MARKS.matcher(lower).matches()
                    || NOT_LETTER_DIGIT_OR_SPACE.matcher(lower).matches()) {
                table[c] = DROPPED;
            } else {
                table[c] = lower.charAt(0);
            }
        }
        return table;
    }

    /**
     * A phone number as the digits of its E.164 form, without the {@code +}: {@code 0812-3456-7890},
     * {@code +62 812 3456 7890} and {@code 6281234567890} all become {@code 6281234567890}.
     *
     * <p>Note: the registry is Indonesian, so Indonesia is assumed wherever the digits leave room for it. Only the
     * digits are read (a {@code +} says nothing more than the digits do). A leading {@code 00} (international prefix)
     * is dropped; then a leading {@code 0} (trunk prefix) becomes {@code 62}; a leading {@code 8} is an Indonesian
     * mobile number written without its trunk prefix (they are all 08xx), so {@code 62} goes in front; a {@code 0}
     * right after {@code 62} ("+62 (0)812...") is dropped. Other digits are kept, taken to start with their own
     * country code. The price of reading digits alone: a foreign number whose country code starts with 8 (+81, +86,
     * ...) is read as Indonesian; it is consistent on both sides, keeps the rule idempotent, and such numbers are rare
     * in an Indonesian registry. Fewer than 8 or more than 15 digits (E.164's maximum) is not a phone number: absent.
     */
    public static Optional<String> phone(String raw) {
        String digits = digitsOf(raw);
        if (digits.startsWith("00")) {
            digits = digits.substring(2);
        }
        if (digits.startsWith("0")) {
            digits = INDONESIA + digits.substring(1);
        } else if (digits.startsWith("8")) {
            digits = INDONESIA + digits;
        }
        while (digits.startsWith(INDONESIA + "0")) {
            digits = INDONESIA + digits.substring(3);
        }
        if (digits.length() < PHONE_MIN_DIGITS || digits.length() > PHONE_MAX_DIGITS) {
            return Optional.empty();
        }
        return Optional.of(digits);
    }

    /**
     * A date in {@code YYYY-MM-DD}, {@code DD-MM-YYYY} or {@code DD/MM/YYYY} (day and month may have one digit), as a
     * real calendar date. A time after the date ({@code 2021-05-12 10:15:00}, {@code 2021-05-12T10:15:00Z}) is
     * ignored: timestamp columns such as {@code TSUPDATE} map to {@code updated_at}. Any other form, or a date that
     * does not exist, is absent.
     */
    public static Optional<LocalDate> date(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String value = raw.strip();
        // The two forms of nearly every cell, read without the regular expressions.
        if (isTenDigitsDate(value, 4, 7)) {
            return date(value.substring(0, 4), value.substring(5, 7), value.substring(8, 10));
        }
        if (isTenDigitsDate(value, 2, 5)) {
            return date(value.substring(6, 10), value.substring(3, 5), value.substring(0, 2));
        }
        Matcher iso = ISO_DATE.matcher(value);
        if (iso.lookingAt() && TIME_SUFFIX.matcher(value.substring(iso.end())).matches()) {
            return date(iso.group(1), iso.group(2), iso.group(3));
        }
        Matcher dayFirst = DAY_FIRST_DATE.matcher(value);
        if (dayFirst.lookingAt()
                && TIME_SUFFIX.matcher(value.substring(dayFirst.end())).matches()) {
            return date(dayFirst.group(4), dayFirst.group(3), dayFirst.group(1));
        }
        return Optional.empty();
    }

    /**
     * {@link #date(String)} as ISO {@code YYYY-MM-DD}, the form that is tokenised. Note: a valid date written in one of
     * the two forms of nearly every cell is rearranged as text instead of formatting the {@link LocalDate}: every
     * sample row has a date or two, and formatting them showed in the profile of tokenising.
     */
    public static Optional<String> isoDate(String raw) {
        Optional<LocalDate> date = date(raw);
        if (date.isEmpty()) {
            return Optional.empty();
        }
        String value = raw.strip();
        if (isTenDigitsDate(value, 4, 7)) {
            return Optional.of(value);
        }
        if (isTenDigitsDate(value, 2, 5)) {
            return Optional.of(yearFirst(value));
        }
        return date.map(LocalDate::toString);
    }

    /** {@code DD-MM-YYYY} or {@code DD/MM/YYYY} as {@code YYYY-MM-DD}. */
    private static String yearFirst(String dayFirst) {
        char[] iso = new char[10];
        dayFirst.getChars(6, 10, iso, 0);
        iso[4] = '-';
        dayFirst.getChars(3, 5, iso, 5);
        iso[7] = '-';
        dayFirst.getChars(0, 2, iso, 8);
        return new String(iso);
    }

    /**
     * {@code M} from M, MALE, L, LK, LAKI, LAKI-LAKI, LAKI2, PRIA or 1; {@code F} from F, FEMALE, P, PR, PEREMPUAN,
     * WANITA or 2; in any case, spacing or punctuation. Anything else is absent.
     */
    public static Optional<String> sex(String raw) {
        return text(raw).map(t -> t.replace(" ", "")).map(SEX_SPELLINGS::get).map(Sex::code);
    }

    /**
     * A BPJS card number ("noka"): its separators (spaces, dots, dashes) removed, then exactly 13 ASCII digits, or
     * absent. Note: a letter makes it absent rather than being dropped, so "X123..." is never read as a card number.
     */
    public static Optional<String> cardNo(String raw) {
        return text(raw)
                .map(t -> t.replace(" ", ""))
                .filter(t -> t.length() == CARD_NO_DIGITS && t.equals(asciiDigits(t)));
    }

    /**
     * Exactly ten characters, ASCII digits but for one separator at {@code first} and the same one at {@code second}:
     * {@code dddd-dd-dd} ({@code ISO_DATE}, separator '-') or {@code dd-dd-dddd} and {@code dd/dd/dddd}
     * ({@code DAY_FIRST_DATE}), with nothing after it; what those expressions match at their full width.
     */
    private static boolean isTenDigitsDate(String value, int first, int second) {
        if (value.length() != 10) {
            return false;
        }
        char separator = value.charAt(first);
        boolean allowed = separator == '-' || (separator == '/' && first == 2); // ISO has dashes only
        if (!allowed || value.charAt(second) != separator) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (i != first && i != second && !isAsciiDigit(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The ASCII digits of all-ASCII text, in one pass; {@code null} when it holds a character outside ASCII. */
    private static String asciiDigits(String raw) {
        char[] digits = new char[raw.length()];
        int length = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= ASCII) {
                return null;
            }
            if (isAsciiDigit(c)) {
                digits[length++] = c;
            }
        }
        return new String(digits, 0, length);
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static Optional<LocalDate> date(String year, String month, String day) {
        try {
            return Optional.of(LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day)));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The ASCII digits of {@code raw} after NFKD, so fullwidth and other compatibility digits count too. Note: NFKD
     * leaves ASCII as it is, so all-ASCII text skips the {@link Normalizer} and the regular expression.
     */
    static String digitsOf(String raw) {
        if (raw == null) {
            return "";
        }
        String ascii = asciiDigits(raw);
        if (ascii != null) {
            return ascii;
        }
        return NOT_ASCII_DIGIT
                .matcher(Normalizer.normalize(raw, Normalizer.Form.NFKD))
                .replaceAll("");
    }

    private static Optional<String> nonEmpty(String value) {
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private static Optional<String> nonBlank(String raw) {
        return raw == null || raw.isBlank() ? Optional.empty() : Optional.of(raw);
    }
}
