package jp.kakekin.print;

import jp.kakekin.Main;
import jp.kakekin.calc.Calculator;
import jp.kakekin.calc.DocumentKind;
import jp.kakekin.calc.SafetyPaymentStatusFigures;
import jp.kakekin.document.UniqueCode;
import jp.kakekin.document.Yen;
import jp.kakekin.ledger.LedgerReader;
import jp.kakekin.ledger.LedgerRecord;
import jp.kakekin.ledger.Scheme;
import jp.kakekin.synthetic.SyntheticLedgers;
import jp.kakekin.issuance.StatementScope;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The February run of the 経営セーフティ共済 掛金納付状況兼領収書 on a generated ledger (both schemes, exported
 * in January) with our payment-status cases and a few lines a run must exclude slipped in: every SAFETY
 * holder with something to state printed once, in postal order, with the calculator's figures; the
 * rest reported; counts reconciled.
 */
class PaymentStatusRunTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private static String caseLedger(String id) throws Exception {
        return JSON.writeValueAsString(JSON.readTree(Path.of("src/test/resources/cases-own", id + ".json").toFile()).get("ledger"));
    }

    @Test
    void theFebruaryRunPrintsEverySafetyHolderWithSomethingToStateAndReconciles() throws Exception {
        StringWriter generated = new StringWriter();
        new SyntheticLedgers(11, 2026, SyntheticLedgers.ExportPoint.JANUARY).writeJsonLines(600, generated);
        List<String> lines = new ArrayList<>(generated.toString().lines().toList());
        for (String id : new String[]{"P01-failed-transfer-november", "P02-long-prepayment", "P03-cap-reached-june",
                "P04-cancelled-april"}) {
            lines.add(caseLedger(id));
        }
        ObjectNode glyph = (ObjectNode) JSON.readTree(caseLedger("P01-failed-transfer-november"));
        glyph.put("contractNo", "3999991");
        ((ObjectNode) glyph.get("holder")).put("name", "株式会社 \uD83D\uDE00");
        lines.add(JSON.writeValueAsString(glyph));
        ObjectNode later = (ObjectNode) JSON.readTree(caseLedger("P01-failed-transfer-november"));
        later.put("contractNo", "3999992");
        later.put("contractDate", "2027-01-10");
        later.put("applicationMonth", "2027-01");
        ((ObjectNode) later.get("premiums").get(0)).put("from", "2027-01");
        ((ObjectNode) later.get("paymentModes").get(0)).put("from", "2027-01");
        later.putArray("payments");
        lines.add(JSON.writeValueAsString(later));
        lines.add(caseLedger("P02-long-prepayment").replace("\"checkDigits\":\"12\"", "\"checkDigits\":\"1x\""));
        Path ledger = dir.resolve("safety.jsonl");
        Files.write(ledger, lines, StandardCharsets.UTF_8);
        Path out = dir.resolve("out");

        int status = Main.runCommand("print-run", "--year", "2026", "--issue", "SAFETY_PAYMENT_STATUS",
                "--input", ledger.toString(), "--out", out.toString(), "--batch-size", "40", "--run-date", "2027-02-12",
                "--kakekin.clock.fixed=2027-02-12T09:00+09:00", "--kakekin.print.workers=2", "--kakekin.print.chunk-size=100", "--kakekin.print.merge-fan-in=4");
        assertThat(status).isEqualTo(2); // 2: the ledger has invalid lines (print-run exits 2 for them, like calculate)

        // What the calculator says, contract by contract (first valid line of a number only).
        Calculator calculator = new Calculator();
        Map<String, SafetyPaymentStatusFigures> expected = new HashMap<>();
        Set<String> seen = new HashSet<>();
        long safety = 0;
        long nothingToState = 0;
        try (LedgerReader reader = LedgerReader.open(ledger)) {
            while (reader.hasNext()) {
                if (reader.next() instanceof LedgerRecord.Valid ok && ok.ledger().scheme() == Scheme.SAFETY
                        && seen.add(ok.ledger().contractNo())) {
                    safety++;
                    var f = (SafetyPaymentStatusFigures) calculator.calculate(DocumentKind.SAFETY_PAYMENT_STATUS,
                            ok.ledger(), 2026);
                    if (StatementScope.paymentStatus(f).isPresent()) {
                        nothingToState++;
                    } else if (!ok.ledger().holder().name().contains("\uD83D\uDE00")) {
                        expected.put(f.contractNo(), f);
                    }
                }
            }
        }
        assertThat(safety).as("the generator makes SAFETY contracts").isGreaterThan(50);
        assertThat(nothingToState).as("the contract that begins in 2027").isGreaterThanOrEqualTo(1);

        List<List<String>> manifest = PrintRunIntegrationTest.csv(out.resolve("manifest.csv"));
        List<List<String>> exclusions = PrintRunIntegrationTest.csv(out.resolve("exclusions.csv"));
        RunSummary summary = RunSummary.read(out.resolve("summary.json"));
        assertThat(summary.problems()).isEmpty();
        assertThat(summary.records()).isEqualTo(lines.size()).isEqualTo(summary.issued() + summary.excluded());
        assertThat(summary.issued()).isEqualTo(manifest.size()).isEqualTo(summary.pages()).isEqualTo(expected.size());
        assertThat(exclusions).hasSize((int) summary.excluded());
        assertThat(Files.readAllLines(out.resolve("manifest.csv")).getFirst()).isEqualTo(ManifestRow.PAYMENT_STATUS_HEADER);

        for (List<String> row : manifest) {
            SafetyPaymentStatusFigures f = expected.get(row.get(ManifestRow.CONTRACT_NO));
            assertThat(f).as("printed but not expected: %s", row).isNotNull();
            assertThat(row.get(2)).isEqualTo("SAFETY_PAYMENT_STATUS");
            assertThat(row.get(ManifestRow.UNIQUE_CODE)).isEqualTo(UniqueCode.of(DocumentKind.SAFETY_PAYMENT_STATUS,
                    2026, f.contractNo(), row.get(6), 0).value()).startsWith("K26P");
            assertThat(row.subList(12, 16)).containsExactly(Long.toString(f.totalPaid()), Long.toString(f.applied()),
                    Long.toString(f.prepaidBalance()), Long.toString(f.discountPaid()));
            StringJoiner months = new StringJoiner("|");
            f.months().forEach(m -> months.add(m.state().name() + ":" + m.amount()));
            assertThat(row.get(18)).isEqualTo(months.toString());
            assertThat(row.get(20)).as("address cutoff: second Friday of January 2027").isEqualTo("2027-01-08");
            assertThat(row.get(16)).isEqualTo(f.discountPaidMonth() == null ? "" : f.discountPaidMonth().toString());
            assertThat(row.get(17)).isEqualTo(f.cancelledOn() == null ? "" : f.cancelledOn().toString());
        }
        assertThat(manifest).extracting(r -> r.get(ManifestRow.CONTRACT_NO))
                .doesNotHaveDuplicates()
                .contains("3000001", "3000002", "3000003", "3000004");
        for (int i = 1; i < manifest.size(); i++) {
            String prev = manifest.get(i - 1).get(ManifestRow.POSTAL_CODE) + manifest.get(i - 1).get(ManifestRow.CONTRACT_NO);
            String cur = manifest.get(i).get(ManifestRow.POSTAL_CODE) + manifest.get(i).get(ManifestRow.CONTRACT_NO);
            assertThat(cur).as("postal order, row %d", i + 1).isGreaterThan(prev);
        }

        // Every manifest row is its page: the statement of that contract with its totals.
        Map<String, List<List<String>>> byFile = new HashMap<>();
        manifest.forEach(r -> byFile.computeIfAbsent(r.get(ManifestRow.BATCH_FILE), k -> new ArrayList<>()).add(r));
        for (var e : byFile.entrySet()) {
            try (PDDocument pdf = Loader.loadPDF(out.resolve(e.getKey()).toFile())) {
                assertThat(pdf.getNumberOfPages()).isEqualTo(e.getValue().size());
                PDFTextStripper text = new PDFTextStripper();
                text.setSortByPosition(true);
                for (List<String> row : e.getValue()) {
                    int page = Integer.parseInt(row.get(ManifestRow.PAGE));
                    text.setStartPage(page);
                    text.setEndPage(page);
                    String onPage = text.getText(pdf);
                    assertThat(onPage).contains("掛金納付状況兼領収書", row.get(ManifestRow.CONTRACT_NO) + "-" + row.get(6),
                            row.get(ManifestRow.UNIQUE_CODE), "令和9年2月12日");
                    assertThat(onPage.lines().filter(l -> l.startsWith("掛金払込累計額")).findFirst().orElseThrow())
                            .endsWith(Yen.format(Long.parseLong(row.get(12))));
                }
            }
        }

        // Every record not printed is reported, with its reason.
        Map<String, String> reasonByContract = new HashMap<>();
        exclusions.forEach(r -> reasonByContract.putIfAbsent(r.get(1), r.get(3)));
        assertThat(reasonByContract).containsEntry("3999991", "GLYPH_MISSING").containsEntry("3999992",
                "NOT_ELIGIBLE_THIS_ISSUE");
        assertThat(exclusions).anyMatch(r -> r.get(3).equals("INVALID_LEDGER_LINE"));
        assertThat(exclusions).filteredOn(r -> r.get(3).equals("OTHER_SCHEME"))
                .hasSize((int) (600 + 7 - safety - 1)) // every 小規模企業共済 contract; the invalid line is not one
                .allSatisfy(r -> assertThat(r.get(4)).contains("get no 経営セーフティ共済 掛金納付状況兼領収書"));
        assertThat(exclusions).filteredOn(r -> r.get(1).equals("3999992")).singleElement()
                .satisfies(r -> assertThat(r.get(4)).contains("not in force in 2026"));
    }
}
