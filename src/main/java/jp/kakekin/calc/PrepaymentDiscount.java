package jp.kakekin.calc;

import jp.kakekin.ledger.DiscountCarried;
import jp.kakekin.ledger.Ledger;
import jp.kakekin.ledger.Payment;
import jp.kakekin.ledger.Scheme;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * 前納減額金 (RULES.md 1.4; for SAFETY the same mechanism with its own rates, RULES.md 2).
 * <ul>
 * <li>A PAID payment made in month p that covers month m &gt; p earns for m:
 *     premium(m) × rate × min(m − p, 12); rate 0.9/1000 (SHOKIBO; SAFETY prepayments from 2017-11-01)
 *     or 5/1000 (SAFETY prepayments before 2017-11-01).</li>
 * <li>The accrual for m joins the balance when m arrives (充当). Months from the termination month on
 *     are never 充当 and earn nothing (RULES.md 1.1 policy; their premium is refunded).</li>
 * <li>At every March-end the balance is tested: at or above the threshold (5,000 yen) it is paid out in
 *     June and returns to zero; below, it carries over.</li>
 * <li>policy: balances are kept exactly (in 1/10,000 yen); the payout is rounded down to whole yen and
 *     the fraction dropped.</li>
 * <li>{@code discountCarried} seeds the balance after its March-end {@code asOf}; accruals for months up
 *     to {@code asOf} are already in it.</li>
 * </ul>
 */
public final class PrepaymentDiscount {

    /** Amounts are kept in units of 1/10,000 yen so that 0.9/1000 and 5/1000 accrue exactly. */
    private static final long UNIT = 10_000;
    private static final LocalDate SAFETY_RATE_CHANGE = LocalDate.of(2017, 11, 1);

    private final long threshold;

    PrepaymentDiscount(CalculationPolicy policy) {
        this.threshold = policy.discountPayoutThreshold();
    }

    /** Rate in 1/10,000 per month of prepayment for a payment made on {@code paidOn}. */
    static long rate(Scheme scheme, LocalDate paidOn) {
        if (scheme == Scheme.SAFETY && paidOn.isBefore(SAFETY_RATE_CHANGE)) {
            return 50;
        }
        return 9;
    }

    /** The payout made in June of {@code year} (0 if none). */
    long paidInJune(Ledger ledger, List<Payment> payments, PremiumTimeline premiums, int year) {
        return paidInJune(ledger, payments, premiums, year, Integer.MAX_VALUE);
    }

    /**
     * @param terminationMonth the first month the contract owes nothing (a termination known at the
     *                         cutoff; MAX_VALUE when none): months from it on are never 充当 and earn
     *                         nothing (RULES.md 1.1, 1.4)
     */
    long paidInJune(Ledger ledger, List<Payment> payments, PremiumTimeline premiums, int year, int terminationMonth) {
        Payout payout = payouts(ledger, payments, premiums, year, terminationMonth);
        return payout.june == year ? payout.amount : 0;
    }

    /** The last payout at or before June of {@code year}. */
    record Payout(int june, long amount) {
    }

    /**
     * Runs the balance March-end by March-end up to the March of {@code year}; returns the payout of
     * that year's June if there is one, else the latest earlier payout (year 0 when there was none).
     */
    Payout payouts(Ledger ledger, List<Payment> payments, PremiumTimeline premiums, int year, int terminationMonth) {
        int lastMarch = Months.of(year, 3);
        // accrual per month, in units; months are indexed from the earliest month any payment touches
        int first = Integer.MAX_VALUE;
        int last = Integer.MIN_VALUE;
        for (Payment p : payments) {
            if (p.isPaid()) {
                first = Math.min(first, Math.max(Months.of(p.date()) + 1, Months.of(p.from())));
                last = Math.max(last, Months.of(p.to()));
            }
        }
        DiscountCarried carried = ledger.discountCarried();
        int seededAfter = carried == null ? Integer.MIN_VALUE : Months.of(carried.asOf());
        long balance = carried == null ? 0 : carried.amount().multiply(BigDecimal.valueOf(UNIT)).longValue();
        int firstMarch;
        if (carried != null) {
            firstMarch = seededAfter + 12;
        } else if (first == Integer.MAX_VALUE) {
            return new Payout(0, 0);
        } else {
            int y = Months.year(first);
            firstMarch = Months.of(y, 3) >= first ? Months.of(y, 3) : Months.of(y + 1, 3);
        }
        if (first == Integer.MAX_VALUE) {
            first = last = seededAfter + 1;
        }
        long[] accrual = new long[Math.max(0, Math.min(last, lastMarch) - first + 1)];
        for (Payment p : payments) {
            if (!p.isPaid()) {
                continue;
            }
            int paidMonth = Months.of(p.date());
            long rate = rate(ledger.scheme(), p.date());
            long[] shares = premiums.shares(p);
            int from = Months.of(p.from());
            int to = Math.min(Months.of(p.to()), terminationMonth - 1);
            for (int m = Math.max(from, paidMonth + 1); m <= to; m++) {
                if (m <= seededAfter || m - first >= accrual.length) {
                    continue;
                }
                accrual[m - first] += shares[m - from] * rate * Math.min(m - paidMonth, 12);
            }
        }
        Payout result = new Payout(0, 0);
        int m = carried != null ? seededAfter + 1 : first;
        for (int march = firstMarch; march <= lastMarch; march += 12) {
            for (; m <= march; m++) {
                if (m >= first && m - first < accrual.length) {
                    balance += accrual[m - first];
                }
            }
            if (balance >= threshold * UNIT) {
                result = new Payout(Months.year(march), balance / UNIT);
                balance = 0;
            }
        }
        return result;
    }
}
