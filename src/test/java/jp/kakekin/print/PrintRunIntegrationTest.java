package jp.kakekin.print;

import jp.kakekin.Main;
import jp.kakekin.calc.Calculator;
import jp.kakekin.calc.CertificateFigures;
import jp.kakekin.calc.DocumentKind;
import jp.kakekin.document.UniqueCode;
import jp.kakekin.ledger.LedgerReader;
import jp.kakekin.ledger.LedgerRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole November run through the CLI on a generated ledger of a few thousand contracts: counts
 * reconcile, postal order holds within and across batches, every manifest row is found on its page,
 * and every record not printed is in the exclusion report with its reason.
 */
class PrintRunIntegrationTest {

    @TempDir
    Path dir;

    @Test
    void novemberRunOnAGeneratedLedgerPrintsEveryEligibleContractOnceInPostalOrderAndReportsTheRest() throws Exception {
        Path ledger = dir.resolve("ledger.jsonl");
        List<TestLedgers.Line> lines = TestLedgers.generated(ledger, 3_000, 42);
        Path out = dir.resolve("out");

        int status = Main.runCommand("print-run", "--year", "2026", "--issue", "NOVEMBER", "--input", ledger.toString(),
                "--out", out.toString(), "--batch-size", "200", "--run-date", "2026-11-13",
                "--kakekin.print.workers=2", "--kakekin.print.chunk-size=250", "--kakekin.print.merge-fan-in=4");

        assertThat(status).isEqualTo(2); // 2: the ledger has invalid lines (print-run exits 2 for them, like calculate)
        Expected expected = expected(ledger, lines);
        List<List<String>> manifest = csv(out.resolve("manifest.csv"));
        List<List<String>> exclusions = csv(out.resolve("exclusions.csv"));
        RunSummary summary = RunSummary.read(out.resolve("summary.json"));

        // Counts reconcile: lines read = issued + excluded, issued = manifest rows = pages printed.
        assertThat(summary.problems()).isEmpty();
        assertThat(summary.records()).isEqualTo(lines.size());
        assertThat(summary.records()).isEqualTo(summary.issued() + summary.excluded());
        assertThat(summary.issued()).isEqualTo(manifest.size()).isEqualTo(summary.pages());
        assertThat(exclusions).hasSize((int) summary.excluded());

        // Every eligible contract printed exactly once, with the unique code of its first issue.
        Map<String, List<String>> byContract = new HashMap<>();
        for (List<String> row : manifest) {
            assertThat(byContract.put(row.get(ManifestRow.CONTRACT_NO), row)).as("printed twice: %s", row).isNull();
        }
        assertThat(byContract.keySet()).isEqualTo(expected.figures.keySet());
        for (var e : expected.figures.entrySet()) {
            List<String> row = byContract.get(e.getKey());
            CertificateFigures f = e.getValue();
            assertThat(row.get(ManifestRow.UNIQUE_CODE)).isEqualTo(UniqueCode.of(DocumentKind.NOVEMBER_CERTIFICATE, 2026,
                    e.getKey(), row.get(6), 0).value());
            assertThat(row.get(16)).isEqualTo(f.deduction() == null ? "" : f.deduction().toString());
            assertThat(row.get(13)).isEqualTo(Long.toString(f.paid()));
            assertThat(row.get(ManifestRow.POSTAL_CODE)).isEqualTo(f.postalCode());
            assertThat(row.getLast()).as("customerBarcode").isEqualTo(f.postalCode().endsWith("00") ? ""
                    : f.postalCode() + jp.kakekin.barcode.AddressNumber.extract(row.get(9) + " " + row.get(10)));
        }
        assertThat(manifest).as("addresses with block numbers").anyMatch(r -> r.getLast().length() > 7);

        // Postal order within and across batches; batches of 200 except the last.
        for (int i = 1; i < manifest.size(); i++) {
            String prev = manifest.get(i - 1).get(ManifestRow.POSTAL_CODE) + manifest.get(i - 1).get(ManifestRow.CONTRACT_NO);
            String cur = manifest.get(i).get(ManifestRow.POSTAL_CODE) + manifest.get(i).get(ManifestRow.CONTRACT_NO);
            assertThat(cur).as("row %d", i + 1).isGreaterThan(prev);
            int expectedBatch = i / 200 + 1;
            assertThat(manifest.get(i).get(ManifestRow.BATCH_FILE)).isEqualTo(RunFolder.batchFileName(expectedBatch));
            assertThat(manifest.get(i).get(ManifestRow.PAGE)).isEqualTo(Integer.toString(i % 200 + 1));
        }

        // Every manifest row is on its page: read each batch back with PDFBox.
        Map<String, List<List<String>>> byFile = new HashMap<>();
        manifest.forEach(r -> byFile.computeIfAbsent(r.get(ManifestRow.BATCH_FILE), k -> new ArrayList<>()).add(r));
        try (Stream<Path> pdfs = Files.list(out).filter(p -> p.toString().endsWith(".pdf"))) {
            assertThat(pdfs.map(p -> p.getFileName().toString()).sorted().toList()).isEqualTo(byFile.keySet().stream().sorted().toList());
        }
        for (var e : byFile.entrySet()) {
            try (PDDocument pdf = Loader.loadPDF(out.resolve(e.getKey()).toFile())) {
                assertThat(pdf.getNumberOfPages()).isEqualTo(e.getValue().size());
                PDFTextStripper text = new PDFTextStripper();
                for (List<String> row : e.getValue()) {
                    int page = Integer.parseInt(row.get(ManifestRow.PAGE));
                    text.setStartPage(page);
                    text.setEndPage(page);
                    String onPage = text.getText(pdf);
                    assertThat(onPage).contains(row.get(ManifestRow.CONTRACT_NO) + "-" + row.get(6));
                    assertThat(onPage).contains(row.get(ManifestRow.UNIQUE_CODE));
                    String deduction = row.get(16).isEmpty() ? "****" : "%,d".formatted(Long.parseLong(row.get(16)));
                    assertThat(onPage).contains(deduction);
                }
            }
        }

        // Every record not printed is reported once, with its reason.
        Map<Long, List<String>> excludedByLine = new HashMap<>();
        for (List<String> row : exclusions) {
            assertThat(excludedByLine.put(Long.parseLong(row.get(0)), row)).isNull();
        }
        for (TestLedgers.Line l : lines) {
            List<String> row = excludedByLine.get(l.line());
            String reason = row == null ? null : row.get(3);
            switch (l.kind()) {
                case INVALID -> {
                    assertThat(reason).isEqualTo("INVALID_LEDGER_LINE");
                    assertThat(row.get(4)).contains("ledger.jsonl:" + l.line() + ":");
                }
                case SAFETY -> assertThat(reason).isEqualTo("OTHER_SCHEME");
                case FEBRUARY, NOT_ELIGIBLE -> assertThat(reason).isEqualTo("NOT_ELIGIBLE_THIS_ISSUE");
                case GLYPH -> {
                    assertThat(reason).isEqualTo("GLYPH_MISSING");
                    assertThat(row.get(4)).contains("U+1F600");
                }
                case DUPLICATE -> assertThat(reason).isEqualTo("DUPLICATE_CONTRACT");
                case NOVEMBER, NOVEMBER_ARREARS -> assertThat(row).as("line %d", l.line()).isNull();
                case GENERATED -> {
                    if (expected.figures.containsKey(l.contractNo())) {
                        assertThat(row).as("line %d is printed", l.line()).isNull();
                    } else {
                        assertThat(reason).as("line %d", l.line()).isIn("OTHER_SCHEME", "NOT_ELIGIBLE_THIS_ISSUE");
                    }
                }
            }
        }
        assertThat(summary.excludedByReason()).containsKeys("INVALID_LEDGER_LINE", "OTHER_SCHEME",
                "NOT_ELIGIBLE_THIS_ISSUE", "GLYPH_MISSING", "DUPLICATE_CONTRACT");
        assertThat(manifest).as("the generator's withheld (****) certificates print too").anyMatch(r -> r.get(16).isEmpty());

        // Pages laid out in full instead of filled from a compiled layout are counted in summary.json, by
        // reason: a few (the first page of each layout and shape is compiled and filled; values too long
        // for their line are laid out in full).
        assertThat(summary.fullLayouts().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(summary.fullLayoutPages());
        assertThat(summary.fullLayoutPages()).isLessThan(summary.issued() / 5);
        assertThat(Files.readString(out.resolve("summary.json"))).contains("\"fullLayoutPages\" : " + summary.fullLayoutPages(),
                "\"fullLayoutsByReason\"");
        // The work files are gone; the claim stays.
        assertThat(out.resolve(RunFolder.WORK)).doesNotExist();
        assertThat(out.resolve("print-run.json")).exists();
    }

    @Test
    void februaryRunPrintsTheLateJoinersAndSaysWhyTheOthersGetNone() throws Exception {
        Path ledger = dir.resolve("ledger.jsonl");
        List<TestLedgers.Line> lines = TestLedgers.write(ledger, 500, 9);
        Path out = dir.resolve("feb");

        assertThat(Main.runCommand("print-run", "--year", "2026", "--issue", "FEBRUARY", "--input", ledger.toString(),
                "--out", out.toString(), "--run-date", "2027-02-10", "--kakekin.clock.fixed=2027-02-10T09:00+09:00"))
                .isEqualTo(exitStatus(lines));

        List<List<String>> manifest = csv(out.resolve("manifest.csv"));
        long lateJoiners = lines.stream().filter(l -> l.kind() == TestLedgers.Kind.FEBRUARY).count();
        assertThat(manifest).hasSize((int) lateJoiners).allSatisfy(row -> {
            assertThat(row.get(2)).isEqualTo("FEBRUARY");
            assertThat(row.get(ManifestRow.UNIQUE_CODE)).startsWith("K26F");
            assertThat(row.get(18)).isEqualTo("2027-02-10");
            assertThat(row.get(19)).as("second Friday of January 2027").isEqualTo("2027-01-08");
            assertThat(row.get(20)).isEqualTo("2026-12-31");
        });
        Map<Long, List<String>> excluded = new HashMap<>();
        csv(out.resolve("exclusions.csv")).forEach(r -> excluded.put(Long.parseLong(r.get(0)), r));
        TestLedgers.Line november = lines.stream().filter(l -> l.kind() == TestLedgers.Kind.NOVEMBER).findFirst().orElseThrow();
        assertThat(excluded.get(november.line()).get(3)).isEqualTo("NOT_ELIGIBLE_THIS_ISSUE");
        assertThat(excluded.get(november.line()).get(4)).contains("gets the November issue of 2026");
        assertThat(RunSummary.read(out.resolve("summary.json")).problems()).isEmpty();
    }

    @Test
    void anEmptyLedgerIsARunWithNothingToPrint() throws Exception {
        Path ledger = dir.resolve("empty.jsonl");
        Files.writeString(ledger, "\n  \n");
        Path out = dir.resolve("empty");

        assertThat(Main.runCommand("print-run", "--year", "2026", "--issue", "NOVEMBER", "--input", ledger.toString(),
                "--out", out.toString())).isZero();

        RunSummary summary = RunSummary.read(out.resolve("summary.json"));
        assertThat(summary.records()).isZero();
        assertThat(summary.issued()).isZero();
        assertThat(summary.batches()).isZero();
        assertThat(summary.problems()).isEmpty();
        assertThat(csv(out.resolve("manifest.csv"))).isEmpty();
    }

    @Test
    void aFolderHoldingAnotherRunIsRefused() throws Exception {
        Path ledger = dir.resolve("ledger.jsonl");
        int expected = exitStatus(TestLedgers.write(ledger, 50, 1));
        Path out = dir.resolve("shared");
        assertThat(Main.runCommand("print-run", "--year", "2026", "--issue", "NOVEMBER", "--input", ledger.toString(),
                "--out", out.toString(), "--run-date", "2026-11-13", "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("db")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE")).isEqualTo(expected);
        String manifest = Files.readString(out.resolve("manifest.csv"));

        // Another run (another run date) into the same folder: refused, nothing overwritten.
        assertThat(Main.runCommand("print-run", "--year", "2026", "--issue", "NOVEMBER", "--input", ledger.toString(),
                "--out", out.toString(), "--run-date", "2026-11-14", "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("db")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE")).isEqualTo(1);
        assertThat(Files.readString(out.resolve("manifest.csv"))).isEqualTo(manifest);

        // The same run again: already complete, nothing printed twice.
        assertThat(Main.runCommand("print-run", "--year", "2026", "--issue", "NOVEMBER", "--input", ledger.toString(),
                "--out", out.toString(), "--run-date", "2026-11-13", "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("db")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE")).isEqualTo(expected);
        assertThat(Files.readString(out.resolve("manifest.csv"))).isEqualTo(manifest);
    }

    /** print-run's exit status for a complete run: 2 when ledger lines were invalid, else 0. */
    static int exitStatus(List<TestLedgers.Line> lines) {
        return lines.stream().anyMatch(l -> l.kind() == TestLedgers.Kind.INVALID) ? 2 : 0;
    }

    /**
     * What the calculator says independently, contract by contract; a contract number that comes again
     * counts from its first valid line only.
     */
    record Expected(Map<String, CertificateFigures> figures) {
    }

    static Expected expected(Path ledger, List<TestLedgers.Line> lines) throws Exception {
        Set<String> seen = new HashSet<>();
        Map<String, CertificateFigures> figures = new HashMap<>();
        Calculator calculator = new Calculator();
        try (LedgerReader reader = LedgerReader.open(ledger)) {
            while (reader.hasNext()) {
                if (reader.next() instanceof LedgerRecord.Valid ok && ok.ledger().scheme() == DocumentKind.NOVEMBER_CERTIFICATE.scheme()
                        && seen.add(ok.ledger().contractNo())) {
                    CertificateFigures f = (CertificateFigures) calculator.calculate(DocumentKind.NOVEMBER_CERTIFICATE, ok.ledger(), 2026);
                    boolean glyph = ok.ledger().holder().name().codePoints().anyMatch(cp -> cp >= 0x1F000 && cp <= 0x1FAFF);
                    if (f.issued() && !glyph) {
                        figures.put(f.contractNo(), f);
                    }
                }
            }
        }
        return new Expected(figures);
    }

    /** The rows of a report table (its header left out), read by Jackson's CSV module as an RFC 4180 reader would. */
    static List<List<String>> csv(Path file) throws Exception {
        try (MappingIterator<List<String>> it = new CsvMapper().readerForListOf(String.class)
                .with(CsvReadFeature.WRAP_AS_ARRAY).readValues(file.toFile())) {
            List<List<String>> rows = it.readAll();
            return new ArrayList<>(rows.subList(Math.min(1, rows.size()), rows.size()));
        }
    }
}
