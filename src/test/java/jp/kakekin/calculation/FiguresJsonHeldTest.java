package jp.kakekin.calculation;

import jp.kakekin.issuance.FiguresJson;

import jp.kakekin.calc.DocumentKind;
import jp.kakekin.calc.HeldFigures;
import jp.kakekin.calc.HoldCode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FiguresJsonHeldTest {

    @Test
    void aHeldRecordHasNoFiguresOnlyItsCodesInRulesOrder() {
        var held = new HeldFigures(DocumentKind.NOVEMBER_CERTIFICATE, 2026, "1234567",
                List.of(HoldCode.REFUND_UNKNOWN, HoldCode.FIRST_COLLECTION_SHAPE, HoldCode.REFUND_UNKNOWN));
        assertThat(held.codes()).containsExactly(HoldCode.FIRST_COLLECTION_SHAPE, HoldCode.REFUND_UNKNOWN);
        assertThat(FiguresJson.write(FiguresJson.toJson(held)))
                .isEqualTo("{\"contractNo\":\"1234567\",\"issued\":false,\"held\":[\"FIRST_COLLECTION_SHAPE\",\"REFUND_UNKNOWN\"]}");
    }

    @Test
    void aHeldRecordNamesAtLeastOneCode() {
        assertThatThrownBy(() -> new HeldFigures(DocumentKind.NOVEMBER_CERTIFICATE, 2026, "1234567", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
