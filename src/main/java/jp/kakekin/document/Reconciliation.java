package jp.kakekin.document;

/**
 * Why the two amounts of a 明細書 differ, for its note: 支出した額 − 翌期以後の分 + 前期以前に支出した分
 * − 再加入で不算入の分 = 算入した額 (every premium is in exactly one of these, so the equation holds).
 *
 * @param rejoin                 the 2024 re-join rule excluded premiums (措法28条・66条の11)
 * @param excludedByRejoin       the amount it excluded
 * @param previousCancellation   the earlier contract's cancellation date (和暦), or empty
 * @param rejoinExcludedThrough  the last day whose payments the rule excludes (和暦), or empty
 * @param deferred               a prepayment beyond one year paid in the period covers later periods
 * @param deferredBeyondPeriod   the part paid now that belongs to later periods
 * @param deferredFrom           the first month of the next period (和暦, e.g. 令和9年1月)
 * @param released               months of an earlier long prepayment fell due in the period
 * @param releasedFromEarlier    their amount (deductible now, paid earlier)
 * @param releasedPaidBefore     the first day of the period (和暦): they were paid before it
 */
public record Reconciliation(
        String paid,
        String deductible,
        boolean rejoin,
        String excludedByRejoin,
        String previousCancellation,
        String rejoinExcludedThrough,
        boolean deferred,
        String deferredBeyondPeriod,
        String deferredFrom,
        boolean released,
        String releasedFromEarlier,
        String releasedPaidBefore) {

    /** Whether the 明細書 prints the note: the amounts differ for at least one of the three reasons. */
    public boolean shown() {
        return rejoin || deferred || released;
    }
}
