package io.leakwatch.platform.privacy;

import java.nio.ByteBuffer;
import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.BitSet;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The straightforward implementations that {@link NameBloomEncoder} and {@link FieldNormaliser} had before they were
 * made fast (one HMAC per bigram into a {@link BitSet}; regular expressions), kept as the reference the fast ones must
 * equal bit for bit: a single differing bit would make equal names disagree between intake and matching.
 */
final class ReferenceEncodings {

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_LETTER_DIGIT_OR_SPACE =
            Pattern.compile("[^\\p{L}\\p{Nd}\\s]+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern NOT_ASCII_DIGIT = Pattern.compile("[^0-9]+");
    private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})");
    private static final Pattern DAY_FIRST_DATE = Pattern.compile("(\\d{1,2})([-/])(\\d{1,2})\\2(\\d{4})");
    private static final Pattern TIME_SUFFIX = Pattern.compile("(?:[T ]\\d{1,2}:\\d{2}.*)?");

    private ReferenceEncodings() {}

    static BloomFilter bloom(Tokeniser tokeniser, String normalisedName, int bits, int hashes) {
        BitSet filter = new BitSet(bits);
        for (String bigram : NameBloomEncoder.bigrams(normalisedName)) {
            ByteBuffer hash = ByteBuffer.wrap(tokeniser.bloomHash(CanonicalField.FULL_NAME, bigram));
            long h1 = hash.getLong();
            long h2 = hash.getLong();
            if (Math.floorMod(h2, bits) == 0) {
                h2 = 1;
            }
            for (int i = 0; i < hashes; i++) {
                filter.set(Math.floorMod(h1 + i * h2, bits));
            }
        }
        return new BloomFilter(bits, filter);
    }

    static Optional<String> text(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String folded = Normalizer.normalize(raw, Normalizer.Form.NFKD).toLowerCase(Locale.ROOT);
        folded = COMBINING_MARKS.matcher(folded).replaceAll("");
        folded = NOT_LETTER_DIGIT_OR_SPACE.matcher(folded).replaceAll("");
        folded = WHITE_SPACE.matcher(folded).replaceAll(" ").strip();
        return folded.isEmpty() ? Optional.empty() : Optional.of(folded);
    }

    static Optional<String> cardNo(String raw) {
        return text(raw).map(t -> t.replace(" ", "")).filter(t -> t.length() == 13 && t.matches("[0-9]+"));
    }

    static String digitsOf(String raw) {
        if (raw == null) {
            return "";
        }
        return NOT_ASCII_DIGIT
                .matcher(Normalizer.normalize(raw, Normalizer.Form.NFKD))
                .replaceAll("");
    }

    static Optional<LocalDate> date(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String value = raw.strip();
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

    private static Optional<LocalDate> date(String year, String month, String day) {
        try {
            return Optional.of(LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day)));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
