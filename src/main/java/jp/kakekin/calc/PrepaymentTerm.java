package jp.kakekin.calc;

import jp.kakekin.ledger.Payment;

/**
 * The one-year rule for prepayments (所得税基本通達 74・75-1 / 74・75-2; RULES.md 1.2 and 2):
 * a payment is "within one year" when the months it covers from its own month onward number 12 or
 * fewer. Arrears months it also covers do not count: they are deductible when paid.
 */
public final class PrepaymentTerm {

    private PrepaymentTerm() {
    }

    /** How many of the covered months fall in the payment's own month or later. */
    public static int monthsAhead(Payment p) {
        int paid = Months.of(p.date());
        int from = Math.max(Months.of(p.from()), paid);
        int to = Months.of(p.to());
        return Math.max(0, to - from + 1);
    }

    public static boolean isLongerThanOneYear(Payment p) {
        return monthsAhead(p) > 12;
    }

    /** Whether a payment touches year Y: it is made in Y or covers a month of Y. */
    static boolean touches(Payment p, int year) {
        return touches(p, year, Integer.MAX_VALUE);
    }

    /**
     * Whether a payment touches year Y when the contract owes nothing from {@code terminationMonth} on:
     * it is made in Y or covers a month of Y before that month (months from it on are never 充当,
     * RULES.md 1.1 policy).
     */
    static boolean touches(Payment p, int year, int terminationMonth) {
        int lastOwed = Math.min(Months.of(year, 12), terminationMonth - 1);
        return p.date().getYear() == year
                || Math.max(Months.of(p.from()), Months.of(year, 1)) <= Math.min(Months.of(p.to()), lastOwed);
    }
}
