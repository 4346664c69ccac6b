package jp.kakekin.calc;

import jp.kakekin.ledger.Ledger;
import jp.kakekin.ledger.Payment;

import java.time.LocalDate;

/**
 * Who gets which certificate for year Y (RULES.md 1.5).
 * <ul>
 * <li>November issue: a PAID payment dated Jan 1–Sep 30 of Y, or a PAID payment dated before Y that
 *     covers a month of Y (前納中).</li>
 * <li>February issue: not November-eligible, and a PAID payment dated Oct 1–Dec 31 of Y.</li>
 * </ul>
 * A contract terminated during Y still gets the issue its payments qualify it for.
 */
public final class Eligibility {

    private Eligibility() {
    }

    public static boolean november(Ledger ledger, int year) {
        LocalDate jan1 = LocalDate.of(year, 1, 1);
        LocalDate sep30 = DataCutoff.november(year);
        int jan = Months.of(year, 1);
        int dec = Months.of(year, 12);
        for (Payment p : ledger.payments()) {
            if (!p.isPaid()) {
                continue;
            }
            boolean paidJanToSep = !p.date().isBefore(jan1) && !p.date().isAfter(sep30);
            boolean prepaidIntoYear = p.date().isBefore(jan1) && Months.of(p.to()) >= jan && Months.of(p.from()) <= dec;
            if (paidJanToSep || prepaidIntoYear) {
                return true;
            }
        }
        return false;
    }

    public static boolean february(Ledger ledger, int year) {
        if (november(ledger, year)) {
            return false;
        }
        LocalDate oct1 = LocalDate.of(year, 10, 1);
        LocalDate dec31 = DataCutoff.february(year);
        for (Payment p : ledger.payments()) {
            if (p.isPaid() && !p.date().isBefore(oct1) && !p.date().isAfter(dec31)) {
                return true;
            }
        }
        return false;
    }
}
