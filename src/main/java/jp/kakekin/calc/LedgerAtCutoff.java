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
    private List<List<Payment>> paidCovering;

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
        this.terminationMonth = terminationMonth(ledger, cutoff, policy);
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

    /**
     * The first month the contract owes nothing, for a termination known at the cutoff (RULES.md 1.1
     * policy: from the termination month on, or from the next month when the policy says the
     * termination month is still owed); MAX_VALUE when there is none.
     */
    static int terminationMonth(Ledger ledger, LocalDate cutoff, CalculationPolicy policy) {
        LocalDate t = ledger.terminatedOn();
        if (t == null || t.isAfter(cutoff)) {
            return Integer.MAX_VALUE;
        }
        return Months.of(t) + (policy.terminationMonthOwesNothing() ? 0 : 1);
    }

    /** The termination day when it is known at the cutoff, else null. */
    LocalDate terminatedOn() {
        LocalDate t = ledger.terminatedOn();
        return t == null || t.isAfter(cutoff) ? null : t;
    }

    /** The PAID payments known at the cutoff that cover month m, in date order (built on first use). */
    List<Payment> paidCovering(int m) {
        if (paidCovering == null) {
            List<List<Payment>> index = new ArrayList<>(covered.length);
            for (int i = 0; i < covered.length; i++) {
                index.add(null);
            }
            for (Payment p : payments) {
                if (p.isPaid()) {
                    for (int k = Months.of(p.from()); k <= Months.of(p.to()); k++) {
                        int i = k - coveredBase;
                        if (index.get(i) == null) {
                            index.set(i, new ArrayList<>(1));
                        }
                        index.get(i).add(p);
                    }
                }
            }
            paidCovering = index;
        }
        int i = m - coveredBase;
        List<Payment> list = i >= 0 && i < paidCovering.size() ? paidCovering.get(i) : null;
        return list == null ? List.of() : list;
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
