package jp.kakekin.calc;

import jp.kakekin.ledger.Scheme;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CollectionCalendarTest {

    @ParameterizedTest(name = "SHOKIBO {0} → {1}")
    @CsvSource({
            // the golden cases' transfer dates
            "2026-01, 2026-01-19", "2026-02, 2026-02-18", "2026-04, 2026-04-20", "2026-05, 2026-05-18",
            "2026-07, 2026-07-21", "2026-09, 2026-09-18", "2026-10, 2026-10-19", "2025-01, 2025-01-20",
            "2025-05, 2025-05-19", "2025-10, 2025-10-20", "2027-01, 2027-01-18",
            // the newsletters' December dates
            "2021-12, 2021-12-20", "2023-12, 2023-12-18", "2024-12, 2024-12-18",
            // 2027-09-18 is a Saturday, 20th 敬老の日 → Tuesday 21st
            "2027-09, 2027-09-21",
    })
    void shokiboTransfersOnThe18thOrTheNextBusinessDay(String month, String expected) {
        assertEquals(LocalDate.parse(expected), CollectionCalendar.transferDate(Scheme.SHOKIBO, YearMonth.parse(month)));
    }

    @ParameterizedTest(name = "SAFETY {0} → {1}")
    @CsvSource({
            "2026-01, 2026-01-27", "2026-06, 2026-06-29", "2026-09, 2026-09-28", "2026-12, 2026-12-28",
            "2027-01, 2027-01-27", "2027-03, 2027-03-29",
            // February's collection can move into March
            "2027-02, 2027-03-01",
    })
    void safetyTransfersOnThe27thOrTheNextBusinessDay(String month, String expected) {
        assertEquals(LocalDate.parse(expected), CollectionCalendar.transferDate(Scheme.SAFETY, YearMonth.parse(month)));
    }

    @Test
    void yearEndClosingIsNotABusinessDay() {
        assertFalse(CollectionCalendar.isBusinessDay(LocalDate.of(2025, 12, 31))); // Wednesday
        assertFalse(CollectionCalendar.isBusinessDay(LocalDate.of(2027, 1, 2)));   // Saturday anyway
        assertFalse(CollectionCalendar.isBusinessDay(LocalDate.of(2029, 1, 3)));   // Wednesday
        assertTrue(CollectionCalendar.isBusinessDay(LocalDate.of(2029, 1, 4)));
        assertTrue(CollectionCalendar.isBusinessDay(LocalDate.of(2025, 12, 30)));
        assertEquals(LocalDate.of(2030, 1, 4), CollectionCalendar.onOrNextBusinessDay(LocalDate.of(2029, 12, 31)));
    }

    @Test
    void safetyPrepaymentDeadlineIsTheFifthOrTheNextBusinessDay() {
        assertEquals(LocalDate.of(2026, 12, 7), CollectionCalendar.safetyPrepaymentDeadline(YearMonth.of(2026, 12)));
        assertEquals(LocalDate.of(2026, 5, 7), CollectionCalendar.safetyPrepaymentDeadline(YearMonth.of(2026, 5)));
        assertEquals(LocalDate.of(2026, 3, 5), CollectionCalendar.safetyPrepaymentDeadline(YearMonth.of(2026, 3)));
    }

    @Test
    void holidays2026() {
        assertEquals(List.of("2026-01-01", "2026-01-12", "2026-02-11", "2026-02-23", "2026-03-20", "2026-04-29",
                        "2026-05-03", "2026-05-04", "2026-05-05", "2026-05-06", "2026-07-20", "2026-08-11",
                        "2026-09-21", "2026-09-22", "2026-09-23", "2026-10-12", "2026-11-03", "2026-11-23"),
                days(2026));
        assertEquals("休日（振替休日）", JapaneseHolidays.name(LocalDate.of(2026, 5, 6)).orElseThrow());
        assertEquals("休日（国民の休日）", JapaneseHolidays.name(LocalDate.of(2026, 9, 22)).orElseThrow());
    }

    @Test
    void holidays2019WithTheEnthronement() {
        assertEquals(List.of("2019-01-01", "2019-01-14", "2019-02-11", "2019-03-21", "2019-04-29", "2019-04-30",
                        "2019-05-01", "2019-05-02", "2019-05-03", "2019-05-04", "2019-05-05", "2019-05-06",
                        "2019-07-15", "2019-08-11", "2019-08-12", "2019-09-16", "2019-09-23", "2019-10-14",
                        "2019-10-22", "2019-11-03", "2019-11-04", "2019-11-23"),
                days(2019));
    }

    @Test
    void olympicYears() {
        assertEquals(List.of("2020-01-01", "2020-01-13", "2020-02-11", "2020-02-23", "2020-02-24", "2020-03-20",
                        "2020-04-29", "2020-05-03", "2020-05-04", "2020-05-05", "2020-05-06", "2020-07-23",
                        "2020-07-24", "2020-08-10", "2020-09-21", "2020-09-22", "2020-11-03", "2020-11-23"),
                days(2020));
        assertEquals(List.of("2021-01-01", "2021-01-11", "2021-02-11", "2021-02-23", "2021-03-20", "2021-04-29",
                        "2021-05-03", "2021-05-04", "2021-05-05", "2021-07-22", "2021-07-23", "2021-08-08",
                        "2021-08-09", "2021-09-20", "2021-09-23", "2021-11-03", "2021-11-23"),
                days(2021));
    }

    @Test
    void beforeTheReformsOf2003And2007() {
        // 2002: 海の日 and 敬老の日 still on fixed days; 2006: May 4 is a 国民の休日, Apr 29 みどりの日
        assertEquals(List.of("2002-01-01", "2002-01-14", "2002-02-11", "2002-03-21", "2002-04-29", "2002-05-03",
                        "2002-05-04", "2002-05-05", "2002-05-06", "2002-07-20", "2002-09-15", "2002-09-16",
                        "2002-09-23", "2002-10-14", "2002-11-03", "2002-11-04", "2002-11-23", "2002-12-23"),
                days(2002));
        assertEquals("みどりの日", JapaneseHolidays.name(LocalDate.of(2006, 4, 29)).orElseThrow());
        assertEquals("休日（国民の休日）", JapaneseHolidays.name(LocalDate.of(2006, 5, 4)).orElseThrow());
        assertEquals("昭和の日", JapaneseHolidays.name(LocalDate.of(2007, 4, 29)).orElseThrow());
        // 2003-05-04 was a Sunday: before 2007 a Sunday between two holidays stayed a plain Sunday
        assertFalse(JapaneseHolidays.isHoliday(LocalDate.of(2003, 5, 4)));
    }

    @Test
    void substituteHolidaySkipsOverFollowingHolidays() {
        // 2009-05-03 Sunday → May 4, 5 are holidays themselves → 振替休日 on Wednesday May 6
        assertEquals("休日（振替休日）", JapaneseHolidays.name(LocalDate.of(2009, 5, 6)).orElseThrow());
        // 2009-09-22: 国民の休日 between 敬老の日 (21st) and 秋分の日 (23rd)
        assertEquals("休日（国民の休日）", JapaneseHolidays.name(LocalDate.of(2009, 9, 22)).orElseThrow());
        assertEquals("休日（国民の休日）", JapaneseHolidays.name(LocalDate.of(2015, 9, 22)).orElseThrow());
    }

    @Test
    void equinoxesByFormula() {
        // published days (国立天文台 暦要項) and well-known formula years
        assertEquals(20, JapaneseHolidays.vernalEquinoxDay(2000));
        assertEquals(21, JapaneseHolidays.vernalEquinoxDay(2023));
        assertEquals(20, JapaneseHolidays.vernalEquinoxDay(2024));
        assertEquals(20, JapaneseHolidays.vernalEquinoxDay(2025));
        assertEquals(20, JapaneseHolidays.vernalEquinoxDay(2026));
        assertEquals(23, JapaneseHolidays.autumnalEquinoxDay(2000));
        assertEquals(22, JapaneseHolidays.autumnalEquinoxDay(2012));
        assertEquals(22, JapaneseHolidays.autumnalEquinoxDay(2024));
        assertEquals(23, JapaneseHolidays.autumnalEquinoxDay(2025));
        assertEquals(23, JapaneseHolidays.autumnalEquinoxDay(2026));
        assertEquals(22, JapaneseHolidays.autumnalEquinoxDay(2044));
        assertEquals(19, JapaneseHolidays.vernalEquinoxDay(2092));
        for (int y = JapaneseHolidays.FIRST_YEAR; y <= JapaneseHolidays.LAST_YEAR; y++) {
            assertTrue(JapaneseHolidays.vernalEquinoxDay(y) >= 19 && JapaneseHolidays.vernalEquinoxDay(y) <= 21, "" + y);
            assertTrue(JapaneseHolidays.autumnalEquinoxDay(y) >= 21 && JapaneseHolidays.autumnalEquinoxDay(y) <= 24, "" + y);
        }
    }

    @Test
    void everyYearHasItsHolidaysAndNoSubstituteFallsOnAWeekend() {
        for (int y = JapaneseHolidays.FIRST_YEAR; y <= JapaneseHolidays.LAST_YEAR; y++) {
            var days = JapaneseHolidays.of(y);
            assertTrue(days.size() >= 15 && days.size() <= 22, y + ": " + days.size());
            days.forEach((d, name) -> {
                if (name.contains("振替")) {
                    assertFalse(d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY, d.toString());
                }
            });
        }
    }

    @Test
    void outsideTheRangeIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> JapaneseHolidays.isHoliday(LocalDate.of(2100, 1, 1)));
        assertThrows(IllegalArgumentException.class, () -> JapaneseHolidays.of(1999));
    }

    private static List<String> days(int year) {
        return JapaneseHolidays.of(year).keySet().stream().map(LocalDate::toString).toList();
    }
}
