package jp.kakekin.calc;

import java.util.EnumSet;
import java.util.Set;

/**
 * The choices RULES.md leaves to the project (marked <b>policy</b> there). Each is documented in
 * {@code docs/calculator.md}; the defaults are the ones the golden cases were written against.
 *
 * @param discountPayoutThreshold     前納減額金 is paid in June once the March-end balance reaches this (5,000 yen)
 * @param deductionFloorAtZero        控除額 = 済額 + 予定額 − 前納減額金 is never printed below 0
 * @param terminationMonthOwesNothing a contract terminated on day t owes nothing from t's month on
 * @param rejoinWindowInclusiveOfAnniversary the 2024 re-join rule excludes premiums paid up to and including
 *                                    the day two years after the cancellation (false: up to the day before)
 * @param heldChecks                  the checks of RULES.md 1.8 that hold a contradictory record (all by default;
 *                                    a check left out lets such a record be calculated as it stands)
 */
public record CalculationPolicy(
        long discountPayoutThreshold,
        boolean deductionFloorAtZero,
        boolean terminationMonthOwesNothing,
        boolean rejoinWindowInclusiveOfAnniversary,
        Set<HoldCode> heldChecks) {

    public CalculationPolicy {
        heldChecks = heldChecks.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(heldChecks));
    }

    /** Every held check on. */
    public CalculationPolicy(long discountPayoutThreshold, boolean deductionFloorAtZero,
                             boolean terminationMonthOwesNothing, boolean rejoinWindowInclusiveOfAnniversary) {
        this(discountPayoutThreshold, deductionFloorAtZero, terminationMonthOwesNothing,
                rejoinWindowInclusiveOfAnniversary, EnumSet.allOf(HoldCode.class));
    }

    private static final CalculationPolicy DEFAULTS = new CalculationPolicy(5_000, true, true, true);

    public static CalculationPolicy defaults() {
        return DEFAULTS;
    }

    public boolean checks(HoldCode code) {
        return heldChecks.contains(code);
    }

    /** The same policy with the given held checks. */
    public CalculationPolicy withHeldChecks(Set<HoldCode> checks) {
        return new CalculationPolicy(discountPayoutThreshold, deductionFloorAtZero, terminationMonthOwesNothing,
                rejoinWindowInclusiveOfAnniversary, checks);
    }
}
