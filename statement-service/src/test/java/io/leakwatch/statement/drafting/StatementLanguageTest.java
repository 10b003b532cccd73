package io.leakwatch.statement.drafting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class StatementLanguageTest {

    private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");

    @Test
    void writesCountsTheWayEachLanguageSaysThem() {
        assertThat(StatementLanguage.ID.count(279_000_000L)).isEqualTo("279 juta");
        assertThat(StatementLanguage.ID.count(222_400_000L)).isEqualTo("222,4 juta");
        assertThat(StatementLanguage.EN.count(279_000_000L)).isEqualTo("279 million");
        assertThat(StatementLanguage.EN.count(222_400_000L)).isEqualTo("222.4 million");
        assertThat(StatementLanguage.EN.count(1_500_000_000L)).isEqualTo("1.5 billion");
        assertThat(StatementLanguage.ID.count(20_000L)).isEqualTo("20 ribu");
        assertThat(StatementLanguage.ID.count(999L)).isEqualTo("999");
    }

    @Test
    void writesMonthsAndTimesInTheStatementsZone() {
        assertThat(StatementLanguage.ID.month(YearMonth.of(2021, 5))).isEqualTo("Mei 2021");
        assertThat(StatementLanguage.EN.month(YearMonth.of(2021, 5))).isEqualTo("May 2021");
        Instant nine = Instant.parse("2021-05-20T02:00:00Z");
        assertThat(StatementLanguage.ID.dateTime(nine, JAKARTA, "WIB")).isEqualTo("20 Mei 2021 pukul 09.00 WIB");
        assertThat(StatementLanguage.EN.dateTime(nine, JAKARTA, "WIB")).isEqualTo("20 May 2021 at 09:00 WIB");
    }
}
