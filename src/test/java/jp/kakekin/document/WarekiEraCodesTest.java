package jp.kakekin.document;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** 和暦 as TEG850 writes it (gen:era codes of General.xsd: 3 昭和, 4 平成, 5 令和). */
class WarekiEraCodesTest {

    @Test
    void eraBoundariesShowaHeisei() {
        assertThat(Wareki.of(LocalDate.of(1989, 1, 7))).isEqualTo(new Wareki(Wareki.SHOWA, 64, 1, 7));
        assertThat(Wareki.of(LocalDate.of(1989, 1, 8))).isEqualTo(new Wareki(Wareki.HEISEI, 1, 1, 8));
    }

    @Test
    void eraBoundariesHeiseiReiwa() {
        assertThat(Wareki.of(LocalDate.of(2019, 4, 30))).isEqualTo(new Wareki(Wareki.HEISEI, 31, 4, 30));
        assertThat(Wareki.of(LocalDate.of(2019, 5, 1))).isEqualTo(new Wareki(Wareki.REIWA, 1, 5, 1));
    }

    @Test
    void eraBoundariesTaishoShowa() {
        assertThat(Wareki.of(LocalDate.of(1926, 12, 24))).isEqualTo(new Wareki(Wareki.TAISHO, 15, 12, 24));
        assertThat(Wareki.of(LocalDate.of(1926, 12, 25))).isEqualTo(new Wareki(Wareki.SHOWA, 1, 12, 25));
    }

    @Test
    void contractDatesOfTheScheme() {
        // 小規模企業共済 began in 1965 (昭和40年).
        assertThat(Wareki.of(LocalDate.of(1965, 12, 1))).isEqualTo(new Wareki(Wareki.SHOWA, 40, 12, 1));
        assertThat(Wareki.of(LocalDate.of(2026, 11, 10))).isEqualTo(new Wareki(Wareki.REIWA, 8, 11, 10));
    }

    @Test
    void aTaxYearTakesTheEraInForceOnDecember31() {
        assertThat(Wareki.yearOf(2019).era()).isEqualTo(Wareki.REIWA);
        assertThat(Wareki.yearOf(2019).year()).isEqualTo(1);
        assertThat(Wareki.yearOf(1989).era()).isEqualTo(Wareki.HEISEI);
        assertThat(Wareki.yearOf(1989).year()).isEqualTo(1);
        assertThat(Wareki.yearOf(2026).year()).isEqualTo(8);
        assertThat(Wareki.calendarYear(Wareki.REIWA, 8)).isEqualTo(2026);
        assertThat(Wareki.calendarYear(Wareki.SHOWA, 64)).isEqualTo(1989);
    }

    @Test
    void everyDayFromShowa1To2040RoundTrips() {
        for (LocalDate d = LocalDate.of(1926, 12, 25); d.getYear() <= 2040; d = d.plusDays(1)) {
            Wareki w = Wareki.of(d);
            assertThat(w.toLocalDate()).isEqualTo(d);
            assertThat(w.era()).isBetween(Wareki.SHOWA, Wareki.REIWA);
            assertThat(w.year()).isBetween(1, 64);
        }
        for (int y = 1927; y <= 2040; y++) {
            Wareki w = Wareki.yearOf(y);
            assertThat(Wareki.calendarYear(w.era(), w.year())).isEqualTo(y);
        }
    }

    @Test
    void aDayThatDoesNotExistInAnEraIsRefused() {
        // 平成1年1月7日 was still 昭和64年.
        assertThatThrownBy(() -> new Wareki(Wareki.HEISEI, 1, 1, 7).toLocalDate())
                .isInstanceOf(java.time.DateTimeException.class);
        assertThatThrownBy(() -> new Wareki(6, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
