package jp.kakekin.calc;

import jp.kakekin.ledger.Scheme;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * When money moves: 口座振替 happens on the scheme's transfer day of the month (小規模企業共済 the 18th,
 * 経営セーフティ共済 the 27th; RULES.md 1.1 and 2) or, when that is not a business day, on the next
 * business day — which for a SAFETY collection of February can be in March (2027-02-27 → 2027-03-01).
 * Business days exclude Saturdays, Sundays, national holidays ({@link JapaneseHolidays}) and the
 * banks' year-end closing 12/31–1/3.
 */
public final class CollectionCalendar {

    private static final int FIRST = JapaneseHolidays.FIRST_YEAR * 12;
    private static final int LAST = JapaneseHolidays.LAST_YEAR * 12 + 11;
    /** Transfer dates of every month of the range, per scheme: computing them is cheap, but not free. */
    private static final LocalDate[][] TRANSFER = new LocalDate[Scheme.values().length][LAST - FIRST + 1];

    private CollectionCalendar() {
    }

    public static boolean isBusinessDay(LocalDate day) {
        DayOfWeek w = day.getDayOfWeek();
        if (w == DayOfWeek.SATURDAY || w == DayOfWeek.SUNDAY) {
            return false;
        }
        int m = day.getMonthValue();
        int d = day.getDayOfMonth();
        if ((m == 12 && d == 31) || (m == 1 && d <= 3)) {
            return false;
        }
        return !JapaneseHolidays.isHoliday(day);
    }

    /** The day itself when it is a business day, else the next one. */
    public static LocalDate onOrNextBusinessDay(LocalDate day) {
        LocalDate d = day;
        while (!isBusinessDay(d)) {
            d = d.plusDays(1);
        }
        return d;
    }

    /** The nominal transfer day of the month: 18 for 小規模企業共済, 27 for 経営セーフティ共済. */
    public static int nominalTransferDay(Scheme scheme) {
        return scheme == Scheme.SHOKIBO ? 18 : 27;
    }

    /** The date on which the collection of {@code month} is actually transferred. */
    public static LocalDate transferDate(Scheme scheme, YearMonth month) {
        int index = month.getYear() * 12 + month.getMonthValue() - 1;
        if (index < FIRST || index > LAST) {
            JapaneseHolidays.checkRange(month.getYear());
        }
        LocalDate[] cache = TRANSFER[scheme.ordinal()];
        LocalDate d = cache[index - FIRST];
        if (d == null) {
            // Benign race: every thread computes the same immutable value.
            d = onOrNextBusinessDay(month.atDay(nominalTransferDay(scheme)));
            cache[index - FIRST] = d;
        }
        return d;
    }

    /**
     * The day a SAFETY 掛金前納申出書 must reach the operator to be collected in {@code month}:
     * the 5th, or the next business day (RULES.md 2).
     */
    public static LocalDate safetyPrepaymentDeadline(YearMonth month) {
        return onOrNextBusinessDay(month.atDay(5));
    }
}
