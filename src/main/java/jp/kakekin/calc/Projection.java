package jp.kakekin.calc;

import jp.kakekin.ledger.PendingRequest;

/**
 * お払込み予定額 (RULES.md 1.6): what will be requested in October, November and December of Y under
 * the collection schedule (1.1, 1.3), assuming every request succeeds, skipping months already paid
 * for, and including the requests still pending at the cutoff (LUMP_SUM, AMOUNT_CHANGE).
 * <p>
 * A month after December of Y that an Oct–Dec collection covers (a designated collection's span, a lump
 * sum) is requested at December's premium: a {@code premiums[]} entry or pending change taking effect
 * after December may have been filed after the cutoff, and the November figures cannot depend on when
 * the ledger was exported (RULES.md 1.1, 1.5).
 */
final class Projection {

    private Projection() {
    }

    static long octoberToDecember(LedgerAtCutoff known, CollectionSchedule schedule, int year) {
        return requestedFrom(known, schedule, year, Months.of(year, 10));
    }

    /**
     * What will be requested from month {@code from} to December of Y (a corrected certificate's 予定額: the
     * months after its data date, docs/corrections.md); 0 when {@code from} is after December.
     */
    static long requestedFrom(LedgerAtCutoff known, CollectionSchedule schedule, int year, int from) {
        PremiumTimeline premiums = PremiumTimeline.withPendingChanges(known.ledger, known.timeline);
        int to = Months.of(year, 12);
        if (from > to) {
            return 0;
        }
        int first = Math.min(schedule.firstMonth(), known.firstKnownMonth);
        int last = schedule.lastMonth();
        for (PendingRequest r : known.ledger.pendingRequests()) {
            if (r.kind() == PendingRequest.Kind.LUMP_SUM) {
                last = Math.max(last, Months.of(r.month()) + r.months() - 1);
            }
        }
        boolean[] requested = new boolean[last - first + 1];
        long total = 0;
        for (int c = from; c <= to; c++) {
            if (c >= known.terminationMonth) {
                break;
            }
            boolean recovery = isRecoveryMonth(schedule, c);
            // only the months the contract owes (known.owes) can be requested: the rest are not visited
            int owedFrom = Math.max(first, known.firstKnownMonth);
            int owedTo = Math.min(last, known.terminationMonth - 1);
            for (int m = owedFrom; m <= owedTo; m++) {
                if (requested[m - first] || known.isCovered(m) || !known.owes(m)) {
                    continue;
                }
                int collectedIn = schedule.collectedIn(m);
                // f+2 also collects everything that was due at f and is still unpaid
                boolean take = collectedIn == c || (recovery && collectedIn <= c - 2);
                if (take) {
                    requested[m - first] = true;
                    total += premiums.premium(Math.min(m, to));
                }
            }
            for (PendingRequest r : known.ledger.pendingRequests()) {
                if (r.kind() == PendingRequest.Kind.LUMP_SUM && Months.of(r.month()) == c) {
                    // never a month already paid or already requested, however far the request reaches
                    for (int m = c; m < c + r.months() && m < known.terminationMonth; m++) {
                        if (!requested[m - first] && !known.isCovered(m)) {
                            requested[m - first] = true;
                            total += premiums.premium(Math.min(m, to));
                        }
                    }
                }
            }
        }
        return total;
    }

    private static boolean isRecoveryMonth(CollectionSchedule schedule, int c) {
        for (int f : schedule.failures) {
            if (f + 2 == c) {
                return true;
            }
        }
        return false;
    }
}
