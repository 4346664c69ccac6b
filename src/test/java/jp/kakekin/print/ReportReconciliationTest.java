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
        Printed printed = printRun(200);
        RunSummary done = printed.done();
        assertThat(done.batchFiles()).isGreaterThanOrEqualTo(3);
        ReportTasklet tasklet = printed.tasklet();
        PrintRunParameters run = printed.run();
        ExecutionContext ctx = printed.ctx();
        Path out = printed.out();

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

    /**
     * The manifest parts are read a few batches ahead on another thread: a part missing, or with its rows out
     * of order, is still named as the batch it belongs to, the manifest keeps batch and page order past the
     * read-ahead window, and a part that does not read back fails the report naming the part and line.
     */
    @Test
    void manifestPartsReadAheadAreCheckedInBatchOrder() throws Exception {
        Printed printed = printRun(40);
        RunSummary done = printed.done();
        Path out = printed.out();
        int batches = (int) done.batchFiles();
        assertThat(batches).as("more batches than the read-ahead window").isGreaterThan(2 * 8);
        java.util.List<String> manifest = Files.readAllLines(out.resolve("manifest.csv"));
        ReportTasklet tasklet = printed.tasklet();
        PrintRunParameters run = printed.run();
        ExecutionContext ctx = printed.ctx();
        RunFolder folder = new RunFolder(out);

        // Reported again from the same parts: the same manifest, byte for byte.
        assertThat(tasklet.report(folder, run, done.runId(), ctx).problems()).isEmpty();
        assertThat(Files.readAllLines(out.resolve("manifest.csv"))).isEqualTo(manifest);

        // Batch 3's part gone, batch 11's rows in another order.
        Files.delete(folder.manifestPart(3));
        java.util.List<String> rows11 = new java.util.ArrayList<>(Files.readAllLines(folder.manifestPart(11)));
        java.util.Collections.reverse(rows11);
        Files.write(folder.manifestPart(11), rows11);
        RunSummary tampered = tasklet.report(folder, run, done.runId(), ctx);
        assertThat(tampered.problems())
                .contains("batch 3 was never completed")
                .anyMatch(p -> p.startsWith(folder.manifestPart(11).getFileName() + ": row 1 names "
                        + RunFolder.batchFileName(11) + " page " + rows11.size()));
        assertThat(tampered.reconciled()).isFalse();

        // A page that is not a number: the report fails, naming the part and the line.
        java.util.List<String> rows12 = new java.util.ArrayList<>(Files.readAllLines(folder.manifestPart(12)));
        Files.write(folder.manifestPart(12), java.util.List.of(rows12.get(0), rows12.get(1).replaceFirst(",2,", ",two,")));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tasklet.report(folder, run, done.runId(), ctx))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(folder.manifestPart(12) + ":2: page:");
    }

    /** A print run of 1,200 generated contracts in batches of {@code batchSize}, work files kept, and a report step to run again. */
    private Printed printRun(int batchSize) throws java.io.IOException {
        Path ledger = dir.resolve("ledger.jsonl");
        TestLedgers.generated(ledger, 1_200, 7);
        Path out = dir.resolve("out");
        Main.runCommand("print-run", "--year", "2026", "--issue", "NOVEMBER", "--input", ledger.toString(),
                "--out", out.toString(), "--batch-size", String.valueOf(batchSize), "--run-date", "2026-11-13",
                "--kakekin.print.keep-work-files=true");
        RunSummary done = RunSummary.read(out.resolve("summary.json"));
        assertThat(done.problems()).isEmpty();
        PrintRunParameters run = PrintRunParameters.of(2026, PrintIssue.NOVEMBER, ledger, out, batchSize, null,
                LocalDate.of(2026, 11, 13));
        ExecutionContext ctx = new ExecutionContext();
        ctx.putLong(RunKeys.INPUT_RECORDS, done.records());
        ctx.putLong(RunKeys.INPUT_LINES, done.lines());
        return new Printed(out, done, new ReportTasklet(new PrintRunProgress(new SimpleMeterRegistry())), run, ctx);
    }

    private record Printed(Path out, RunSummary done, ReportTasklet tasklet, PrintRunParameters run, ExecutionContext ctx) {
    }
}
