package jp.kakekin.document;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.chrono.JapaneseChronology;
import java.time.chrono.JapaneseDate;
import java.time.chrono.JapaneseEra;
import java.time.temporal.ChronoField;

/**
 * 和暦, for printing (令和8年分, 令和8年11月20日 — the first year of an era is 元年, as on every official
 * form; JapaneseDate alone would print 令和1年) and for TEG850, which writes a date as: {@code gen:era} (the NTA code of General.xsd: 1 明治, 2 大正, 3 昭和,
 * 4 平成, 5 令和), {@code gen:yy} (1 = 元年), {@code gen:mm}, {@code gen:dd}.
 * <p>
 * The conversion is java.time's {@link JapaneseDate}, so era boundaries (1989-01-08, 2019-05-01) come from
 * the JDK and a future era arrives with a JDK update; {@link #code(JapaneseEra)} then fails loudly until
 * General.xsd gives the new era a code.
 */
public record Wareki(int era, int year, int month, int day) {

    public static final int MEIJI = 1;
    public static final int TAISHO = 2;
    public static final int SHOWA = 3;
    public static final int HEISEI = 4;
    public static final int REIWA = 5;

    public Wareki {
        if (era < MEIJI || era > REIWA || year < 1 || year > 99 || month < 1 || month > 12 || day < 1 || day > 31) {
            throw new IllegalArgumentException("not a TEG850 date: era %d year %d month %d day %d"
                    .formatted(era, year, month, day));
        }
    }

    /**
     * The year label of 証明年分 as printed: a calendar year is named after the era in force at its end,
     * so 2019 (平成31年 until April) is 令和元年 (see {@link #yearOf}).
     */
    public static String year(int calendarYear) {
        Wareki w = yearOf(calendarYear);
        return w.eraName() + w.yearLabel() + "年";
    }

    /** 令和9年1月: the era in force on the first day of the month. */
    public static String month(YearMonth month) {
        Wareki w = of(month.atDay(1));
        return w.eraName() + w.yearLabel() + "年" + w.month() + "月";
    }

    /** 令和8年11月20日 */
    public static String date(LocalDate date) {
        return of(date).toString();
    }

    public static Wareki of(LocalDate date) {
        Wareki known = KNOWN.get(date);
        if (known != null) {
            return known;
        }
        Wareki w = convert(date);
        if (KNOWN.size() < KNOWN_MAX) {
            KNOWN.putIfAbsent(date, w);
        }
        return w;
    }

    /**
     * Dates already converted: a print run converts the same few dates (run date, cutoffs, period ends) for
     * every certificate, and JapaneseDate.from was 8% of its calculate step. Bounded, so that a service
     * asked about every date there is keeps a fixed size (past the bound it converts every time).
     */
    private static final java.util.concurrent.ConcurrentHashMap<LocalDate, Wareki> KNOWN =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final int KNOWN_MAX = 20_000;

    private static Wareki convert(LocalDate date) {
        JapaneseDate jd;
        try {
            jd = JapaneseDate.from(date);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(date + " is before 明治6年 and has no 和暦 in java.time", e);
        }
        return new Wareki(code(jd.getEra()), jd.get(ChronoField.YEAR_OF_ERA), date.getMonthValue(),
                date.getDayOfMonth());
    }

    /**
     * The 和暦 year of a calendar year as a tax year is named: by the era in force on 31 December,
     * so 2019 is 令和元年分 and 1989 is 平成元年分 (the NTA's own usage).
     */
    public static Wareki yearOf(int calendarYear) {
        return of(LocalDate.of(calendarYear, 12, 31));
    }

    public LocalDate toLocalDate() {
        JapaneseDate jd = JapaneseChronology.INSTANCE.date(era(era), year, month, day);
        return LocalDate.from(jd);
    }

    /** The calendar year of a year written as era + yy (the inverse of {@link #yearOf}). */
    public static int calendarYear(int era, int yy) {
        return JapaneseChronology.INSTANCE.prolepticYear(era(era), yy);
    }

    public static int code(JapaneseEra era) {
        // JapaneseEra.getValue(): MEIJI -1, TAISHO 0, SHOWA 1, HEISEI 2, REIWA 3.
        int code = era.getValue() + 2;
        if (code < MEIJI || code > REIWA) {
            throw new IllegalArgumentException("era " + era + " has no gen:era code in General.xsd");
        }
        return code;
    }

    public static JapaneseEra era(int code) {
        if (code < MEIJI || code > REIWA) {
            throw new IllegalArgumentException("gen:era must be 1..5, was " + code);
        }
        return JapaneseEra.of(code - 2);
    }

    public String eraName() {
        return switch (era) {
            case MEIJI -> "明治";
            case TAISHO -> "大正";
            case SHOWA -> "昭和";
            case HEISEI -> "平成";
            default -> "令和";
        };
    }

    private String yearLabel() {
        return year == 1 ? "元" : String.valueOf(year);
    }

    @Override
    public String toString() {
        return eraName() + yearLabel() + "年" + month + "月" + day + "日";
    }
}
