package io.leakwatch.statement.drafting;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How each language of a statement writes numbers, months, times, lists and the few codes a statement names. Spelled
 * out here rather than taken from the JDK's locale data, so that the same facts give the same text byte for byte on
 * every JVM.
 */
public enum StatementLanguage {
    ID(
            "id",
            ',',
            '.',
            List.of("ribu", "juta", "miliar"),
            List.of(
                    "Januari",
                    "Februari",
                    "Maret",
                    "April",
                    "Mei",
                    "Juni",
                    "Juli",
                    "Agustus",
                    "September",
                    "Oktober",
                    "November",
                    "Desember"),
            "%d %s %d pukul %02d.%02d %s",
            " persen",
            ", dan ",
            " dan ",
            Map.ofEntries(
                    Map.entry("nik", "NIK"),
                    Map.entry("card_no", "nomor kartu peserta"),
                    Map.entry("full_name", "nama"),
                    Map.entry("name", "nama"),
                    Map.entry("birth_date", "tanggal lahir"),
                    Map.entry("sex", "jenis kelamin"),
                    Map.entry("phone", "nomor telepon"),
                    Map.entry("regency_code", "kode kabupaten/kota"),
                    Map.entry("address", "alamat"),
                    Map.entry("email", "alamat email"),
                    Map.entry("npwp", "NPWP"),
                    Map.entry("salary", "gaji")),
            Map.of("ID", "Indonesia", "EU", "Uni Eropa"),
            Map.of("AUTHORITY", "otoritas pelindungan data %s", "DATA_SUBJECTS", "peserta terdampak di %s"),
            "sekali",
            "dua kali",
            "%d kali",
            " pada "),
    EN(
            "en",
            '.',
            ',',
            List.of("thousand", "million", "billion"),
            List.of(
                    "January",
                    "February",
                    "March",
                    "April",
                    "May",
                    "June",
                    "July",
                    "August",
                    "September",
                    "October",
                    "November",
                    "December"),
            "%d %s %d at %02d:%02d %s",
            " percent",
            " and ",
            " and ",
            Map.ofEntries(
                    Map.entry("nik", "national identity numbers (NIK)"),
                    Map.entry("card_no", "membership card numbers"),
                    Map.entry("full_name", "names"),
                    Map.entry("name", "names"),
                    Map.entry("birth_date", "dates of birth"),
                    Map.entry("sex", "sex"),
                    Map.entry("phone", "phone numbers"),
                    Map.entry("regency_code", "regency codes"),
                    Map.entry("address", "addresses"),
                    Map.entry("email", "email addresses"),
                    Map.entry("npwp", "tax numbers (NPWP)"),
                    Map.entry("salary", "salaries")),
            Map.of("ID", "Indonesia", "EU", "the European Union"),
            Map.of(
                    "AUTHORITY",
                    "the data protection authority of %s",
                    "DATA_SUBJECTS",
                    "the affected participants in %s"),
            "once",
            "twice",
            "%d times",
            " on ");

    private static final long[] SCALES = {1_000L, 1_000_000L, 1_000_000_000L};

    private final String code;
    private final char decimalSeparator;
    private final char groupSeparator;
    private final List<String> scaleWords;
    private final List<String> months;
    private final String dateTimePattern;
    private final String percentWord;
    private final String lastListSeparator;
    private final String pairSeparator;
    private final Map<String, String> dataWords;
    private final Map<String, String> jurisdictionNames;
    private final Map<String, String> recipients;
    private final String once;
    private final String twice;
    private final String times;
    private final String on;

    StatementLanguage(
            String code,
            char decimalSeparator,
            char groupSeparator,
            List<String> scaleWords,
            List<String> months,
            String dateTimePattern,
            String percentWord,
            String lastListSeparator,
            String pairSeparator,
            Map<String, String> dataWords,
            Map<String, String> jurisdictionNames,
            Map<String, String> recipients,
            String once,
            String twice,
            String times,
            String on) {
        this.code = code;
        this.decimalSeparator = decimalSeparator;
        this.groupSeparator = groupSeparator;
        this.scaleWords = scaleWords;
        this.months = months;
        this.dateTimePattern = dateTimePattern;
        this.percentWord = percentWord;
        this.lastListSeparator = lastListSeparator;
        this.pairSeparator = pairSeparator;
        this.dataWords = dataWords;
        this.jurisdictionNames = jurisdictionNames;
        this.recipients = recipients;
        this.once = once;
        this.twice = twice;
        this.times = times;
        this.on = on;
    }

