package jp.kakekin.config;

import jp.kakekin.calc.CalculationPolicy;
import jp.kakekin.calc.HoldCode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code kakekin.calculation.*} as written in application.yml reaches the calculator's policy. */
class CalculationPropertiesTest {

    private static CalculationPolicy bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("kakekin.calculation", CalculationProperties.class).toPolicy();
    }

    @Test
    void everyHeldCheckIsOnUnlessSwitchedOff() {
        assertThat(bind(Map.of()).heldChecks()).containsExactlyInAnyOrder(HoldCode.values());
        assertThat(bind(Map.of()).discountPayoutThreshold()).isEqualTo(5_000);
    }

    @Test
    void eachHeldCheckCanBeSwitchedOffOnItsOwn() {
        CalculationPolicy p = bind(Map.of("kakekin.calculation.held.short-collection", "false",
                "kakekin.calculation.held.refund-unknown", "true"));
        assertThat(p.heldChecks()).containsExactlyInAnyOrder(HoldCode.FIRST_COLLECTION_SHAPE, HoldCode.REFUND_UNKNOWN);
        assertThat(bind(Map.of("kakekin.calculation.held.first-collection-shape", "false",
                "kakekin.calculation.held.short-collection", "false",
                "kakekin.calculation.held.refund-unknown", "false")).heldChecks()).isEmpty();
    }
}
