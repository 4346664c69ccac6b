package jp.kakekin.calc;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Japanese national holidays (国民の祝日に関する法律) for 2000–2099, computed by rule rather than read
 * from a list, so the collection calendar needs no yearly data refresh:
 * fixed days, Happy Monday days (2000/2003 reforms), the vernal and autumnal equinox by the usual
 * astronomical approximation (valid 1980–2099; the Cabinet Office announces the official day each
 * February and it has matched the formula throughout this range so far), 振替休日 (a holiday on Sunday
 * moves to the nearest following day that is not a holiday) and 国民の休日 (a day between two
 * holidays). The one-off days of 2019 (enthronement) and the Olympic shifts of 2020/2021 are listed
 * explicitly because no rule produces them.
 */
public final class JapaneseHolidays {

    public static final int FIRST_YEAR = 2000;
    public static final int LAST_YEAR = 2099;

    private static final String SUBSTITUTE = "休日（振替休日）";
    private static final String CITIZENS = "休日（国民の休日）";

    private static final Map<Integer, NavigableMap<LocalDate, String>> BY_YEAR = new HashMap<>();
    private static final Map<LocalDate, String> ALL = new HashMap<>();

    static {
        for (int y = FIRST_YEAR; y <= LAST_YEAR; y++) {
            NavigableMap<LocalDate, String> days = Collections.unmodifiableNavigableMap(compute(y));
            BY_YEAR.put(y, days);
            ALL.putAll(days);
        }
    }

    private JapaneseHolidays() {
    }

    /** Whether the day is a national holiday (including 振替休日 and 国民の休日). */
    public static boolean isHoliday(LocalDate day) {
        checkRange(day.getYear());
        return ALL.containsKey(day);
    }

    /** The holiday's name, e.g. 海の日 or 休日（振替休日）. */
    public static Optional<String> name(LocalDate day) {
        checkRange(day.getYear());
        return Optional.ofNullable(ALL.get(day));
    }

    /** Every holiday of the year, in date order. */
    public static NavigableMap<LocalDate, String> of(int year) {
        checkRange(year);
        return BY_YEAR.get(year);
    }

    static void checkRange(int year) {
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            throw new IllegalArgumentException("the holiday calendar covers %d–%d, not %d"
                    .formatted(FIRST_YEAR, LAST_YEAR, year));
        }
    }

    /** 春分日: day of March. */
    static int vernalEquinoxDay(int year) {
        return equinox(year, 20_843_100L);
    }

    /** 秋分日: day of September. */
    static int autumnalEquinoxDay(int year) {
        return equinox(year, 23_248_800L);
    }

    // floor(base + 0.242194 (y − 1980)) − floor((y − 1980) / 4), in millionths so no floating point can
    // round a boundary year the wrong way.
    private static int equinox(int year, long baseMillionths) {
        int d = year - 1980;
        return (int) ((baseMillionths + 242_194L * d) / 1_000_000L) - d / 4;
    }

    private static NavigableMap<LocalDate, String> compute(int y) {
        TreeMap<LocalDate, String> named = new TreeMap<>();
        named.put(LocalDate.of(y, 1, 1), "元日");
        named.put(nthMonday(y, Month.JANUARY, 2), "成人の日");
        named.put(LocalDate.of(y, 2, 11), "建国記念の日");
        if (y >= 2020) {
            named.put(LocalDate.of(y, 2, 23), "天皇誕生日");
        } else if (y <= 2018) {
            named.put(LocalDate.of(y, 12, 23), "天皇誕生日");
        }
        named.put(LocalDate.of(y, 3, vernalEquinoxDay(y)), "春分の日");
        named.put(LocalDate.of(y, 4, 29), y >= 2007 ? "昭和の日" : "みどりの日");
        named.put(LocalDate.of(y, 5, 3), "憲法記念日");
        if (y >= 2007) {
            named.put(LocalDate.of(y, 5, 4), "みどりの日");
        }
        named.put(LocalDate.of(y, 5, 5), "こどもの日");
        if (y == 2020) {
            named.put(LocalDate.of(y, 7, 23), "海の日");
            named.put(LocalDate.of(y, 7, 24), "スポーツの日");
            named.put(LocalDate.of(y, 8, 10), "山の日");
        } else if (y == 2021) {
            named.put(LocalDate.of(y, 7, 22), "海の日");
            named.put(LocalDate.of(y, 7, 23), "スポーツの日");
            named.put(LocalDate.of(y, 8, 8), "山の日");
        } else {
            named.put(y >= 2003 ? nthMonday(y, Month.JULY, 3) : LocalDate.of(y, 7, 20), "海の日");
            if (y >= 2016) {
                named.put(LocalDate.of(y, 8, 11), "山の日");
            }
            named.put(nthMonday(y, Month.OCTOBER, 2), y >= 2020 ? "スポーツの日" : "体育の日");
        }
        named.put(y >= 2003 ? nthMonday(y, Month.SEPTEMBER, 3) : LocalDate.of(y, 9, 15), "敬老の日");
        named.put(LocalDate.of(y, 9, autumnalEquinoxDay(y)), "秋分の日");
        named.put(LocalDate.of(y, 11, 3), "文化の日");
        named.put(LocalDate.of(y, 11, 23), "勤労感謝の日");
        if (y == 2019) {
            named.put(LocalDate.of(2019, 5, 1), "天皇の即位の日");
            named.put(LocalDate.of(2019, 10, 22), "即位礼正殿の儀の行われる日");
        }

        TreeMap<LocalDate, String> all = new TreeMap<>(named);
        // 国民の休日: a day whose day before and day after are both 国民の祝日 (before 2007 the law
        // also excluded Sundays).
        for (LocalDate d : named.keySet()) {
            LocalDate between = d.plusDays(1);
            if (!named.containsKey(between) && named.containsKey(between.plusDays(1))
                    && (y >= 2007 || between.getDayOfWeek() != DayOfWeek.SUNDAY)) {
                all.put(between, CITIZENS);
            }
        }
        // 振替休日: the nearest following day that is not a 国民の祝日 (the pre-2007 "Monday only" rule
        // gives the same days in 2000–2006).
        for (LocalDate d : named.keySet()) {
            if (d.getDayOfWeek() == DayOfWeek.SUNDAY) {
                LocalDate s = d.plusDays(1);
                while (named.containsKey(s)) {
                    s = s.plusDays(1);
                }
                all.put(s, SUBSTITUTE);
            }
        }
        return all;
    }

    private static LocalDate nthMonday(int year, Month month, int n) {
        return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(n, DayOfWeek.MONDAY));
    }
}
