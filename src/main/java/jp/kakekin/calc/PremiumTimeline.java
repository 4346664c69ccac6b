package jp.kakekin.calc;

import jp.kakekin.ledger.Ledger;
import jp.kakekin.ledger.Payment;
import jp.kakekin.ledger.PaymentMode;
import jp.kakekin.ledger.PaymentModePeriod;
import jp.kakekin.ledger.PendingRequest;
import jp.kakekin.ledger.PremiumPeriod;

import java.util.List;

/** 掛金月額 and 払込区分 month by month, from the ledger's {@code premiums[]} and {@code paymentModes[]}. */
final class PremiumTimeline {

    private final int[] premiumFrom;
    private final long[] premiumMonthly;
    private final int[] modeFrom;
    private final PaymentMode[] modes;
    private final int[] designated;
    /**
     * Whether any entry is semiannual or annual. Most ledgers pay monthly throughout; then no month is
     * designated and every month is collected in itself, which the per-month searches below (called for
     * every month of a contract's life) need not find out again and again.
     */
    private final boolean anyDesignated;
    // Pending AMOUNT_CHANGE requests count only when projecting collections that have not happened yet.
    private final int[] pendingFrom;
    private final long[] pendingMonthly;

    private PremiumTimeline(Ledger ledger, boolean withPending) {
        List<PremiumPeriod> premiums = ledger.premiums();
        premiumFrom = new int[premiums.size()];
        premiumMonthly = new long[premiums.size()];
        for (int i = 0; i < premiums.size(); i++) {
            premiumFrom[i] = Months.of(premiums.get(i).from());
            premiumMonthly[i] = premiums.get(i).monthly();
        }
        List<PaymentModePeriod> ms = ledger.paymentModes();
        modeFrom = new int[ms.size()];
        modes = new PaymentMode[ms.size()];
        designated = new int[ms.size()];
        boolean any = false;
        for (int i = 0; i < ms.size(); i++) {
            modeFrom[i] = Months.of(ms.get(i).from());
            modes[i] = ms.get(i).mode();
            designated[i] = ms.get(i).month() == null ? 0 : ms.get(i).month();
            any |= modes[i] != PaymentMode.MONTHLY;
        }
        anyDesignated = any;
        // most ledgers have no pending request: no stream for them
        List<PendingRequest> changes = withPending && !ledger.pendingRequests().isEmpty()
                ? ledger.pendingRequests().stream()
                        .filter(r -> r.kind() == PendingRequest.Kind.AMOUNT_CHANGE)
                        .sorted(java.util.Comparator.comparing(PendingRequest::effective))
                        .toList()
                : List.of();
        pendingFrom = new int[changes.size()];
        pendingMonthly = new long[changes.size()];
        for (int i = 0; i < changes.size(); i++) {
            pendingFrom[i] = Months.of(changes.get(i).effective());
            pendingMonthly[i] = changes.get(i).monthly();
        }
    }

    static PremiumTimeline inForce(Ledger ledger) {
        return new PremiumTimeline(ledger, false);
    }

    static PremiumTimeline withPendingChanges(Ledger ledger) {
        return new PremiumTimeline(ledger, true);
    }

    /**
     * {@link #withPendingChanges}, or {@code inForce} itself (the same ledger's {@link #inForce} timeline) when
     * the ledger has no pending AMOUNT_CHANGE, the only thing a pending timeline adds: most ledgers have none,
     * and a second timeline per record was work for nothing (issue #14).
     */
    static PremiumTimeline withPendingChanges(Ledger ledger, PremiumTimeline inForce) {
        return anyPendingChange(ledger) ? new PremiumTimeline(ledger, true) : inForce;
    }

    /** Whether some entry is semiannual or annual (else every month is collected in itself). */
    boolean anyDesignated() {
        return anyDesignated;
    }

    /** Whether the ledger has a pending AMOUNT_CHANGE, the only thing {@link #withPendingChanges} adds. */
    private static boolean anyPendingChange(Ledger ledger) {
        for (PendingRequest r : ledger.pendingRequests()) {
            if (r.kind() == PendingRequest.Kind.AMOUNT_CHANGE) {
                return true;
            }
        }
        return false;
    }

    /** The monthly premium of month m (0 before the first premium entry). */
    long premium(int m) {
        for (int i = pendingFrom.length - 1; i >= 0; i--) {
            if (pendingFrom[i] <= m) {
                return pendingMonthly[i];
            }
        }
        long p = 0;
        for (int i = 0; i < premiumFrom.length && premiumFrom[i] <= m; i++) {
            p = premiumMonthly[i];
        }
        return p;
    }

    private int modeIndex(int m) {
        int idx = -1;
        for (int i = 0; i < modeFrom.length && modeFrom[i] <= m; i++) {
            idx = i;
        }
        return idx;
    }

