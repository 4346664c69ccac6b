package jp.kakekin.print;

import jp.kakekin.Main;
import jp.kakekin.archive.PdfA3;
import jp.kakekin.archive.PdfAValidation;
import jp.kakekin.edelivery.Xmlsec1;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every document of a print run has an archive copy (docs/archive.md): PDF/A-3b for veraPDF, the signed
 * TEG850 XML inside for each certificate with a fixed 控除額 (xmlsec1 verifies it), its SHA-256 and key
 * in the issue record; and {@code archive-verify} recognises the copy and refuses an altered one.
 */
class PrintRunArchiveTest {

    @TempDir
    Path dir;

    @Test
    void everyPrintedDocumentIsArchivedAsPdfA3bWithItsSha256InTheIssueRecord() throws Exception {
        Path ledger = dir.resolve("ledger.jsonl");
        TestLedgers.generated(ledger, 60, 7);
        String url = "jdbc:h2:file:" + dir.resolve("db").resolve("kakekin") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        String db = "--spring.datasource.url=" + url;
        Path archive = dir.resolve("archive");
        String archiveDir = "--kakekin.archive.dir=" + archive;
        String keys = "--kakekin.e-delivery.keystore.path=" + dir.resolve("keys").resolve("dev.p12");
        Main.runCommand("import", "--input", ledger.toString(), db);

        Path out = dir.resolve("out");
        String[] run = {"print-run", "--year", "2026", "--issue", "NOVEMBER", "--input", ledger.toString(), "--out",
                out.toString(), "--batch-size", "20", "--run-date", "2026-11-13", db, archiveDir, keys};
        assertThat(Main.runCommand(run)).isZero();

        List<List<String>> manifest = PrintRunIntegrationTest.csv(out.resolve("manifest.csv"));
        assertThat(manifest).isNotEmpty();
        RunSummary summary = RunSummary.read(out.resolve("summary.json"));
        assertThat(summary.problems()).isEmpty();
        assertThat(summary.register()).containsEntry("archived", (long) manifest.size());

        Map<String, String[]> records = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             ResultSet rs = c.createStatement().executeQuery(
                     "select unique_code, archive_key, archive_sha256 from issued_documents where run = 'print-run-1'")) {
            while (rs.next()) {
                records.put(rs.getString(1), new String[]{rs.getString(2), rs.getString(3)});
            }
        }
        int withXml = 0;
        Path sample = null;
        for (List<String> row : manifest) {
            String code = row.get(ManifestRow.UNIQUE_CODE);
            String[] rec = records.get(code);
            assertThat(rec).as(code).isNotNull();
            byte[] copy = Files.readAllBytes(archive.resolve(rec[0]));
            assertThat(PdfA3.sha256Hex(copy)).as(code).isEqualTo(rec[1]);
            assertThat(PdfAValidation.pdfA3bFailures(copy)).as(code).isEmpty();
            assertThat(PdfA3.property(copy, "UniqueCode")).isEqualTo(code);
            assertThat(PdfA3.property(copy, "TransactionDate")).isEqualTo("2026-11-13");
            assertThat(PdfA3.property(copy, "Amount")).isEqualTo(row.get(16));
            Map<String, byte[]> attached = PdfA3.attachments(copy);
            if (row.get(16).isEmpty()) {
                assertThat(attached).as("a withheld 控除額 has no TEG850").isEmpty();
            } else {
                assertThat(attached).as(code).hasSize(1);
                byte[] xml = attached.values().iterator().next();
                Xmlsec1.Result x = Xmlsec1.verify(xml);
                assertThat(x.ok()).as(code + ": " + x.output()).isTrue();
                assertThat(new String(xml, java.nio.charset.StandardCharsets.UTF_8)).contains(code, ">" + row.get(16) + "<");
                withXml++;
                sample = archive.resolve(rec[0]);
            }
        }
        assertThat(withXml).isPositive();
        assertThat(summary.register()).containsEntry("archivedWithXml", (long) withXml);

        // archive-verify: the archived file is recognised; one changed byte is not.
        assertThat(Main.runCommand("archive-verify", sample.toString(), db, archiveDir, keys)).isZero();
        byte[] altered = Files.readAllBytes(sample);
        altered[altered.length / 2] ^= 1;
        Path alteredFile = dir.resolve("altered.pdf");
        Files.write(alteredFile, altered);
        assertThat(Main.runCommand("archive-verify", alteredFile.toString(), db, archiveDir, keys)).isEqualTo(1);

        // Run again: complete, nothing archived twice or changed.
        assertThat(Main.runCommand(run)).isZero();
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             ResultSet rs = c.createStatement().executeQuery(
                     "select count(*) from issued_documents where run = 'print-run-1' and archive_sha256 is not null")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(manifest.size());
        }
    }

    @Test
    void theSafetyPaymentStatusIsArchivedAsPdfA3bWithItsTotalAndNoXml() throws Exception {
        java.io.StringWriter generated = new java.io.StringWriter();
        new jp.kakekin.synthetic.SyntheticLedgers(11, 2026, jp.kakekin.synthetic.SyntheticLedgers.ExportPoint.JANUARY)
                .writeJsonLines(80, generated);
        Path ledger = dir.resolve("safety.jsonl");
        Files.writeString(ledger, generated.toString());
        String url = "jdbc:h2:file:" + dir.resolve("db").resolve("kakekin") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        String db = "--spring.datasource.url=" + url;
        Path archive = dir.resolve("archive");
        Main.runCommand("import", "--input", ledger.toString(), db);
        Path out = dir.resolve("out");
        Main.runCommand("print-run", "--year", "2026", "--issue", "SAFETY_PAYMENT_STATUS", "--input", ledger.toString(),
                "--out", out.toString(), "--batch-size", "20", "--run-date", "2027-02-12",
                "--kakekin.clock.fixed=2027-02-12T09:00+09:00", db, "--kakekin.archive.dir=" + archive,
                "--kakekin.e-delivery.keystore.path=" + dir.resolve("keys").resolve("dev.p12"));

        List<List<String>> manifest = PrintRunIntegrationTest.csv(out.resolve("manifest.csv"));
        assertThat(manifest).isNotEmpty();
        assertThat(RunSummary.read(out.resolve("summary.json")).register()).containsEntry("archived", (long) manifest.size())
                .containsEntry("archivedWithXml", 0L);
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             ResultSet rs = c.createStatement().executeQuery(
                     "select unique_code, archive_key from issued_documents where run = 'print-run-1'")) {
            Map<String, List<String>> byCode = new HashMap<>();
            manifest.forEach(r -> byCode.put(r.get(ManifestRow.UNIQUE_CODE), r));
            int n = 0;
            while (rs.next()) {
                byte[] copy = Files.readAllBytes(archive.resolve(rs.getString(2)));
                assertThat(PdfAValidation.pdfA3bFailures(copy)).as(rs.getString(1)).isEmpty();
                assertThat(PdfA3.attachments(copy)).isEmpty();
                assertThat(PdfA3.property(copy, "Amount")).isEqualTo(byCode.get(rs.getString(1)).get(12)); // totalPaid
                n++;
            }
            assertThat(n).isEqualTo(manifest.size());
        }
    }
}
