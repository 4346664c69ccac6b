package jp.kakekin.config;

import jp.kakekin.calc.CalculationPolicy;
import jp.kakekin.calc.HoldCode;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.EnumSet;
import java.util.Set;

/** {@code kakekin.calculation.*}: the calculator's policies (docs/calculator.md). */
@ConfigurationProperties("kakekin.calculation")
public record CalculationProperties(
        Long discountPayoutThreshold,
        Boolean deductionFloorAtZero,
        Boolean terminationMonthOwesNothing,
        Boolean rejoinWindowInclusiveOfAnniversary,
        Held held) {

    /**
     * {@code kakekin.calculation.held.*}: each check of RULES.md 1.8 on ({@code true}, the default) or off.
     * A check switched off lets the records it would hold be calculated as they stand (docs/calculator.md
     * says what each one guards against).
     */
    public record Held(Boolean firstCollectionShape, Boolean shortCollection, Boolean refundUnknown) {

        Set<HoldCode> checks() {
            Set<HoldCode> on = EnumSet.noneOf(HoldCode.class);
            if (firstCollectionShape == null || firstCollectionShape) {
                on.add(HoldCode.FIRST_COLLECTION_SHAPE);
            }
            if (shortCollection == null || shortCollection) {
                on.add(HoldCode.SHORT_COLLECTION);
            }
            if (refundUnknown == null || refundUnknown) {
                on.add(HoldCode.REFUND_UNKNOWN);
            }
            return on;
        }
    }

    public CalculationPolicy toPolicy() {
        CalculationPolicy d = CalculationPolicy.defaults();
        return new CalculationPolicy(
                discountPayoutThreshold != null ? discountPayoutThreshold : d.discountPayoutThreshold(),
                deductionFloorAtZero != null ? deductionFloorAtZero : d.deductionFloorAtZero(),
                terminationMonthOwesNothing != null ? terminationMonthOwesNothing : d.terminationMonthOwesNothing(),
                rejoinWindowInclusiveOfAnniversary != null ? rejoinWindowInclusiveOfAnniversary
                        : d.rejoinWindowInclusiveOfAnniversary(),
                held != null ? held.checks() : d.heldChecks());
    }
}
