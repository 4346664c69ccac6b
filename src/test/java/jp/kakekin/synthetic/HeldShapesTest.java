package jp.kakekin.synthetic;

import jp.kakekin.ledger.LedgerJson;

import jp.kakekin.calc.Calculator;
import jp.kakekin.calc.DocumentKind;
import jp.kakekin.calc.Figures;
import jp.kakekin.calc.HeldFigures;
import jp.kakekin.calc.HoldCode;
import jp.kakekin.ledger.LedgerReader;
import jp.kakekin.ledger.LedgerRecord;
import jp.kakekin.ledger.Scheme;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code generate-ledger --held-rate}: the injected shapes are valid ledgers that the calculator holds. */
class HeldShapesTest {

    private static final int YEAR = 2026;
    private static final int COUNT = 6_000;

    @Test
    void everyInjectedShapeIsAValidLedgerHeldForItsOwnCodeAndNoOtherRecordIsHeld() {
        Calculator calculator = new Calculator();
        Map<HoldCode, Integer> shapes = new EnumMap<>(HoldCode.class);
        for (SyntheticLedgers.ExportPoint export : SyntheticLedgers.ExportPoint.values()) {
            SyntheticLedgers g = new SyntheticLedgers(11, YEAR, export, 0.05);
            for (long i = 0; i < COUNT; i++) {
                String json = LedgerJson.toJson(g.ledger(i));
                LedgerRecord r = LedgerReader.parseOne("held-" + i, json);
                assertThat(r).as("record %d: %s", i, r).isInstanceOf(LedgerRecord.Valid.class);
                var ledger = ((LedgerRecord.Valid) r).ledger();
                HoldCode shape = g.heldShape(i);
                if (ledger.scheme() != Scheme.SHOKIBO) {
                    assertThat(shape).isNull();
                    continue;
                }
                Figures november = calculator.calculate(DocumentKind.NOVEMBER_CERTIFICATE, ledger, YEAR);
                Figures february = calculator.calculate(DocumentKind.FEBRUARY_CERTIFICATE, ledger, YEAR);
                List<HoldCode> held = november instanceof HeldFigures h ? h.codes()
                        : february instanceof HeldFigures h ? h.codes() : List.of();
                if (shape == null) {
                    assertThat(held).as("record %d without a shape: %s", i, json).isEmpty();
                } else {
                    shapes.merge(shape, 1, Integer::sum);
                    assertThat(held).as("record %d shaped %s: %s", i, shape, json).containsExactly(shape);
                }
            }
        }
        // each shape is made, about 5% of the 小規模企業共済 records in all
        assertThat(shapes.keySet()).containsExactlyInAnyOrder(HoldCode.values());
        int total = shapes.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(total).isBetween((int) (3 * COUNT * 0.8 * 0.03), (int) (3 * COUNT * 0.8 * 0.07));
    }

    @Test
    void recordsWithoutAShapeAreThoseOfRateZeroAndTheOutputIsDeterministic() throws IOException {
        SyntheticLedgers plain = new SyntheticLedgers(5, YEAR, SyntheticLedgers.ExportPoint.MIXED);
        SyntheticLedgers held = new SyntheticLedgers(5, YEAR, SyntheticLedgers.ExportPoint.MIXED, 0.1);
        int shaped = 0;
        for (long i = 0; i < 2_000; i++) {
            if (held.heldShape(i) == null) {
                assertThat(LedgerJson.toJson(held.ledger(i))).isEqualTo(LedgerJson.toJson(plain.ledger(i)));
            } else {
                shaped++;
                assertThat(LedgerJson.toJson(held.ledger(i))).isNotEqualTo(LedgerJson.toJson(plain.ledger(i)));
            }
        }
        assertThat(shaped).isPositive();
        StringWriter a = new StringWriter();
        StringWriter b = new StringWriter();
        held.writeJsonLines(500, a);
        new SyntheticLedgers(5, YEAR, SyntheticLedgers.ExportPoint.MIXED, 0.1).writeJsonLines(500, b);
        assertThat(a.toString()).isEqualTo(b.toString());
    }
}
