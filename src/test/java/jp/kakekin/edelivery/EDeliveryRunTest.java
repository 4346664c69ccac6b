package jp.kakekin.edelivery;

import jp.kakekin.issuance.ReasonCode;
import jp.kakekin.calc.Calculator;
import jp.kakekin.calc.CertificateFigures;
import jp.kakekin.calc.DocumentKind;
import jp.kakekin.document.UniqueCode;
import jp.kakekin.ledger.LedgerReader;
import jp.kakekin.ledger.LedgerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** A whole run: ledger file → calculator → signed documents → ZIP + manifest that reconciles. */
class EDeliveryRunTest {

    private static final Calculator CALCULATOR = new Calculator();
    private static final LocalDate RUN_DATE = LocalDate.parse(GeneratedRun.RUN_DATE);

    @TempDir
    Path dir;

    private EDeliveryExporter exporter() {
        return new EDeliveryExporter(new Teg850Signer(Fixtures.key()), Teg850Schema.load(),
                new IssuerSettings(Fixtures.ISSUER, Fixtures.ISSUER, "kakekin"));
    }

    private RunSummary export(GeneratedRun generated, DocumentKind issue, Path input) {
        RunParameters run = new RunParameters(2026, issue, issue == DocumentKind.NOVEMBER_CERTIFICATE ? RUN_DATE
                : LocalDate.of(2027, 2, 5), Fixtures.CERTIFIED_ON, Fixtures.SAKUSEI_DAY, input.toString());
        try (var candidates = new LedgerCandidates(LedgerReader.open(input),
                new jp.kakekin.issuance.Issuer(CALCULATOR, null, null, null), issue, 2026, null, run.runDate());
             var pkg = DeliveryPackage.create(dir.resolve("out"), run.packageName(), false, Instant.now())) {
            return EDeliveryRun.run(candidates, exporter(), run, pkg);
        }
    }

    @Test
    void aNovemberRunDeliversEveryLinkedFixedCertificateOnceAndListsTheRest() throws Exception {
        GeneratedRun generated = GeneratedRun.november(520);
        Path input = generated.write(dir);
        RunSummary summary = export(generated, DocumentKind.NOVEMBER_CERTIFICATE, input);

        Path zip = dir.resolve("out/TEG850-2026-NOVEMBER-20261112.zip");
        Path unpacked = dir.resolve("out/TEG850-2026-NOVEMBER-20261112");
        assertThat(zip).exists();
        assertThat(zip.resolveSibling(zip.getFileName() + ".part")).doesNotExist();
        assertThat(summary.reconciles()).isTrue();
        assertThat(summary.records()).isEqualTo(generated.lines.size());
        assertThat(summary.delivered()).isEqualTo(generated.count("DELIVERED")).isGreaterThan(EDeliveryRun.BATCH);
        for (ReasonCode r : ReasonCode.values()) {
            assertThat(summary.excluded().getOrDefault(r, 0L)).as(r.name()).isEqualTo(generated.count(r.name()));
        }
        // issued = the print run's certificates: every SHOKIBO record but the not-issued, invalid and duplicate ones
        assertThat(summary.issued()).isEqualTo(summary.delivered() + generated.count("NOT_LINKED")
                + generated.count("LINKED_AFTER_RUN_DATE") + generated.count("DEDUCTION_WITHHELD")
                + generated.count("NOT_REPRESENTABLE"));

        // every outcome is the expected one, by contract
        List<List<String>> manifest = PackageVerifier.Csv.parse(Files.readString(unpacked.resolve(DeliveryPackage.MANIFEST)));
        List<List<String>> exclusions = PackageVerifier.Csv.parse(Files.readString(unpacked.resolve(DeliveryPackage.EXCLUSIONS)));
        Map<String, String> actual = new HashMap<>();
        manifest.subList(1, manifest.size()).forEach(r -> actual.put(r.get(1), "DELIVERED"));
        exclusions.subList(1, exclusions.size()).forEach(r -> actual.putIfAbsent(
                r.get(1).isEmpty() || r.get(3).equals("DUPLICATE_CONTRACT") ? "line " + r.get(0) : r.get(1), r.get(3)));
        assertThat(actual).isEqualTo(generated.expected);

        // the package verifies as a whole: every document, the manifest, the counts
        PackageVerifier.Result verified = new PackageVerifier(Fixtures.verifier()).verify(zip);
        assertThat(verified.checks()).allMatch(Teg850Verification.Check::ok);
        assertThat(verified.documents()).hasSize((int) summary.delivered()).allMatch(Teg850Verification::ok);

        // the unpacked folder holds the same bytes as the ZIP
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (List<String> row : manifest.subList(1, manifest.size())) {
                byte[] inZip = z.getInputStream(z.getEntry(row.get(0))).readAllBytes();
                assertThat(Files.readAllBytes(unpacked.resolve(row.get(0)))).isEqualTo(inZip);
                assertThat(EDeliveryExporter.sha256(inZip)).isEqualTo(row.get(3));
            }
        }

