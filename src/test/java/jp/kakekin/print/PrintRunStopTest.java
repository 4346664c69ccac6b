package jp.kakekin.print;

import jp.kakekin.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM: a run in a child JVM is sent SIGTERM while it prints. It stops at its next commit and the job
 * repository says STOPPED (not a STARTED left by a dead process), so the same command resumes it without
 * {@code --recover}, and the run completes with counts reconciled.
 */
class PrintRunStopTest {

    @TempDir
    Path dir;

    @Test
    void aRunStoppedWithSigtermResumesWithoutRecover() throws Exception {
        Path ledger = dir.resolve("ledger.jsonl");
        TestLedgers.write(ledger, 3_000, 17);
        Path out = dir.resolve("out");
        String url = "jdbc:h2:file:" + dir.resolve("db").resolve("kakekin")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE";
        List<String> run = List.of("print-run", "--year", "2026", "--issue", "NOVEMBER", "--input", ledger.toString(),
                "--out", out.toString(), "--batch-size", "40", "--run-date", "2026-11-13", "--spring.datasource.url=" + url,
                "--kakekin.print.workers=2", "--kakekin.print.chunk-size=200");

        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(run);
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        // Wait for printed batches, as long as the run moves (the machine may be busy).
        long lastChange = System.nanoTime();
        int last = -1;
        while (printed(out) < 4) {
            assertThat(child.isAlive()).as(this::log).isTrue();
            int now = printed(out) + (Files.isDirectory(new RunFolder(out).calcDir()) ? 1 : 0);
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            }
            assertThat(System.nanoTime() - lastChange).as("no progress").isLessThan(Duration.ofMinutes(4).toNanos());
            Thread.sleep(5);
        }
        child.destroy(); // SIGTERM
        // Stopping takes at most one batch per partition; the process then exits by itself.
        assertThat(child.waitFor(5, TimeUnit.MINUTES)).as(this::log).isTrue();
        assertThat(statuses(url)).as(this::log).containsExactly("STOPPED");
        assertThat(out.resolve("summary.json")).doesNotExist();

        // The same command, without --recover.
        int status = Main.runCommand(run.toArray(String[]::new));
        assertThat(status).as("completed; 2 because the ledger has invalid lines").isEqualTo(2);
        assertThat(statuses(url)).containsExactly("STOPPED", "COMPLETED");
        RunSummary summary = RunSummary.read(out.resolve("summary.json"));
        assertThat(summary.problems()).isEmpty();
        assertThat(summary.records()).isEqualTo(3_000);
        assertThat(PrintRunIntegrationTest.csv(out.resolve("manifest.csv"))).hasSize((int) summary.issued());
    }

    private static int printed(Path out) {
        Path parts = new RunFolder(out).printDir();
        if (!Files.isDirectory(parts)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(parts)) {
            return (int) files.filter(p -> p.toString().endsWith(".csv") && !p.toString().endsWith(".excluded.csv")).count();
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private static List<String> statuses(String url) throws Exception {
        List<String> s = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             ResultSet rs = c.createStatement().executeQuery("select status from batch_job_execution order by job_execution_id")) {
            while (rs.next()) {
                s.add(rs.getString(1));
            }
        }
        return s;
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("child.log"), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
