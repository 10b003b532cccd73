package io.leakwatch.platform.privacy;

import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Seeded random inputs for the property tests, written with JUnit's parameterized tests: case {@code i} is drawn from
 * {@code new Random(i)}, so every run checks the same cases and a failing case shows its input in its name.
 */
final class Generated {

    static final int CASES = 500;

    /** Given names and family names as found in Indonesian registries, some with their diacritic-free spelling. */
    static final List<String> NAME_PARTS = List.of(
            "siti",
            "nurhaliza",
            "muhammad",
            "rizki",
            "dewi",
            "lestari",
            "budi",
            "santoso",
            "agus",
            "setiawan",
            "ni",
            "luh",
            "putu",
            "ayu",
            "made",
            "wayan",
            "nur",
            "aini",
            "sri",
            "wahyuni",
            "ahmad",
            "fauzi",
            "andi",
            "pratama",
            "rina",
            "susanti",
            "eko",
            "prasetyo",
            "yohanes",
            "simanjuntak",
            "fitri",
            "handayani",
            "bambang",
            "sutrisno",
            "dian",
            "permata",
            "hendra",
            "gunawan",
            "kadek",
            "ketut",
            "intan",
            "maharani");

    private static final String[] PUNCTUATION = {".", ",", "'", "-", "(", ")", "/", "`", "\""};
    private static final String[] SPACES = {" ", "  ", "\t", "\u00a0", "\u3000", " \n "};
    private static final char[] COMBINING = {'\u0301', '\u0300', '\u0302', '\u0308', '\u0303', '\u0327', '\u030c'};

    private Generated() {}

    /** {@link #CASES} values from {@code generator}, each seeded by its own index. */
    static <T> Stream<T> cases(Function<Random, T> generator) {
        return IntStream.range(0, CASES).mapToObj(seed -> generator.apply(new Random(seed)));
    }

    /** Any text: letters of several scripts, digits, marks, punctuation, symbols, every kind of space, surrogates. */
    static String anyText(Random random) {
        int length = random.nextInt(24);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.appendCodePoint(
                    switch (random.nextInt(8)) {
                        case 0 -> ' ' + random.nextInt(95); // printable ASCII
                        case 1 -> 0xA0 + random.nextInt(0x250 - 0xA0); // Latin-1 and Latin Extended
                        case 2 -> 0x300 + random.nextInt(0x70); // combining marks
                        case 3 -> 0x2000 + random.nextInt(0x70); // spaces, dashes, quotes
                        case 4 -> 0xFF01 + random.nextInt(0x5E); // fullwidth forms
                        case 5 -> 0x1D400 + random.nextInt(0x300); // mathematical letters (outside the BMP)
                        case 6 -> 0x2100 + random.nextInt(0x190); // letterlike symbols, roman numerals, arrows
                        default -> random.nextInt(0x3000);
                    });
        }
        return text.toString();
    }

    /** A name of one to four parts, in the normal form {@link FieldNormaliser#text(String)} gives. */
    static String name(Random random) {
        int parts = 1 + random.nextInt(4);
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < parts; i++) {
            if (i > 0) {
                name.append(' ');
            }
            name.append(NAME_PARTS.get(random.nextInt(NAME_PARTS.size())));
        }
        return name.toString();
    }

    /**
     * The same name as a person might type it: random case, accents on letters, punctuation inside or around words,
     * extra and exotic white space between them.
     */
    static String variantOf(String name, Random random) {
        StringBuilder variant = new StringBuilder(pick(SPACES, random, 0.3));
        for (char c : name.toCharArray()) {
            if (c == ' ') {
                variant.append(pick(PUNCTUATION, random, 0.2))
                        .append(SPACES[random.nextInt(SPACES.length)])
                        .append(pick(PUNCTUATION, random, 0.2));
                continue;
            }
            variant.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
            if (random.nextDouble() < 0.2) {
                variant.append(COMBINING[random.nextInt(COMBINING.length)]);
            }
            variant.append(pick(PUNCTUATION, random, 0.05));
        }
        return variant.append(pick(SPACES, random, 0.3)).toString();
    }

    /** The national part of an Indonesian mobile number: 8, then 9 to 11 digits. */
    static String mobileNumber(Random random) {
        StringBuilder number = new StringBuilder("8");
        int digits = 9 + random.nextInt(3);
        for (int i = 0; i < digits; i++) {
            number.append(random.nextInt(10));
        }
        return number.toString();
    }

    /** A mobile number as people write it: a prefix of their choice, groups split by separators of their choice. */
    static String writtenNumber(String national, Random random) {
        String[] prefixes = {"0", "+62", "62", "+62 ", "+62 (0)", "0062 ", "(0", ""};
        String[] separators = {"", " ", "-", "."};
        String prefix = prefixes[random.nextInt(prefixes.length)];
        String separator = separators[random.nextInt(separators.length)];
        StringBuilder written = new StringBuilder(prefix);
        for (int i = 0; i < national.length(); i++) {
            if (i > 0 && i % 4 == 0) {
                written.append(separator);
            }
            written.append(national.charAt(i));
            if (i == 2 && prefix.equals("(0")) {
                written.append(") ");
            }
        }
        return written.toString();
    }

    static LocalDate date(Random random) {
        return LocalDate.of(1900, 1, 1).plusDays(random.nextInt(365 * 130));
    }

    /** The date in one of the three forms DESIGN.md accepts, zero-padded or not. */
    static String writtenDate(LocalDate date, Random random) {
        boolean pad = random.nextBoolean();
        String day = pad ? "%02d".formatted(date.getDayOfMonth()) : String.valueOf(date.getDayOfMonth());
        String month = pad ? "%02d".formatted(date.getMonthValue()) : String.valueOf(date.getMonthValue());
        return switch (random.nextInt(3)) {
            case 0 -> date.getYear() + "-" + month + "-" + day;
            case 1 -> day + "-" + month + "-" + date.getYear();
            default -> day + "/" + month + "/" + date.getYear();
        };
    }

    private static String pick(String[] choices, Random random, double probability) {
        return random.nextDouble() < probability ? choices[random.nextInt(choices.length)] : "";
    }
}
