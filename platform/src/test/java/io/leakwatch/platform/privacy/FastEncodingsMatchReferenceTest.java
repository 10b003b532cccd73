package io.leakwatch.platform.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The fast paths of {@link NameBloomEncoder} (a cached bit mask per bigram) and {@link FieldNormaliser} (ASCII without
 * regular expressions) give exactly what {@link ReferenceEncodings} gives, for many random inputs: tokens and filters
 * made before and after the change, or by intake and matching on different versions, stay comparable.
 */
class FastEncodingsMatchReferenceTest {

    private static final int CASES = 10_000;
    private static final Tokeniser TOKENISER = new Tokeniser(TokeniserTest.KEY);

    @Test
    void theBloomFilterOfANameIsTheReferencesBitForBit() {
        NameBloomEncoder encoder = new NameBloomEncoder(TOKENISER);
        Random random = new Random(8);
        for (int i = 0; i < CASES; i++) {
            String name = randomName(random);
            assertThat(encoder.encode(name).toBytes())
                    .as("filter of case %d", i)
                    .isEqualTo(
                            ReferenceEncodings.bloom(TOKENISER, name, 1000, 20).toBytes());
        }
    }

    @Test
    void otherParametersGiveTheReferencesFilterToo() {
        Random random = new Random(9);
        // 64 and 1024 bits fill whole words; 3 bits makes h2 mod m == 0 frequent (its special case).
        for (int[] mk : new int[][] {{64, 5}, {1024, 7}, {3, 2}, {1001, 1}}) {
            NameBloomEncoder encoder = new NameBloomEncoder(TOKENISER, mk[0], mk[1]);
            for (int i = 0; i < CASES / 10; i++) {
                String name = randomName(random);
                assertThat(encoder.encode(name))
                        .as("m=%d k=%d case %d", mk[0], mk[1], i)
                        .isEqualTo(ReferenceEncodings.bloom(TOKENISER, name, mk[0], mk[1]));
            }
        }
    }

    @Test
    void textIsTheReferencesForAnyInput() {
        assertSameAsReference(FieldNormaliser::text, ReferenceEncodings::text, 10);
    }

    @Test
    void datesAreTheReferencesForAnyInput() {
        assertSameAsReference(FieldNormaliser::date, ReferenceEncodings::date, 11);
    }

    /** The tokenised form of a date: rearranged as text on the fast path, the reference formats the parsed date. */
    @Test
    void isoDatesAreTheReferencesForAnyInput() {
        assertSameAsReference(
                FieldNormaliser::isoDate, raw -> ReferenceEncodings.date(raw).map(LocalDate::toString), 14);
    }

    @Test
    void cardNumbersAreTheReferencesForAnyInput() {
        assertSameAsReference(FieldNormaliser::cardNo, ReferenceEncodings::cardNo, 13);
    }

    @Test
    void digitsAreTheReferencesForAnyInput() {
        assertSameAsReference(FieldNormaliser::digitsOf, ReferenceEncodings::digitsOf, 12);
    }

    /**
     * Pins the value itself, whatever the implementation: a change here changes every stored filter. The expected
     * bytes were computed outside Java (Python's hmac over {@code leakwatch/bloom/v1/full_name || 0x00 || bigram}, the
     * double hashing of {@link NameBloomEncoder#encode}, bit i in byte i / 8).
     */
    @Test
    void theFilterOfAKnownNameIsPinned() {
        String filter = HexFormat.of()
                .formatHex(
                        new NameBloomEncoder(TOKENISER).encode("siti nurhaliza").toBytes());
        assertThat(filter)
                .isEqualTo("310002648540704054c9d5665d800144d01081450941200040080d400046280038120c66427104444c816001"
                        + "18c1040c25404211301cc00184318041605582cc00040000e00640e28d80c00418484a001c4402890482400084"
                        + "550410c85944424036050c0098c0c06408034084404cc41640a228209208004808411224");
    }

    private static <T> void assertSameAsReference(Function<String, T> fast, Function<String, T> reference, long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < CASES; i++) {
            String raw = randomRaw(random);
            assertThat(fast.apply(raw)).as("case %d", i).isEqualTo(reference.apply(raw));
        }
        for (char c = 0; c < 128; c++) {
            String raw = " a" + c + "1 ";
            assertThat(fast.apply(raw)).as("ASCII %d", (int) c).isEqualTo(reference.apply(raw));
        }
    }

    /** Normalised names, mostly ASCII as in the registries, some with letters of other scripts. */
    private static String randomName(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> Generated.name(random);
            case 1 -> FieldNormaliser.text(Generated.anyText(random)).orElse("x");
            default ->
                FieldNormaliser.text(Generated.variantOf(Generated.name(random), random))
                        .orElseThrow();
        };
    }

    /** Cell text as uploads carry it: ASCII of every kind (control characters too), dates, digits, or any Unicode. */
    private static String randomRaw(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> Generated.anyText(random);
            case 1 -> Generated.variantOf(Generated.name(random), random);
            case 2 ->
                String.format(
                        "%s%04d%s%02d%s%d%s",
                        random.nextBoolean() ? " " : "",
                        random.nextInt(2100),
                        "-/ ".charAt(random.nextInt(3)),
                        random.nextInt(14),
                        "-/".charAt(random.nextInt(2)),
                        random.nextInt(40),
                        random.nextBoolean() ? "" : " 10:1" + random.nextInt(10) + ":00");
            case 3 -> String.format("%02d-%02d-%04d", random.nextInt(35), random.nextInt(14), random.nextInt(2100));
            case 4 ->
                random.nextBoolean()
                        ? String.format(
                                "%04d %04d.%05d",
                                random.nextInt(10_000), random.nextInt(10_000), random.nextInt(100_000))
                        : "+62 (0)8" + random.nextInt(1_000_000_000) + (random.nextBoolean() ? "-" : "")
                                + random.nextInt(99);
            default -> {
                StringBuilder ascii = new StringBuilder();
                int length = random.nextInt(16);
                for (int i = 0; i < length; i++) {
                    ascii.append((char) random.nextInt(128));
                }
                yield ascii.toString();
            }
        };
    }
}
