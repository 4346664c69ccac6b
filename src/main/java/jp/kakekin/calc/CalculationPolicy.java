package jp.kakekin.calc;

/**
 * The choices RULES.md leaves to the project (marked <b>policy</b> there). Each is documented in
 * {@code docs/calculator.md}; the defaults are the ones the golden cases were written against.
 *
 * @param discountPayoutThreshold     前納減額金 is paid in June once the March-end balance reaches this (5,000 yen)
 * @param deductionFloorAtZero        控除額 = 済額 + 予定額 − 前納減額金 is never printed below 0
 * @param terminationMonthOwesNothing a contract terminated on day t owes nothing from t's month on
 * @param rejoinWindowInclusiveOfAnniversary the 2024 re-join rule excludes premiums paid up to and including
 *                                    the day two years after the cancellation (false: up to the day before)
 */
public record CalculationPolicy(
        long discountPayoutThreshold,
        boolean deductionFloorAtZero,
        boolean terminationMonthOwesNothing,
        boolean rejoinWindowInclusiveOfAnniversary) {

    public static CalculationPolicy defaults() {
        return new CalculationPolicy(5_000, true, true, true);
    }
}
