package jp.kakekin.print;

import jp.kakekin.batch.InputScan;
import jp.kakekin.batch.LedgerLine;
import jp.kakekin.batch.LedgerLineReader;
import jp.kakekin.report.Exclusion;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Splitting the ledger between workers, reading a partition, resuming after a commit; the CSV format. */
class LedgerInputTest {

    @TempDir
    Path dir;

    @Test
    void partitionsCoverEveryLineOnceAndResumeFromTheSavedPosition() throws Exception {
        Path file = dir.resolve("l.jsonl");
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 1000; i++) {
            text.append(i % 50 == 0 ? "  \t" : "{\"n\":" + i + ",\"name\":\"髙橋\"}").append(i % 7 == 0 ? "\r\n" : "\n");
        }
        text.append("{\"n\":\"last line without a line break\"}");
        Files.writeString(file, text);

        InputScan scan = InputScan.of(file, 3);

        assertThat(scan.lines()).isEqualTo(1001);
        assertThat(scan.records()).isEqualTo(1001 - 20);
        assertThat(scan.splits()).hasSize(3);
        assertThat(scan.splits().get(0).start()).isZero();
        assertThat(scan.splits().get(2).end()).isEqualTo(Files.size(file));
        List<LedgerLine> read = new ArrayList<>();
        for (InputScan.Split s : scan.splits()) {
            // Read each partition in two goes, as if the process died after the first commit.
            LedgerLineReader first = new LedgerLineReader(file, s.start(), s.end(), s.firstLine(), null);
            ExecutionContext ctx = new ExecutionContext();
            first.open(ctx);
            for (int i = 0; i < 100; i++) {
                LedgerLine l = first.read();
                if (l != null) {
                    read.add(l);
                }
            }
            first.update(ctx);
            first.read(); // read after the last commit: lost with the process
            first.close();
            LedgerLineReader resumed = new LedgerLineReader(file, s.start(), s.end(), s.firstLine(), null);
            resumed.open(ctx);
            LedgerLine l;
            while ((l = resumed.read()) != null) {
                read.add(l);
            }
            resumed.close();
        }
        assertThat(read).hasSize((int) scan.records());
        for (int i = 0; i < read.size(); i++) {
            LedgerLine l = read.get(i);
            if (l.line() <= 1000) {
                assertThat(new String(l.utf8(), java.nio.charset.StandardCharsets.UTF_8))
                        .isEqualTo("{\"n\":" + l.line() + ",\"name\":\"髙橋\"}");
            }
        }
        assertThat(read.stream().mapToLong(LedgerLine::line).distinct().count()).isEqualTo(read.size());
        assertThat(read.getLast().line()).isEqualTo(1001);
    }

    @Test
    void aLineThatIsNotUtf8IsReportedNotDropped() throws Exception {
        Path file = dir.resolve("bad.jsonl");
        Files.write(file, new byte[] {'{', '}', '\n', '{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}', '\n', '{', '}', '\n'});
        LedgerLineReader reader = new LedgerLineReader(file, 0, Files.size(file), 1, null);
        reader.open(new ExecutionContext());
        assertThat(reader.read().utf8()).containsExactly('{', '}');
        LedgerLine bad = reader.read();
        assertThat(bad.line()).isEqualTo(2);
        CertificateProcessor processor = new CertificateProcessor(new jp.kakekin.issuance.Issuer(new jp.kakekin.calc.Calculator(), null, null, null),
                PrintRunParameters.of(2026, PrintIssue.NOVEMBER, file, dir.resolve("out"), null, null, null),
                new CertificatePrinter() {
                    @Override
                    public java.util.Optional<Exclusion> check(IssuedCertificate c, java.time.LocalDate runDate) {
                        throw new AssertionError("an unreadable line never reaches the renderer");
                    }

                    @Override
                    public PrintedBatch print(List<IssuedCertificate> c, java.time.LocalDate d, java.io.OutputStream o) {
                        throw new AssertionError("an unreadable line never reaches the renderer");
                    }
                });
        Exclusion e = ((Outcome.Excluded) processor.process(bad)).exclusion();
        assertThat(e.reason()).isEqualTo(jp.kakekin.issuance.ReasonCode.INVALID_LEDGER_LINE);
        assertThat(e.detail()).startsWith("bad.jsonl:2: (line): not UTF-8").contains("C3 28");
        assertThat(reader.read().line()).isEqualTo(3);
        assertThat(reader.read()).isNull();
        reader.close();
    }

    /** Issue 12: a line longer than the limit is skipped without being held, excluded with its size, and the run goes on. */
    @Test
    void aLineLongerThanTheLimitIsExcludedAndTheNextLineIsRead() throws Exception {
        Path file = dir.resolve("long.jsonl");
        Files.writeString(file, "{}\n[" + "1,".repeat(5_000) + "1]\r\n{}\n");
        LedgerLineReader reader = new LedgerLineReader(file, 0, Files.size(file), 1, 1_000, null);
        reader.open(new ExecutionContext());
        assertThat(reader.read().line()).isEqualTo(1);
        LedgerLine tooLong = reader.read();
        assertThat(tooLong.line()).isEqualTo(2);
        assertThat(tooLong.utf8()).isNull();
        Outcome outcome = new CertificateProcessor(new jp.kakekin.issuance.Issuer(new jp.kakekin.calc.Calculator(), null, null, null),
                PrintRunParameters.of(2026, PrintIssue.NOVEMBER, file, dir.resolve("out"), null, null, null), null)
                .process(tooLong);
        Exclusion e = ((Outcome.Excluded) outcome).exclusion();
        assertThat(e.reason()).isEqualTo(jp.kakekin.issuance.ReasonCode.INVALID_LEDGER_LINE);
        assertThat(e.detail()).isEqualTo("long.jsonl:2: (line): 10,003 bytes: longer than the 1,000 bytes a ledger"
                + " line may have (kakekin.ledger.max-line-bytes); not read");
        assertThat(reader.read().line()).isEqualTo(3);
        assertThat(reader.read()).isNull();
        reader.close();
    }

    /**
     * Issue 12: lone CRs and U+3000-only lines were one thing to calculate and another to print-run. One file
     * of every awkward kind now gives the same records, with the same line numbers and the same errors, to the
     * print run's partition reader, to the ledger reader (import, render, export) and to calculate; and the
     * print run's pre-scan counts the same records.
     */
    @Test
    void everyCommandReadsTheSameFileTheSameWay() throws Exception {
        String good = jp.kakekin.ledger.LedgerFixture.shokibo("2015-04-01", "CASH", 10_000).monthly(2026, 1, 3, 10_000, 18).json();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (String part : List.of(good + "\r\n", " \t\r\n", "\u3000\n", good.replace(",\"holder\"", ",\r\"holder\"") + "\n",
                "{\"a\":1,\"a\":2}\n", "\n", "x".repeat(3_000) + "\n")) {
            bytes.writeBytes(part.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        bytes.writeBytes(new byte[]{'{', '"', (byte) 0xC0, (byte) 0xAF, '"', ':', '1', '}', '\n'});
        bytes.writeBytes(good.getBytes(java.nio.charset.StandardCharsets.UTF_8)); // no final LF
        Path file = dir.resolve("mixed.jsonl");
        Files.write(file, bytes.toByteArray());

        List<String> byPrintRun = new ArrayList<>();
        LedgerLineReader reader = new LedgerLineReader(file, 0, Files.size(file), 1, 2_000, null);
        reader.open(new ExecutionContext());
        for (LedgerLine l; (l = reader.read()) != null; ) {
            byPrintRun.add(describe(jp.kakekin.ledger.LedgerReader.parseLine("mixed.jsonl", l.raw())));
        }
        reader.close();

        List<String> byLedgerReader = new ArrayList<>();
        try (var r = jp.kakekin.ledger.LedgerReader.open(file, 2_000)) {
            r.forEachRemaining(rec -> byLedgerReader.add(describe(rec)));
        }

        java.io.StringWriter out = new java.io.StringWriter();
        new jp.kakekin.calculation.CalculationService(new jp.kakekin.calc.Calculator(), 2_000)
                .run(file, out, jp.kakekin.calc.DocumentKind.NOVEMBER_CERTIFICATE, 2026, null);
        List<String> byCalculate = out.toString().lines().map(line -> line.startsWith("{\"line\"")
                ? line.replaceAll("^\\{\"line\":(\\d+),\"error\":\"(.*)\"}$", "$1 $2").replace("\\\"", "\"")
                : "valid").toList();

        assertThat(byPrintRun).containsExactly(
                "1 valid",
                "3 mixed.jsonl:3: (line): holds only white space such as U+3000 (ideographic space); a blank line may hold only spaces and tabs",
                "4 valid",
                "5 mixed.jsonl:5: (json): not valid JSON: Duplicate Object property \"a\"",
                "7 mixed.jsonl:7: (line): 3,000 bytes: longer than the 2,000 bytes a ledger line may have (kakekin.ledger.max-line-bytes); not read",
                "8 mixed.jsonl:8: (line): not UTF-8 at byte 3 of the line (bytes C0 AF 22 3A)",
                "9 valid");
        assertThat(byLedgerReader).isEqualTo(byPrintRun);
        assertThat(byCalculate).containsExactly(byPrintRun.stream()
                .map(d -> d.endsWith(" valid") ? "valid" : d).toArray(String[]::new));
        assertThat(InputScan.of(file, 1).records()).isEqualTo(byPrintRun.size());
    }

    private static String describe(jp.kakekin.ledger.LedgerRecord r) {
        return r.line() + " " + (r instanceof jp.kakekin.ledger.LedgerRecord.Invalid bad ? bad.message() : "valid");
    }
}
