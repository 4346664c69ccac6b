package jp.kakekin.calc;

import jp.kakekin.ledger.Ledger;
import jp.kakekin.ledger.Payment;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The ledger as it was known at a data cutoff (RULES.md 1.5): payments dated after the cutoff and a
 * termination after it are invisible, so a ledger exported later still yields the figures as they were.
 */
final class LedgerAtCutoff {

    final Ledger ledger;
    final LocalDate cutoff;
    final int cutoffMonth;
    /** Visible payments (PAID and FAILED), in date order. */
    final List<Payment> payments;
    final PremiumTimeline timeline;
    /** First month that owes nothing under the termination policy, or MAX_VALUE. */
    final int terminationMonth;
    /** Months before this are outside what the ledger can tell us (RULES.md 1.3). */
    final int firstKnownMonth;
    private final int coveredBase;
    private final boolean[] covered;

    LedgerAtCutoff(Ledger ledger, LocalDate cutoff, CalculationPolicy policy) {
        this.ledger = ledger;
        this.cutoff = cutoff;
        this.cutoffMonth = Months.of(cutoff);
        List<Payment> visible = new ArrayList<>(ledger.payments().size());
        for (Payment p : ledger.payments()) {
            if (!p.date().isAfter(cutoff)) {
                visible.add(p);
            }
        }
        visible.sort(Comparator.comparing(Payment::date));
        this.payments = visible;
        this.timeline = PremiumTimeline.inForce(ledger);
        LocalDate t = ledger.terminatedOn();
        if (t == null || t.isAfter(cutoff)) {
            terminationMonth = Integer.MAX_VALUE;
        } else {
            // policy: a contract terminated on day t owes nothing from t's month on (or from the next month)
            terminationMonth = Months.of(t) + (policy.terminationMonthOwesNothing() ? 0 : 1);
        }
        int firstCovered = Integer.MAX_VALUE;
        int lastCovered = Integer.MIN_VALUE;
        for (Payment p : visible) {
            firstCovered = Math.min(firstCovered, Months.of(p.from()));
            lastCovered = Math.max(lastCovered, Months.of(p.to()));
        }
        int contractMonth = Months.of(ledger.contractDate());
        firstKnownMonth = firstCovered == Integer.MAX_VALUE ? contractMonth : Math.max(contractMonth, firstCovered);
        coveredBase = Math.min(firstKnownMonth, firstCovered == Integer.MAX_VALUE ? firstKnownMonth : firstCovered);
        int end = Math.max(lastCovered, cutoffMonth) + 1;
        covered = new boolean[Math.max(0, end - coveredBase + 1)];
        for (Payment p : visible) {
            if (p.isPaid()) {
                for (int m = Months.of(p.from()); m <= Months.of(p.to()); m++) {
                    covered[m - coveredBase] = true;
                }
            }
        }
    }

    /** Whether a PAID payment known at the cutoff covers month m. */
    boolean isCovered(int m) {
        int i = m - coveredBase;
        return i >= 0 && i < covered.length && covered[i];
    }

    /** Whether the contract owes month m at all: on or after the first known month, before termination. */
    boolean owes(int m) {
        return m >= firstKnownMonth && m < terminationMonth;
    }
}
