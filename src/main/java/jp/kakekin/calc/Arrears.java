package jp.kakekin.calc;

/**
 * 未納 (RULES.md 1.3): a month is in arrears at a cutoff when it is due by the cutoff month, is owed
 * (not before the contract month or the first month the ledger's payments cover, not from the
 * termination month on) and no PAID payment dated on or before the cutoff covers it.
 * The same definition serves the November (Sep 30) and February (Dec 31) issues.
 */
final class Arrears {

    private Arrears() {
    }

    static boolean any(LedgerAtCutoff known, CollectionSchedule schedule) {
        return firstInArrears(known, schedule) != Integer.MIN_VALUE;
    }

    /** The first month in arrears at the cutoff, or Integer.MIN_VALUE when there is none. */
    static int firstInArrears(LedgerAtCutoff known, CollectionSchedule schedule) {
        return firstInArrears(known, schedule, Integer.MAX_VALUE);
    }

    /** The same, looking at no month after {@code lastMonth} (a corrected certificate of Y: months of Y only). */
    static int firstInArrears(LedgerAtCutoff known, CollectionSchedule schedule, int lastMonth) {
        int last = Math.min(Math.min(schedule.lastMonth(), known.cutoffMonth + 12), lastMonth);
        for (int m = known.firstKnownMonth; m <= last; m++) {
            if (known.owes(m) && schedule.isDueBy(m, known.cutoffMonth) && !known.isCovered(m)) {
                return m;
            }
        }
        return Integer.MIN_VALUE;
    }
}
