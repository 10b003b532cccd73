package io.leakwatch.e2e.fault;

import java.util.Random;

/**
 * A small registry and three sample files whose verdicts are known from how they were made: real members with their
 * own details (CONFIRMED), real NIKs with made-up people (FABRICATED), and NIKs the registry does not hold (UNLIKELY).
 * Deterministic, so every incident that gets a template's file must get the same verification result.
 */
final class SyntheticData {

    static final int MEMBERS = 200;
    private static final int ROWS_PER_SAMPLE = 60;
    private static final String[] SYLLABLES = {
        "ba", "di", "su", "ti", "ra", "ma", "wa", "ni", "lu", "ko", "se", "pu", "an", "dra", "yo", "gi", "ha", "ri"
    };

    /** The three sample files and the verdict each must get. */
    enum Template {
        GENUINE("CONFIRMED"),
        FABRICATED("FABRICATED"),
        OUTSIDERS("UNLIKELY");

        final String verdict;

        Template(String verdict) {
            this.verdict = verdict;
        }
    }

    private SyntheticData() {}

    static String registryCsv() {
        StringBuilder csv = new StringBuilder(
                "nik,card_no,full_name,birth_date,sex,phone,regency_code,status,registered_on,deceased_on,valid_from,"
                        + "canary_set\n");
        for (int member = 0; member < MEMBERS; member++) {
            csv.append(nik(member))
                    .append(',')
                    .append(String.format("%013d", 1_000_000_000L + member))
                    .append(',')
                    .append(name(member))
                    .append(',')
                    .append(birthDate(member))
                    .append(',')
                    .append(female(member) ? 'P' : 'L')
                    .append(",08")
                    .append(String.format("%010d", 1_200_000_000L + member))
                    .append(",3171,ACTIVE,2014-01-01,,,\n");
        }
        return csv.toString();
    }

    /** The sample of a template: 60 rows, two of them repeated and one with an invalid NIK on top. */
    static String sampleCsv(Template template) {
        StringBuilder csv = new StringBuilder("nik,full_name,birth_date,sex\n");
        int first = switch (template) {
            case GENUINE -> 0;
            case FABRICATED -> 60;
            case OUTSIDERS -> 1_000;
        };
        for (int i = 0; i < ROWS_PER_SAMPLE; i++) {
            int person = first + i;
            boolean madeUp = template == Template.FABRICATED;
            csv.append(nik(person))
                    .append(',')
                    .append(madeUp ? name(person + 7_919) : name(person))
                    .append(',')
                    .append(madeUp ? "1999-12-31" : birthDate(person))
                    .append(',')
                    .append(female(person) ? 'P' : 'L')
                    .append('\n');
        }
        csv.append(nik(first)).append(',').append(name(first)).append(",,\n");
        csv.append(nik(first + 1)).append(',').append(name(first + 1)).append(",,\n");
        csv.append("3171010101800000,Serial Nol,,\n");
        return csv.toString();
    }

    /** Province 31, regency 71, district 01, birth date DDMMYY (day + 40 for women), serial from 0001. */
    private static String nik(int person) {
        String date = birthDate(person);
        int day = Integer.parseInt(date.substring(8, 10)) + (female(person) ? 40 : 0);
        return "317101" + String.format("%02d", day) + date.substring(5, 7) + date.substring(2, 4)
                + String.format("%04d", person + 1);
    }

    private static String birthDate(int person) {
        return String.format("19%02d-%02d-%02d", 60 + person % 40, 1 + person / 40 % 12, 1 + person % 28);
    }

    private static boolean female(int person) {
        return person % 2 == 1;
    }

    private static String name(int person) {
        Random random = new Random(person);
        return word(random) + " " + word(random);
    }

    private static String word(Random random) {
        StringBuilder word = new StringBuilder();
        for (int i = 0, n = 2 + random.nextInt(2); i < n; i++) {
            word.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
        }
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