        // an independent implementation accepts the documents of every shape (golden cases, era variants)
        // and a sample of the bulk ones
        for (List<String> row : manifest.subList(1, manifest.size())) {
            String contract = row.get(1);
            if (!contract.startsWith("11") || contract.endsWith("7")) {
                Xmlsec1.Result x = Xmlsec1.verify(Files.readAllBytes(unpacked.resolve(row.get(0))));
                assertThat(x.ok()).as(row.get(0) + ": " + x.output()).isTrue();
            }
        }
    }

    /** Round trip: each document's figures are the calculator's figures for that ledger, with its code. */
    @Test
    void everyDeliveredDocumentCarriesTheCalculatorsFigures() throws Exception {
        GeneratedRun generated = GeneratedRun.november(0);
        Path input = generated.write(dir);
        export(generated, DocumentKind.NOVEMBER_CERTIFICATE, input);
        Path unpacked = dir.resolve("out/TEG850-2026-NOVEMBER-20261112");
        int checked = 0;
        try (LedgerReader reader = LedgerReader.open(input)) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            while (reader.hasNext()) {
                if (!(reader.next() instanceof LedgerRecord.Valid v) || !seen.add(v.ledger().contractNo())
                        || !"DELIVERED".equals(generated.expected.get(v.ledger().contractNo()))) {
                    continue;
                }
                var ledger = v.ledger();
                var f = (CertificateFigures) CALCULATOR.calculate(DocumentKind.NOVEMBER_CERTIFICATE, ledger, 2026);
                String code = UniqueCode.of(DocumentKind.NOVEMBER_CERTIFICATE, 2026, ledger.contractNo(),
                        ledger.checkDigits(), 0).value();
                Teg850Certificate c = Teg850Reader.read(Teg850Reader.parse(
                        Files.readAllBytes(unpacked.resolve(EDeliveryExporter.fileName(code)))));
                assertThat(c.paid()).isEqualTo(f.paid());
                assertThat(c.scheduled()).isEqualTo(f.scheduled());
                assertThat(c.discount()).isEqualTo(f.discountPaid());
                assertThat(c.deduction()).isEqualTo(f.deduction());
                assertThat(c.monthlyPremium()).isEqualTo(f.monthlyPremium());
                assertThat(c.certificateYear()).isEqualTo(2026);
                assertThat(c.contractNumber()).isEqualTo(ledger.fullContractNumber());
                assertThat(c.contractDate()).isEqualTo(ledger.contractDate());
                assertThat(c.name()).isEqualTo(ledger.holder().name());
                assertThat(c.address()).startsWith(f.address().line1());
                assertThat(c.uniqueCode()).isEqualTo(code);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(generated.count("DELIVERED"));
        // S02's figures as the golden case states them (scheduled 840,000, 前納減額金 8,694, 控除額 831,306)
        Teg850Certificate s02 = Teg850Reader.read(Teg850Reader.parse(Files.readAllBytes(unpacked.resolve(
                EDeliveryExporter.fileName(UniqueCode.of(DocumentKind.NOVEMBER_CERTIFICATE, 2026, "1000002", "29", 0).value())))));
        assertThat(s02.scheduled()).isEqualTo(840_000);
        assertThat(s02.discount()).isEqualTo(8_694);
        assertThat(s02.deduction()).isEqualTo(831_306);
        assertThat(s02.paymentMethod()).isEqualTo("年払い");
        assertThat(s02.paymentMonths()).isEqualTo("12月");
    }

    @Test
    void aFebruaryRunDeliversTheFebruaryCertificatesWithoutSchedule() throws Exception {
        GeneratedRun generated = GeneratedRun.february();
        Path input = generated.write(dir);
        RunSummary summary = export(generated, DocumentKind.FEBRUARY_CERTIFICATE, input);
        assertThat(summary.delivered()).isEqualTo(2);
        assertThat(summary.excluded()).containsEntry(ReasonCode.NOT_ELIGIBLE_THIS_ISSUE, 2L);
        Path zip = dir.resolve("out/TEG850-2026-FEBRUARY-20270205.zip");
        PackageVerifier.Result verified = new PackageVerifier(Fixtures.verifier()).verify(zip);
        assertThat(verified.ok()).isTrue();
        Teg850Certificate s06 = verified.documents().stream().map(Teg850Verification::certificate)
                .filter(c -> c.contractNumber().startsWith("1000006")).findFirst().orElseThrow();
        assertThat(s06.hasSchedule()).isFalse();
        assertThat(s06.paidThroughMonth()).isEqualTo(12);
        assertThat(s06.deduction()).isEqualTo(100_000);
        assertThat(s06.uniqueCode()).startsWith("K26F1000006");
    }

    @Test
    void aTamperedPackageIsRejected() throws Exception {
        GeneratedRun generated = GeneratedRun.november(0);
        export(generated, DocumentKind.NOVEMBER_CERTIFICATE, generated.write(dir));
        Path zip = dir.resolve("out/TEG850-2026-NOVEMBER-20261112.zip");
        Path tampered = dir.resolve("tampered.zip");
        String victim = UniqueCode.of(DocumentKind.NOVEMBER_CERTIFICATE, 2026, "1000001", "28", 0).value();
        try (ZipFile in = new ZipFile(zip.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(tampered))) {
            for (ZipEntry e : java.util.Collections.list(in.entries())) {
                byte[] bytes = in.getInputStream(e).readAllBytes();
                if (e.getName().equals(EDeliveryExporter.fileName(victim))) {
                    bytes = new String(bytes, StandardCharsets.UTF_8)
                            .replace("<WPI00000>360000</WPI00000>", "<WPI00000>960000</WPI00000>")
                            .getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
        PackageVerifier.Result r = new PackageVerifier(Fixtures.verifier()).verify(tampered);
        assertThat(r.ok()).isFalse();
        assertThat(r.documents()).filteredOn(d -> !d.ok()).extracting(Teg850Verification::source)
                .containsExactly(EDeliveryExporter.fileName(victim));
        assertThat(r.checks()).filteredOn(c -> !c.ok()).extracting(Teg850Verification.Check::name)
                .containsExactly("manifest");
    }

    /** A summary.json that is not JSON is a failed check of the package, not an exception. */
    @Test
    void aSummaryThatIsNotJsonFailsTheReconciliation() throws Exception {
        GeneratedRun generated = GeneratedRun.november(0);
        export(generated, DocumentKind.NOVEMBER_CERTIFICATE, generated.write(dir));
        Path zip = dir.resolve("out/TEG850-2026-NOVEMBER-20261112.zip");
        Path broken = dir.resolve("broken.zip");
        try (ZipFile in = new ZipFile(zip.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(broken))) {
            for (ZipEntry e : java.util.Collections.list(in.entries())) {
                byte[] bytes = e.getName().equals(DeliveryPackage.SUMMARY) ? "{not json\n\u001b[2J".getBytes(StandardCharsets.UTF_8)
                        : in.getInputStream(e).readAllBytes();
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
        PackageVerifier.Result r = new PackageVerifier(Fixtures.verifier()).verify(broken);
        assertThat(r.ok()).isFalse();
        assertThat(r.checks()).filteredOn(c -> !c.ok()).singleElement()
                .satisfies(c -> assertThat(c.name()).isEqualTo("reconciliation"))
                .satisfies(c -> assertThat(c.detail()).startsWith("summary.json is not JSON").doesNotContain("\u001b"));
    }

    /** A zip bomb: 300 MB of zeros in a few hundred KB. Reading stops at the ratio limit, long before memory runs out. */
    @Test
    void aZipBombIsRefusedBeforeItIsInflated() throws Exception {
        Path bomb = dir.resolve("bomb.zip");
        byte[] zeros = new byte[1 << 20];
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(bomb))) {
            out.putNextEntry(new ZipEntry(DeliveryPackage.SUMMARY));
            for (int i = 0; i < 300; i++) {
                out.write(zeros);
            }
            out.closeEntry();
        }
        assertThat(Files.size(bomb)).isLessThan(1 << 20);
        PackageVerifier.Result r = new PackageVerifier(Fixtures.verifier()).verify(bomb);
        assertThat(r.ok()).isFalse();
        assertThat(r.checks()).singleElement().satisfies(c -> assertThat(c.detail())
                .contains("inflates more than 100:1").contains("zip bomb"));
    }

    @Test
    void theEntryCountEntrySizeAndTotalSizeAreLimited() throws Exception {
        Path many = dir.resolve("many.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(many))) {
            out.setLevel(java.util.zip.Deflater.NO_COMPRESSION);
            for (int i = 0; i < 4; i++) {
                out.putNextEntry(new ZipEntry("x" + i + ".csv"));
                out.write(new byte[3_000]);
                out.closeEntry();
            }
        }
        var verifier = Fixtures.verifier();
        assertThat(new PackageVerifier(verifier, new PackageVerifier.Limits(3, 1 << 20, 1 << 20, 100)).verify(many)
                .checks().getFirst().detail()).contains("more than 3 entries");
        assertThat(new PackageVerifier(verifier, new PackageVerifier.Limits(10, 2_000, 1 << 20, 100)).verify(many)
                .checks().getFirst().detail()).contains("entry x0.csv inflates to more than 2,000 bytes");
        assertThat(new PackageVerifier(verifier, new PackageVerifier.Limits(10, 1 << 20, 10_000, 100)).verify(many)
                .checks().getFirst().detail()).contains("more than 10,000 bytes in all");
    }

    @Test
    void anExistingPackageIsNotOverwrittenByAccident() {
        DeliveryPackage.create(dir, "X", false, Instant.now()).close();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DeliveryPackage.create(dir, "X", false, Instant.now()))
                .hasMessageContaining("exists");
        DeliveryPackage.create(dir, "X", true, Instant.now()).close();
        assertThat(dir.resolve("X.zip.part")).doesNotExist();
    }
}
