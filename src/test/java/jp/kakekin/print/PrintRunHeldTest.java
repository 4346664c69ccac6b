package jp.kakekin.print;

import jp.kakekin.Main;
import jp.kakekin.calc.Calculator;
import jp.kakekin.calc.DocumentKind;
import jp.kakekin.calc.Figures;
import jp.kakekin.calc.HeldFigures;
import jp.kakekin.calc.HoldCode;
import jp.kakekin.ledger.Ledger;
import jp.kakekin.ledger.Scheme;
import jp.kakekin.synthetic.SyntheticLedgers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RULES.md 1.8 through the print run: a generated ledger with held shapes ({@code --held-rate}); every held
 * record is in exclusions.csv with reason HELD and its codes, and none of them is printed.
 */
class PrintRunHeldTest {

    private static final int YEAR = 2026;
    private static final int COUNT = 300;

    @TempDir
    Path dir;

    @Test
    void everyHeldRecordIsExcludedWithItsCodesAndNothingOfItIsPrinted() throws Exception {
        SyntheticLedgers generator = new SyntheticLedgers(3, YEAR, SyntheticLedgers.ExportPoint.OCTOBER, 0.15);
        Path ledger = dir.resolve("ledger.jsonl");
        try (var w = Files.newBufferedWriter(ledger)) {
            generator.writeJsonLines(COUNT, w);
        }
        // what the calculator holds, by line (line = index + 1); every record generated with a shape that the
        // November issue sees is among them
        Calculator calculator = new Calculator();
        Map<Long, List<HoldCode>> held = new HashMap<>();
        Map<Long, String> contractOf = new HashMap<>();
        int shaped = 0;
        for (long i = 0; i < COUNT; i++) {
            Ledger l = generator.ledger(i);
            contractOf.put(i + 1, l.contractNo());
            if (l.scheme() != Scheme.SHOKIBO) {
                continue;
            }
            Figures f = calculator.calculate(DocumentKind.NOVEMBER_CERTIFICATE, l, YEAR);
            if (f instanceof HeldFigures h) {
                held.put(i + 1, h.codes());
                assertThat(generator.heldShape(i)).as("line %d held without a shape", i + 1).isNotNull();
            }
            shaped += generator.heldShape(i) != null ? 1 : 0;
        }
        assertThat(held).as("held records in the file (%d shaped)", shaped).hasSizeGreaterThanOrEqualTo(10);
        assertThat(held.values().stream().flatMap(List::stream).distinct()).hasSizeGreaterThanOrEqualTo(2);

        Path out = dir.resolve("out");
        int status = Main.runCommand("print-run", "--year", Integer.toString(YEAR), "--issue", "NOVEMBER",
                "--input", ledger.toString(), "--out", out.toString(), "--run-date", "2026-11-13");
        assertThat(status).isZero();

        List<List<String>> manifest = PrintRunIntegrationTest.csv(out.resolve("manifest.csv"));
        List<List<String>> exclusions = PrintRunIntegrationTest.csv(out.resolve("exclusions.csv"));
        RunSummary summary = RunSummary.read(out.resolve("summary.json"));

        Map<Long, List<String>> heldRows = exclusions.stream()
                .filter(r -> r.get(3).equals(jp.kakekin.issuance.ReasonCode.HELD.name()))
                .collect(Collectors.toMap(r -> Long.parseLong(r.get(0)), r -> r));
        assertThat(heldRows.keySet()).isEqualTo(held.keySet());
        for (var e : held.entrySet()) {
            List<String> row = heldRows.get(e.getKey());
            assertThat(row.get(1)).isEqualTo(contractOf.get(e.getKey()));
            String codes = e.getValue().stream().map(HoldCode::name).collect(Collectors.joining("|"));
            assertThat(row.get(4)).as("detail of line %d", e.getKey()).startsWith(codes + ":");
        }
        // none of them printed
        assertThat(manifest).extracting(r -> r.get(ManifestRow.CONTRACT_NO))
                .doesNotContainAnyElementsOf(held.keySet().stream().map(contractOf::get).toList());
        assertThat(summary.excludedByReason()).containsEntry(jp.kakekin.issuance.ReasonCode.HELD.name(), (long) held.size());
        assertThat(summary.records()).isEqualTo(COUNT);
        assertThat(summary.issued()).isEqualTo(manifest.size()).isPositive();
    }
}