    /** Whether m is a designated collection month (指定月) of the semiannual/annual mode in force at m. */
    boolean isDesignated(int m) {
        if (!anyDesignated) {
            return false;
        }
        return designatedUnder(modeIndex(m), m);
    }

    /** Whether m is a designated month of entry i (-1: before the first entry). */
    private boolean designatedUnder(int i, int m) {
        if (i < 0 || modes[i] == PaymentMode.MONTHLY) {
            return false;
        }
        int moy = Months.monthOfYear(m);
        if (modes[i] == PaymentMode.ANNUAL) {
            return moy == designated[i];
        }
        return moy == designated[i] || moy == (designated[i] + 5) % 12 + 1;
    }

    /**
     * For each month d from {@code from} to {@code to}: how many months its collection spans when d is a
     * designated month ({@link #span}), else 0. One pass, the entry in force moving along with d, where
     * {@link #isDesignated} and {@link #span} search the entries for every month (a collection schedule asked
     * them 12 times for each of hundreds of months: ≈ 6 % of the calculate step, issue #14).
     */
    int[] designatedSpans(int from, int to) {
        int[] spans = new int[Math.max(0, to - from + 1)];
        if (!anyDesignated) {
            return spans;
        }
        int i = -1; // modeIndex(d): the last of the leading entries from on or before d
        for (int d = from; d <= to; d++) {
            while (i + 1 < modeFrom.length && modeFrom[i + 1] <= d) {
                i++;
            }
            if (designatedUnder(i, d)) {
                spans[d - from] = modes[i].monthsPerCollection();
            }
        }
        return spans;
    }

    /**
     * How many months a collection in month d covers under the mode in force in d (RULES.md 1.1):
     * 6 or 12 in a designated month of a semiannual/annual mode, else 1.
     */
    int span(int d) {
        return isDesignated(d) ? modes[modeIndex(d)].monthsPerCollection() : 1;
    }

    /**
     * The month whose regular collection covers m (RULES.md 1.1): the earliest designated month d at or
     * before m whose collection, under the mode in force in d, spans m (d..d+5 or d..d+11); m itself when
     * no designated collection spans it (monthly, or a new mode's months before its first designated
     * month). The earliest wins because a later collection skips the months already paid: a later
     * {@code paymentModes[]} entry never shortens a collection made before it starts.
     */
    int regularCollection(int m) {
        return regularCollectionAfter(m, Integer.MIN_VALUE);
    }

    /**
     * {@link #regularCollection} of every month from {@code from} to {@code to} (index m - from), the same rule
     * on the designated months' spans found in one pass ({@link #designatedSpans}) instead of searching the
     * entries twelve times per month (a collection schedule asks it for hundreds of months: issue #14).
     */
    int[] regularCollections(int from, int to) {
        int[] collections = new int[Math.max(0, to - from + 1)];
        int first = from - 11;
        int[] spans = designatedSpans(first, to);
        for (int m = from; m <= to; m++) {
            int c = m;
            for (int d = m - 11; d <= m; d++) {
                int span = spans[d - first];
                if (span != 0 && m < d + span) {
                    c = d; // the earliest designated collection spanning m
                    break;
                }
            }
            collections[m - from] = c;
        }
        return collections;
    }

    /**
     * The same, counting only designated collections after month {@code after}: the collection of a
     * month that a failed collection in {@code after} would have prepaid (RULES.md 1.3: those months are
     * dropped, not paid — so a later {@code paymentModes[]} entry governs them).
     */
    int regularCollectionAfter(int m, int after) {
        if (!anyDesignated) {
            return m;
        }
        for (int d = Math.max(m - 11, after + 1); d <= m; d++) {
            if (isDesignated(d) && m < d + modes[modeIndex(d)].monthsPerCollection()) {
                return d;
            }
        }
        return m;
    }

    /** The 払込区分 in force in month m (MONTHLY before the first entry). */
    PaymentMode mode(int m) {
        int i = modeIndex(m);
        return i < 0 ? PaymentMode.MONTHLY : modes[i];
    }

    /** The designated month of year of the mode in force in m (0 for MONTHLY or before the first entry). */
    int designatedMonthOfYear(int m) {
        int i = modeIndex(m);
        return i < 0 ? 0 : designated[i];
    }

    /**
     * What a payment pays for each month it covers, in order. It equals the premium of the month
     * except for a SAFETY payment that reaches the cap (端数), which runs out part-way.
     */
    long[] shares(Payment p) {
        int from = Months.of(p.from());
        int to = Months.of(p.to());
        long[] shares = new long[to - from + 1];
        long left = p.amount();
        for (int m = from; m <= to; m++) {
            long s = Math.min(premium(m), left);
            shares[m - from] = s;
            left -= s;
        }
        if (left > 0) {
            shares[shares.length - 1] += left;
        }
        return shares;
    }
}