    public String code() {
        return code;
    }

    /** The language for a code such as {@code id} or {@code en}, if a statement is written in it. */
    public static java.util.Optional<StatementLanguage> of(String code) {
        for (StatementLanguage language : values()) {
            if (language.code.equalsIgnoreCase(code)) {
                return java.util.Optional.of(language);
            }
        }
        return java.util.Optional.empty();
    }

    /** A count as people say it: 279000000 is "279 juta" / "279 million", 222400000 "222,4 juta" / "222.4 million". */
    public String count(long value) {
        for (int scale = SCALES.length - 1; scale >= 0; scale--) {
            if (value >= SCALES[scale]) {
                BigDecimal scaled = BigDecimal.valueOf(value)
                        .divide(BigDecimal.valueOf(SCALES[scale]), 1, RoundingMode.HALF_UP)
                        .stripTrailingZeros();
                String number = scaled.toPlainString().replace('.', decimalSeparator);
                return number + " " + scaleWords.get(scale);
            }
        }
        return Long.toString(value);
    }

    /** An exact count with its thousands grouped: "20.000" / "20,000". */
    public String exact(long value) {
        String digits = Long.toString(Math.abs(value));
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (digits.length() - i) % 3 == 0) {
                grouped.append(groupSeparator);
            }
            grouped.append(digits.charAt(i));
        }
        return (value < 0 ? "-" : "") + grouped;
    }

    /** A share (0 to 1) as a percentage with at most one decimal: 0.9555 is "95,6 persen" / "95.6 percent". */
    public String percent(double share) {
        BigDecimal percent = BigDecimal.valueOf(share)
                .multiply(BigDecimal.valueOf(100))
                .setScale(1, RoundingMode.HALF_UP)
                .stripTrailingZeros();
        if (percent.scale() < 0) {
            percent = percent.setScale(0);
        }
        return percent.toPlainString().replace('.', decimalSeparator) + percentWord;
    }

    /** "Mei 2021" / "May 2021". */
    public String month(YearMonth month) {
        return months.get(month.getMonthValue() - 1) + " " + month.getYear();
    }

    /** "31 Desember 2020" / "31 December 2020". */
    public String date(LocalDate date) {
        return date.getDayOfMonth() + " " + months.get(date.getMonthValue() - 1) + " " + date.getYear();
    }

    /** "21 Mei 2021 pukul 09.00 WIB" / "21 May 2021 at 09:00 WIB". */
    public String dateTime(Instant instant, ZoneId zone, String zoneName) {
        ZonedDateTime local = instant.atZone(zone);
        return String.format(
                Locale.ROOT,
                dateTimePattern,
                local.getDayOfMonth(),
                months.get(local.getMonthValue() - 1),
                local.getYear(),
                local.getHour(),
                local.getMinute(),
                zoneName);
    }

    /** "a, b, dan c" / "a, b and c"; empty for no items. */
    public String list(List<String> items) {
        if (items.isEmpty()) {
            return "";
        }
        if (items.size() == 1) {
            return items.get(0);
        }
        if (items.size() == 2) {
            return items.get(0) + pairSeparator + items.get(1);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + lastListSeparator + items.get(items.size() - 1);
    }

    /**
     * A kind of data as readers say it, from a canonical column ({@code full_name}) or a reported data category
     * ({@code NAME}); a kind this language has no word for is written as given, in lower case.
     */
    public String data(String kind) {
        String key = kind.strip().toLowerCase(Locale.ROOT).replace(' ', '_');
        return dataWords.getOrDefault(key, key.replace('_', ' '));
    }

    /** "Indonesia" for ID; a jurisdiction this language has no name for is written as its code. */
    public String jurisdiction(String code) {
        return jurisdictionNames.getOrDefault(code, code);
    }

    /** "the data protection authority of Indonesia on 22 May 2021 at 15:00 WIB". */
    public String notice(String recipient, String jurisdictionCode, String when) {
        String pattern = recipients.getOrDefault(recipient, recipient.toLowerCase(Locale.ROOT) + " (%s)");
        return String.format(Locale.ROOT, pattern, jurisdiction(jurisdictionCode)) + on + when;
    }

    /** How often something happened: "once", "twice", "3 times" / "sekali", "dua kali", "3 kali". */
    public String times(int count) {
        return count == 1 ? once : count == 2 ? twice : String.format(Locale.ROOT, times, count);
    }
}
