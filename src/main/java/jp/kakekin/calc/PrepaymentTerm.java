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
        return p.date().getYear() == year
                || (Months.of(p.from()) <= Months.of(year, 12) && Months.of(p.to()) >= Months.of(year, 1));
    }
}
