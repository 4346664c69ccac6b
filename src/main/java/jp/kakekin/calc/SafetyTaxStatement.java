package jp.kakekin.calc;

import jp.kakekin.ledger.Ledger;
import jp.kakekin.ledger.Payment;

import java.time.LocalDate;

/**
 * 経営セーフティ共済 premiums of the tax period ending in Y (RULES.md 2): 必要経費 for an individual
 * (calendar year), 損金 for a corporation (事業年度 ending in {@code fiscalYearEndMonth}).
 * <ul>
 * <li>paid: PAID payments dated in the period, prepayments included.</li>
 * <li>A payment of one year or less (months from its own month onward ≤ 12) is deductible in full in
 *     the period it is paid; a longer one only for the months falling due in each period — those before
 *     the end of the period it is paid in, and later periods' months in those periods.</li>
 * <li>2024 re-join rule (RULES.md 2; {@link RejoinRule}).</li>
 * </ul>
 */
final class SafetyTaxStatement {

    private final CalculationPolicy policy;

    SafetyTaxStatement(CalculationPolicy policy) {
        this.policy = policy;
    }

    SafetyTaxFigures figures(Ledger ledger, int year) {
        boolean corporate = ledger.holder().corporate();
        int endMonth = corporate ? ledger.holder().fiscalYearEndMonth() : 12;
        int to = Months.of(year, endMonth);
        int from = to - 11;
        PremiumTimeline premiums = PremiumTimeline.inForce(ledger);
        RejoinRule rejoin = new RejoinRule(ledger.previousTermination(), policy);
        long paid = 0;
        long deductible = 0;
        long excluded = 0;
        long deferred = 0;
        long released = 0;
        for (Payment p : ledger.payments()) {
            if (!p.isPaid()) {
                continue;
            }
            int paidMonth = Months.of(p.date());
            boolean paidInPeriod = paidMonth >= from && paidMonth <= to;
            long inPeriod;
            if (paidInPeriod) {
                paid += p.amount();
                if (PrepaymentTerm.isLongerThanOneYear(p)) {
                    inPeriod = sharesFallingDue(p, premiums, Integer.MIN_VALUE, to);
                    deferred += p.amount() - inPeriod;
                } else {
                    inPeriod = p.amount();
                }
            } else if (paidMonth < from && PrepaymentTerm.isLongerThanOneYear(p)) {
                inPeriod = sharesFallingDue(p, premiums, from, to);
                released += inPeriod;
            } else {
                continue;
            }
            if (rejoin.excludes(p.date())) {
                excluded += inPeriod;
            } else {
                deductible += inPeriod;
            }
        }
        return new SafetyTaxFigures(DocumentKind.SAFETY_TAX_STATEMENT, year, ledger.contractNo(), corporate,
                Months.toYearMonth(from), Months.toYearMonth(to), paid, deductible, excluded, deferred, released,
                rejoin.lastExcludedDay());
    }

    /** The part of a payment for months falling due in [from, to]: a month falls due at the later of itself and the payment. */
    private static long sharesFallingDue(Payment p, PremiumTimeline premiums, int from, int to) {
        long[] shares = premiums.shares(p);
        int first = Months.of(p.from());
        int paidMonth = Months.of(p.date());
        long sum = 0;
        for (int i = 0; i < shares.length; i++) {
            int due = Math.max(first + i, paidMonth);
            if (due >= from && due <= to) {
                sum += shares[i];
            }
        }
        return sum;
    }

    /**
     * 2024 reform (措法28条・66条の11 as amended): when an earlier contract was cancelled on or after
     * 2024-10-01, premiums the re-joined contract pays up to the day two years from the cancellation
     * have passed are not deductible. policy: that day is cancellation + 2 years, inclusive (configurable
     * to stop the day before).
     */
    static final class RejoinRule {
        static final LocalDate IN_FORCE_FOR_CANCELLATIONS_FROM = LocalDate.of(2024, 10, 1);
        private final LocalDate lastExcludedDay;

        RejoinRule(LocalDate previousTermination, CalculationPolicy policy) {
            if (previousTermination == null || previousTermination.isBefore(IN_FORCE_FOR_CANCELLATIONS_FROM)) {
                lastExcludedDay = null;
            } else {
                LocalDate anniversary = previousTermination.plusYears(2);
                lastExcludedDay = policy.rejoinWindowInclusiveOfAnniversary() ? anniversary : anniversary.minusDays(1);
            }
        }

        /** null when the contract has no earlier cancellation the rule applies to. */
        LocalDate lastExcludedDay() {
            return lastExcludedDay;
        }

        boolean excludes(LocalDate paidOn) {
            return lastExcludedDay != null && !paidOn.isAfter(lastExcludedDay);
        }
    }
}
