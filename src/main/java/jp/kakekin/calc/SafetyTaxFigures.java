package jp.kakekin.calc;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * Paid and deductible 経営セーフティ共済 premiums of one tax period.
 *
 * @param periodFrom           first month of the period (January, or the first month of the 事業年度)
 * @param periodTo             last month of the period (December, or fiscalYearEndMonth)
 * @param paid                 premiums paid in the period (当年/当期に支出した負担金等の額), prepayments included
 * @param deductible           the part that is 必要経費 / 損金 (同上のうち…算入した額)
 * @param excludedByRejoin     premiums paid in the period that the 2024 re-join rule excludes
 * @param deferredBeyondPeriod premiums paid in the period by a prepayment longer than one year that
 *                             belong to later periods
 * @param releasedFromEarlier  premiums paid before the period by a prepayment longer than one year
 *                             whose months fall due in this period (deductible now, not in {@code paid})
 * @param rejoinExcludedThrough the last day whose payments the 2024 re-join rule excludes (the 明細書's
 *                             note names it), or null when the rule does not apply to the contract
 */
public record SafetyTaxFigures(
        DocumentKind document,
        int year,
        String contractNo,
        boolean corporate,
        YearMonth periodFrom,
        YearMonth periodTo,
        long paid,
        long deductible,
        long excludedByRejoin,
        long deferredBeyondPeriod,
        long releasedFromEarlier,
        LocalDate rejoinExcludedThrough) implements Figures {
}
