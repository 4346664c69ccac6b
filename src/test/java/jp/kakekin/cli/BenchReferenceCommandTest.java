package jp.kakekin.cli;

import jp.kakekin.Main;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bench-reference}, the OpenPDF-alone reference bench-print-run compares a print run with: it must
 * draw every November certificate the ledger issues, in files of 500, and say so in the one line the
 * script reads.
 */
class BenchReferenceCommandTest {

    @TempDir
    Path dir;

    @Test
    void drawsEveryIssuedCertificateOfTheLedgerInFilesOf500() throws Exception {
        Path ledger = dir.resolve("ledger.jsonl");
        assertThat(Main.runCommand(new String[]{"generate-ledger", "--count", "1400", "--seed", "1", "--year", "2026",
                "--export", "OCTOBER", "--output", ledger.toString()})).isZero();
        Path out = dir.resolve("reference");

        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        PrintStream before = System.out;
        int status;
        try {
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            status = Main.runCommand(new String[]{"bench-reference", "--input", ledger.toString(), "--out",
                    out.toString(), "--threads", "2"});
        } finally {
            System.setOut(before);
        }
        assertThat(status).isZero();
        String line = stdout.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> l.startsWith("bench-reference:")).findFirst().orElseThrow();
        Matcher m = Pattern.compile("bench-reference: ([0-9,]+) certificates in ([0-9,]+) files, .* = ([0-9,]+) certificates/s")
                .matcher(line);
        assertThat(m.find()).as(line).isTrue();
        int certificates = Integer.parseInt(m.group(1).replace(",", ""));
        int files = Integer.parseInt(m.group(2).replace(",", ""));
        // About four in five generated contracts are 小規模企業共済 contracts issued a November certificate.
        assertThat(certificates).isBetween(900, 1_300);
        assertThat(files).isEqualTo((certificates + 499) / 500);

        List<Path> pdfs;
        try (Stream<Path> s = Files.list(out)) {
            pdfs = s.sorted().toList();
        }
        assertThat(pdfs).hasSize(files);
        int pages = 0;
        for (Path pdf : pdfs) {
            try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
                assertThat(doc.getNumberOfPages()).isLessThanOrEqualTo(500);
                pages += doc.getNumberOfPages();
            }
        }
        assertThat(pages).isEqualTo(certificates);
    }
}
