package io.leakwatch.statement.drafting;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * How each language of a statement writes numbers, months and times. Spelled out here rather than taken from the
 * JDK's locale data, so that the same facts give the same text byte for byte on every JVM.
 */
public enum StatementLanguage {
    ID(
            "id",
            ',',
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
            "%d %s %d pukul %02d.%02d %s"),
    EN(
            "en",
            '.',
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
            "%d %s %d at %02d:%02d %s");

    private static final long[] SCALES = {1_000L, 1_000_000L, 1_000_000_000L};

    private final String code;
    private final char decimalSeparator;
    private final List<String> scaleWords;
    private final List<String> months;
    private final String dateTimePattern;

    StatementLanguage(
            String code, char decimalSeparator, List<String> scaleWords, List<String> months, String dateTimePattern) {
        this.code = code;
        this.decimalSeparator = decimalSeparator;
        this.scaleWords = scaleWords;
        this.months = months;
        this.dateTimePattern = dateTimePattern;
    }

    public String code() {
        return code;
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

    /** "Mei 2021" / "May 2021". */
    public String month(YearMonth month) {
        return months.get(month.getMonthValue() - 1) + " " + month.getYear();
    }

    /** "21 Mei 2021 pukul 09.00 WIB" / "21 May 2021 at 09:00 WIB". */
    public String dateTime(Instant instant, ZoneId zone, String zoneName) {
        ZonedDateTime local = instant.atZone(zone);
        return String.format(
                dateTimePattern,
                local.getDayOfMonth(),
                months.get(local.getMonthValue() - 1),
                local.getYear(),
                local.getHour(),
                local.getMinute(),
                zoneName);
    }
}
