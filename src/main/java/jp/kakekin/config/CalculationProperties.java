package jp.kakekin.config;

import jp.kakekin.calc.CalculationPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code kakekin.calculation.*}: the calculator's policies (docs/calculator.md). */
@ConfigurationProperties("kakekin.calculation")
public record CalculationProperties(
        Long discountPayoutThreshold,
        Boolean deductionFloorAtZero,
        Boolean terminationMonthOwesNothing,
        Boolean rejoinWindowInclusiveOfAnniversary) {

    public CalculationPolicy toPolicy() {
        CalculationPolicy d = CalculationPolicy.defaults();
        return new CalculationPolicy(
                discountPayoutThreshold != null ? discountPayoutThreshold : d.discountPayoutThreshold(),
                deductionFloorAtZero != null ? deductionFloorAtZero : d.deductionFloorAtZero(),
                terminationMonthOwesNothing != null ? terminationMonthOwesNothing : d.terminationMonthOwesNothing(),
                rejoinWindowInclusiveOfAnniversary != null ? rejoinWindowInclusiveOfAnniversary
                        : d.rejoinWindowInclusiveOfAnniversary());
    }
}
