package jp.kakekin.calc;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * Months as plain ints (year × 12 + month − 1) so the rules can do "m+k" arithmetic and index arrays
 * without allocating: the calculator runs over millions of contracts.
 */
final class Months {

    private Months() {
    }

    static int of(YearMonth m) {
        return m.getYear() * 12 + m.getMonthValue() - 1;
    }

    static int of(LocalDate d) {
        return d.getYear() * 12 + d.getMonthValue() - 1;
    }

    static int of(int year, int month) {
        return year * 12 + month - 1;
    }

    static int monthOfYear(int m) {
        return Math.floorMod(m, 12) + 1;
    }

    static int year(int m) {
        return Math.floorDiv(m, 12);
    }

    static YearMonth toYearMonth(int m) {
        return YearMonth.of(year(m), monthOfYear(m));
    }
}
