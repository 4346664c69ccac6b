package jp.kakekin.calc;

import jp.kakekin.ledger.Ledger;
import jp.kakekin.ledger.Payment;

import java.time.LocalDate;

/**
 * Who gets which certificate for year Y (RULES.md 1.5).
 * <ul>
 * <li>November issue: a PAID payment dated Jan 1–Sep 30 of Y, or a PAID payment dated before Y that
 *     covers a month of Y before the termination month (前納中; a termination known at Sep 30).</li>
 * <li>February issue: not November-eligible, and a PAID payment dated Oct 1–Dec 31 of Y.</li>
 * </ul>
 * A contract terminated during Y still gets the issue its payments qualify it for.
 */
public final class Eligibility {

    private Eligibility() {
    }

    public static boolean november(Ledger ledger, int year) {
        return november(ledger, year, CalculationPolicy.defaults());
    }

    /**
     * @param policy says from which month a termination owes nothing: months from then on are never
     *               充当, so a prepayment covering only them does not make the contract 前納中 (RULES.md 1.1)
     */
    public static boolean november(Ledger ledger, int year, CalculationPolicy policy) {
        LocalDate jan1 = LocalDate.of(year, 1, 1);
        LocalDate sep30 = DataCutoff.november(year);
        int jan = Months.of(year, 1);
        // a termination known at the November cutoff ends the months a prepayment can be 充当 to
        int dec = Math.min(Months.of(year, 12), LedgerAtCutoff.terminationMonth(ledger, sep30, policy) - 1);
        for (Payment p : ledger.payments()) {
            if (!p.isPaid()) {
                continue;
            }
            boolean paidJanToSep = !p.date().isBefore(jan1) && !p.date().isAfter(sep30);
            boolean prepaidIntoYear = p.date().isBefore(jan1)
                    && Math.max(Months.of(p.from()), jan) <= Math.min(Months.of(p.to()), dec);
            if (paidJanToSep || prepaidIntoYear) {
                return true;
            }
        }
        return false;
    }

    public static boolean february(Ledger ledger, int year) {
        return february(ledger, year, CalculationPolicy.defaults());
    }

    public static boolean february(Ledger ledger, int year, CalculationPolicy policy) {
        if (november(ledger, year, policy)) {
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
