package jp.kakekin.calc;

import jp.kakekin.ledger.ApplicationMethod;
import jp.kakekin.ledger.Payment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * In which month each premium month is collected, and so from when it is due (RULES.md 1.1 and 1.3).
 * <ul>
 * <li>Regularly: its own month (monthly), or the designated month of a semiannual/annual collection.</li>
 * <li>A new contract's months before the first transfer are collected with it in applicationMonth+2
 *     (except what the application month's collection covers for a CASH application, paid at the window:
 *     the application month, or all 6/12 months of a semiannual/annual mode designated from it).</li>
 * <li>After a failed transfer in month f (振替不能): f+1 is collected in f+4 together with f+4; f+2, f+3
 *     and the months after are collected monthly until the next designated month of a semiannual or annual
 *     mode (the 11 or 5 months the failed collection would have prepaid are dropped); f+2 also collects
 *     every month that was due at f and is still unpaid.</li>
 * </ul>
 * A month is <b>due</b> once the month in which it is collected has come.
 */
final class CollectionSchedule {

    private final PremiumTimeline timeline;
    private final int base;
    private final int end;
    private final int application;
    private final int firstTransfer;
    private final boolean cash;
    /**
     * The month in which each month base..end is collected; null while that is the regular collection with
     * the application's adjustment alone ({@link #regular}) and no month is designated — most ledgers pay
     * monthly and never failed, and the print run made and filled this array (hundreds of months) for every
     * record all the same (issue #14). A failure, or a designated month, makes it.
     */
    private int[] collection;
    /** Months in which a failed transfer happened, in order. */
    final List<Integer> failures = new ArrayList<>();

    CollectionSchedule(LedgerAtCutoff known, int lastMonth) {
        PremiumTimeline t = known.timeline;
        timeline = t;
        application = Months.of(known.ledger.applicationMonth());
        firstTransfer = application + 2;
        cash = known.ledger.applicationMethod() == ApplicationMethod.CASH;
        base = Math.min(known.firstKnownMonth, application);
        end = Math.max(lastMonth, known.cutoffMonth + 24);
        if (t.anyDesignated()) {
            materialize();
        }
        int lastFailure = Integer.MIN_VALUE; // failures.getLast(), unboxed
        for (Payment p : known.payments) {
            if (p.isPaid()) {
                continue;
            }
            int f = Months.of(p.date());
            if (!failures.isEmpty() && lastFailure == f) {
                continue;
            }
            failures.add(f);
            lastFailure = f;
            set(f + 1, f + 4);
            int m = f + 2;
            for (; m <= end; m++) {
                if (m >= f + 5 && t.isDesignated(m)) {
                    break;
                }
                set(m, m);
            }
            // From the next designated collection on, a month the failed collection would have prepaid (a
            // paymentModes[] entry taking effect inside its span) is collected as the modes after f say:
            // the failed collection was never made, so "a later entry never shortens a collection made
            // before it" does not keep it (RULES.md 1.1, 1.3).
            for (; m <= end; m++) {
                if (collectedIn(m) == f) {
                    set(m, t.regularCollectionAfter(m, f));
                }
            }
        }
    }

    /** The collection of every month before failures: regular (RULES.md 1.1), then the application's rule. */
    private void materialize() {
        collection = timeline.regularCollections(base, end);
        for (int m = base; m <= end; m++) {
            collection[m - base] = regular(m, collection[m - base]);
        }
    }

    /** A month's regular collection {@code c}, moved to the first transfer for a new contract's first months. */
    private int regular(int m, int c) {
        // A CASH applicant pays at the window what the application month's collection covers: the
        // application month, or the 6/12 months of a semiannual/annual mode designated from it (1.1).
        if (m >= application && c < firstTransfer && !(cash && c == application)) {
            return firstTransfer;
        }
        return c;
    }

    private void set(int m, int c) {
        int i = m - base;
        if (i >= 0 && i <= end - base) {
            if (collection == null) {
                materialize();
            }
            collection[i] = c;
        }
    }

    /** The month in which month m is collected. */
    int collectedIn(int m) {
        int i = m - base;
        if (i < 0 || m > end) {
            return m;
        }
        // without the array no month is designated: each is regularly collected in itself
        return collection == null ? regular(m, m) : collection[i];
    }

    boolean isDueBy(int m, int month) {
        return collectedIn(m) <= month;
    }

    int firstMonth() {
        return base;
    }

    int lastMonth() {
        return end;
    }

    @Override
    public String toString() {
        if (collection == null) {
            materialize(); // the same text whether or not the array was needed
        }
        return "CollectionSchedule" + Arrays.toString(collection);
    }
}
