package jp.kakekin.print;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import java.io.BufferedReader;
import java.io.StringReader;
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
        CertificateProcessor processor = new CertificateProcessor(new jp.kakekin.calc.Calculator(),
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
        assertThat(e.reason()).isEqualTo(ExclusionReason.INVALID_LEDGER_LINE);
        assertThat(e.detail()).startsWith("bad.jsonl:2: (line): not UTF-8").contains("C3 28");
        assertThat(reader.read().line()).isEqualTo(3);
        assertThat(reader.read()).isNull();
        reader.close();
    }

    @Test
    void csvFieldsWithCommasQuotesAndLineBreaksRoundTrip() throws Exception {
        String row = Csv.row("1", "a,b", "say \"hi\"", "two\nlines", "", null, "東京都");
        BufferedReader in = new BufferedReader(new StringReader(row + Csv.row("x")));
        assertThat(Csv.read(in)).containsExactly("1", "a,b", "say \"hi\"", "two\nlines", "", "", "東京都");
        assertThat(Csv.read(in)).containsExactly("x");
        assertThat(Csv.read(in)).isNull();
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
        Outcome outcome = new CertificateProcessor(new jp.kakekin.calc.Calculator(),
                PrintRunParameters.of(2026, PrintIssue.NOVEMBER, file, dir.resolve("out"), null, null, null), null)
                .process(tooLong);
        Exclusion e = ((Outcome.Excluded) outcome).exclusion();
        assertThat(e.reason()).isEqualTo(ExclusionReason.INVALID_LEDGER_LINE);
        assertThat(e.detail()).isEqualTo("long.jsonl:2: (line): 10,003 bytes: longer than the 1,000 bytes a ledger"
                + " line may have (kakekin.ledger.max-line-bytes); not read");
        assertThat(reader.read().line()).isEqualTo(3);
        assertThat(reader.read()).isNull();
        reader.close();
    }
}
