package jp.kakekin.print;

import jp.kakekin.Main;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 and restart: a run in a child JVM is killed with SIGKILL while it calculates, restarted
 * (without repeating the run date), killed again while it prints, and restarted to completion. The final
 * files must be those of an uninterrupted run: every certificate printed exactly once, on the same page
 * of the same batch, with the same unique code, no partial PDF, and the job repository showing the
 * two killed executions recovered as FAILED.
 */
class PrintRunRestartTest {

    @TempDir
    Path dir;

    @Test
    void runKilledWhileCalculatingAndWhilePrintingCompletesExactlyOnceOnRestart() throws Exception {
        Path ledger = dir.resolve("ledger.jsonl");
        TestLedgers.write(ledger, 5_000, 7);
        Path out = dir.resolve("out");
        Path db = dir.resolve("db").resolve("kakekin");
        String url = "jdbc:h2:file:" + db + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE";
        List<String> run = List.of("print-run", "--year", "2026", "--issue", "NOVEMBER", "--input", ledger.toString(),
                "--out", out.toString(), "--batch-size", "50", "--spring.datasource.url=" + url,
                "--kakekin.print.workers=2", "--kakekin.print.chunk-size=100", "--kakekin.print.keep-work-files=true");
        RunFolder folder = new RunFolder(out);
        // The contracts are in the store, so the run registers what it prints (in the print step's transactions).
        assertThat(Main.runCommand("import", "--input", ledger.toString(), "--spring.datasource.url=" + url)).isIn(0, 2);

        // 1. Killed while calculating: some chunks committed, the sort not reached.
        Process first = start(run, "first", "--run-date", "2026-11-13");
        ProgressWait.until("first run, 4 chunks calculated", first, () -> count(folder.calcDir(), ".chunk") >= 4,
                () -> progress(folder, "first"));
        first.destroyForcibly().waitFor(); // SIGKILL: no grace to wait for
        assertThat(folder.sortedIndex()).as("killed during the calculate step").doesNotExist();

        // 2. Restarted without --run-date (it must resume that run, not start one dated today), killed while printing.
        Process second = start(run, "second");
        ProgressWait.until("second run, 12 slices printed", second, () -> count(folder.printDir(), ".csv") >= 12,
                () -> progress(folder, "second"));
        second.destroyForcibly().waitFor();
        assertThat(out.resolve("summary.json")).as("killed during the print step").doesNotExist();
        int batchesBeforeThirdStart = count(out, ".pdf");

        // 3. Restarted to completion.
        Process third = start(run, "third");
        ProgressWait.exit("third run, to completion", third, () -> progress(folder, "third"));
        String log = Files.readString(dir.resolve("third.err"), StandardCharsets.UTF_8);
        assertThat(third.exitValue()).as(log).isEqualTo(2); // 2: the ledger has invalid lines (print-run exits 2 for them, like calculate)
        assertThat(log).contains("resuming the unfinished run dated 2026-11-13").contains("marked FAILED and restarted");

        // Reference: the same run without interruption, in a fresh database.
        Path reference = dir.resolve("reference");
        assertThat(Main.runCommand("print-run", "--year", "2026", "--issue", "NOVEMBER", "--input", ledger.toString(),
                "--out", reference.toString(), "--batch-size", "50", "--run-date", "2026-11-13",
                "--kakekin.print.workers=2", "--kakekin.print.chunk-size=100")).isEqualTo(2);

        List<List<String>> manifest = PrintRunIntegrationTest.csv(out.resolve("manifest.csv"));
        List<List<String>> expected = PrintRunIntegrationTest.csv(reference.resolve("manifest.csv"));
        assertThat(withoutRunId(manifest)).isEqualTo(withoutRunId(expected));
        assertThat(Files.readString(out.resolve("exclusions.csv"))).isEqualTo(Files.readString(reference.resolve("exclusions.csv")));
        RunSummary summary = RunSummary.read(out.resolve("summary.json"));
        assertThat(summary.problems()).isEmpty();
        assertThat(summary.issued()).isEqualTo(manifest.size()).isEqualTo(summary.pages());
        assertThat(batchesBeforeThirdStart).isLessThan(summary.batchFiles());
        // Killed while printing and registering: every printed document registered, none twice, none lost.
        assertThat(summary.register()).containsEntry("registered", (long) manifest.size())
                .containsEntry("notInStore", 0L).containsEntry("issuedElsewhere", 0L);
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             ResultSet rs = c.createStatement().executeQuery(
                     "select count(*), count(distinct unique_code) from issued_documents where run = 'print-run-1'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(manifest.size()).isEqualTo(rs.getInt(2));
        }
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             ResultSet rs = c.createStatement().executeQuery("select unique_code from issued_documents")) {
            java.util.Set<String> registered = new java.util.HashSet<>();
            while (rs.next()) {
                registered.add(rs.getString(1));
            }
            assertThat(registered).isEqualTo(manifest.stream().map(r -> r.get(ManifestRow.UNIQUE_CODE))
                    .collect(java.util.stream.Collectors.toSet()));
        }

        // No partial PDF among the final files: each one opens and has one page per manifest row.
        Map<String, Integer> rowsPerFile = new HashMap<>();
        manifest.forEach(r -> rowsPerFile.merge(r.get(ManifestRow.BATCH_FILE), 1, Integer::sum));
        try (Stream<Path> files = Files.list(out)) {
            List<Path> all = files.toList();
            assertThat(all).noneMatch(p -> p.toString().endsWith(AtomicFiles.TMP));
            for (Path pdf : all.stream().filter(p -> p.toString().endsWith(".pdf")).toList()) {
                try (PDDocument d = Loader.loadPDF(pdf.toFile())) {
                    assertThat(d.getNumberOfPages()).isEqualTo(rowsPerFile.get(pdf.getFileName().toString()));
                }
            }
        }

        // The job repository: one run, two executions recovered as FAILED, the last COMPLETED.
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             ResultSet rs = c.createStatement().executeQuery(
                     "select e.status from batch_job_execution e order by e.job_execution_id")) {
            List<String> statuses = new ArrayList<>();
            while (rs.next()) {
                statuses.add(rs.getString(1));
            }
            assertThat(statuses).containsExactly("FAILED", "FAILED", "COMPLETED");
        }
    }

    private Process start(List<String> run, String name, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(run);
        cmd.addAll(List.of(extra));
        return new ProcessBuilder(cmd).redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile()).start();
    }

    /** What the run has done so far: its work files, its outputs and its log. */
    private List<Object> progress(RunFolder folder, String name) {
        return List.of(count(folder.calcDir(), ".chunk"), count(folder.printDir(), ".csv"), count(dir.resolve("out"), ".pdf"),
                dir.resolve(name + ".err").toFile().length());
    }

    private static int count(Path folder, String suffix) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return (int) files.filter(p -> p.toString().endsWith(suffix) && !p.toString().endsWith(".excluded.csv")).count();
        } catch (java.io.IOException e) {
            return 0; // the folder is being written
        }
    }

    private static List<List<String>> withoutRunId(List<List<String>> rows) {
        return rows.stream().map(r -> r.subList(1, r.size())).toList();
    }
}
