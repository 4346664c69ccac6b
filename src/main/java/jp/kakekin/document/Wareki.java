package jp.kakekin.document;

import java.time.LocalDate;
import java.time.chrono.JapaneseDate;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * 和暦 as printed on certificates: 令和8年分, 令和8年11月20日. The first year of an era is 元年, as on
 * every official form (JapaneseDate alone would print 令和1年).
 */
public final class Wareki {

    private Wareki() {
    }

    /**
     * The year label of 証明年分: a calendar year is named after the era in force at its end, so 2019
     * (平成31年 until April) is 令和元年分.
     */
    public static String year(int year) {
        return eraYear(LocalDate.of(year, 12, 31)) + "年";
    }

    /** 令和8年11月20日 */
    public static String date(LocalDate date) {
        return eraYear(date) + "年" + date.getMonthValue() + "月" + date.getDayOfMonth() + "日";
    }

    private static String eraYear(LocalDate date) {
        JapaneseDate jd = JapaneseDate.from(date);
        int yearOfEra = jd.get(ChronoField.YEAR_OF_ERA);
        return jd.getEra().getDisplayName(TextStyle.FULL, Locale.JAPAN) + (yearOfEra == 1 ? "元" : String.valueOf(yearOfEra));
    }
}
