package jp.kakekin.document;

import jp.kakekin.document.Wareki;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.YearMonth;

import static org.assertj.core.api.Assertions.assertThat;

class WarekiTest {

    @Test
    void namesTheYearByTheEraInForceAtItsEnd() {
        assertThat(Wareki.year(2026)).isEqualTo("令和8年");
        assertThat(Wareki.year(2020)).isEqualTo("令和2年");
        // 2019 began in 平成31年; its 証明年分 is 令和元年分.
        assertThat(Wareki.year(2019)).isEqualTo("令和元年");
        assertThat(Wareki.year(2018)).isEqualTo("平成30年");
    }

    @Test
    void writesDatesWithoutPadding() {
        assertThat(Wareki.date(LocalDate.of(2026, 11, 20))).isEqualTo("令和8年11月20日");
        assertThat(Wareki.date(LocalDate.of(2027, 2, 3))).isEqualTo("令和9年2月3日");
        assertThat(Wareki.date(LocalDate.of(2019, 4, 30))).isEqualTo("平成31年4月30日");
        assertThat(Wareki.date(LocalDate.of(2019, 5, 1))).isEqualTo("令和元年5月1日");
    }

    @Test
    void namesAMonthByTheEraOfItsFirstDay() {
        assertThat(Wareki.month(YearMonth.of(2027, 1))).isEqualTo("令和9年1月");
        assertThat(Wareki.month(YearMonth.of(2019, 4))).isEqualTo("平成31年4月");
        assertThat(Wareki.month(YearMonth.of(2019, 5))).isEqualTo("令和元年5月");
    }
}
