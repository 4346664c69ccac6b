package jp.kakekin.print;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jp.kakekin.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report step's reconciliation reads every batch PDF back for its page count (on other threads while
 * it assembles the manifest): a batch file with the wrong number of pages, or one missing, is a problem of
 * the run, never a silent success.
 */
class ReportReconciliationTest {

    @TempDir
    Path dir;

    @Test
    void aBatchFileWithOtherPagesOrNoneAtAllIsReported() throws Exception {
        Path ledger = dir.resolve("ledger.jsonl");
        TestLedgers.generated(ledger, 1_200, 7);
        Path out = dir.resolve("out");
        Main.runCommand("print-run", "--year", "2026", "--issue", "NOVEMBER", "--input", ledger.toString(),
                "--out", out.toString(), "--batch-size", "200", "--run-date", "2026-11-13",
                "--kakekin.print.keep-work-files=true");
        RunSummary done = RunSummary.read(out.resolve("summary.json"));
        assertThat(done.problems()).isEmpty();
        assertThat(done.batchFiles()).isGreaterThanOrEqualTo(3);

        ReportTasklet tasklet = new ReportTasklet(new PrintRunProgress(new SimpleMeterRegistry()));
        PrintRunParameters run = PrintRunParameters.of(2026, PrintIssue.NOVEMBER, ledger, out, 200, null,
                LocalDate.of(2026, 11, 13));
        ExecutionContext ctx = new ExecutionContext();
        ctx.putLong(RunKeys.INPUT_RECORDS, done.records());
        ctx.putLong(RunKeys.INPUT_LINES, done.lines());

        // The same files again: the report reconciles.
        assertThat(tasklet.report(new RunFolder(out), run, done.runId(), ctx).problems()).isEmpty();

        // The last batch replaced by the first (200 pages, not the last batch's own count), the second deleted.
        RunFolder folder = new RunFolder(out);
        int last = (int) done.batchFiles();
        Files.copy(folder.batchPdf(1), folder.batchPdf(last), StandardCopyOption.REPLACE_EXISTING);
        Files.delete(folder.batchPdf(2));
        RunSummary tampered = tasklet.report(folder, run, done.runId(), ctx);
        assertThat(tampered.problems())
                .anyMatch(p -> p.startsWith(RunFolder.batchFileName(last) + " has 200 pages but"))
                .anyMatch(p -> p.startsWith(RunFolder.batchFileName(2) + " is missing but has 200 manifest rows"));
        assertThat(tampered.reconciled()).isFalse();
    }
}
