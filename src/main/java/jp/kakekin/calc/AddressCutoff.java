package jp.kakekin.calc;

import jp.kakekin.ledger.Address;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

/**
 * RULES.md 1.7: the certificate goes to the latest address received on or before the cutoff, by
 * default the second Friday of October (November issue) or of January of Y+1 (February issue).
 */
public final class AddressCutoff {

    private AddressCutoff() {
    }

    public static LocalDate november(int year) {
        return secondFriday(LocalDate.of(year, 10, 1));
    }

    /** The February issue for year Y is mailed in Y+1; its cutoff is in January of Y+1. */
    public static LocalDate february(int year) {
        return secondFriday(LocalDate.of(year + 1, 1, 1));
    }

    static LocalDate secondFriday(LocalDate firstOfMonth) {
        return firstOfMonth.with(TemporalAdjusters.dayOfWeekInMonth(2, DayOfWeek.FRIDAY));
    }

    /** The address in force at the cutoff (the cutoff day itself counts); the earliest one if none was yet. */
    public static Address addressAt(List<Address> addresses, LocalDate cutoff) {
        Address best = null;
        for (Address a : addresses) {
            if (!a.receivedOn().isAfter(cutoff) && (best == null || !a.receivedOn().isBefore(best.receivedOn()))) {
                best = a;
            }
        }
        if (best == null) {
            // An address received after the cutoff is still the only place the holder can be reached.
            for (Address a : addresses) {
                if (best == null || a.receivedOn().isBefore(best.receivedOn())) {
                    best = a;
                }
            }
        }
        return best;
    }
}
