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

    @Test
    void writesExactCountsSharesAndListsTheWayEachLanguageDoes() {
        assertThat(StatementLanguage.ID.exact(997_550L)).isEqualTo("997.550");
        assertThat(StatementLanguage.EN.exact(997_550L)).isEqualTo("997,550");
        assertThat(StatementLanguage.EN.exact(12L)).isEqualTo("12");
        assertThat(StatementLanguage.ID.percent(0.8731)).isEqualTo("87,3 persen");
        assertThat(StatementLanguage.EN.percent(0.5)).isEqualTo("50 percent");
        assertThat(StatementLanguage.ID.list(java.util.List.of("a", "b", "c"))).isEqualTo("a, b, dan c");
        assertThat(StatementLanguage.EN.list(java.util.List.of("a", "b", "c"))).isEqualTo("a, b and c");
        assertThat(StatementLanguage.EN.list(java.util.List.of("a", "b"))).isEqualTo("a and b");
        assertThat(StatementLanguage.EN.data("BIRTH_DATE")).isEqualTo("dates of birth");
        assertThat(StatementLanguage.EN.data("MOTHER_NAME")).isEqualTo("mother name");
    }
}
