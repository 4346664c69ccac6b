package jp.kakekin.print;

import jp.kakekin.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production job repository: PostgreSQL at 127.0.0.1:5432 (database {@code test}, a schema of its
 * own per test). A run is killed with SIGKILL while it prints, then resumed by another JVM through the
 * repository alone.
 */
class PrintRunPostgresTest {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";

    @TempDir
    Path dir;

    private String schema;
    private String url;

    @BeforeEach
    void createSchema() throws Exception {
        schema = "print_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(SERVER, "postgres", "")) {
            c.createStatement().execute("create schema " + schema);
        }
        url = SERVER + "?currentSchema=" + schema;
    }

    @AfterEach
    void dropSchema() throws Exception {
        try (Connection c = DriverManager.getConnection(SERVER, "postgres", "")) {
            c.createStatement().execute("drop schema " + schema + " cascade");
        }
    }

    @Test
    void aRunKilledOnOneJvmIsResumedByAnotherThroughThePostgresRepository() throws Exception {
        Path ledger = dir.resolve("ledger.jsonl");
        TestLedgers.write(ledger, 3_000, 5);
        Path out = dir.resolve("out");
        List<String> args = List.of("print-run", "--year", "2026", "--issue", "NOVEMBER", "--input", ledger.toString(),
                "--out", out.toString(), "--batch-size", "40", "--run-date", "2026-11-13",
                "--spring.datasource.url=" + url, "--spring.datasource.username=postgres", "--spring.datasource.password=",
                "--kakekin.print.workers=2", "--kakekin.print.chunk-size=200");

        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(args);
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        // As long as the run progresses (issue #12 item 14: no fixed guess of how long a loaded machine needs).
        try {
            ProgressWait.until("8 slices printed", child, () -> printedOrZero(out) >= 8,
                    () -> List.of(printedOrZero(out), dir.resolve("child.log").toFile().length()));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + readLog(), e);
        }
        child.destroyForcibly().waitFor(); // SIGKILL
        assertThat(statuses()).containsExactly("STARTED");

        assertThat(Main.runCommand(args.toArray(String[]::new))).isEqualTo(2); // 2: the ledger has invalid lines (print-run exits 2 for them, like calculate)

        assertThat(statuses()).containsExactly("FAILED", "COMPLETED");
        RunSummary summary = RunSummary.read(out.resolve("summary.json"));
        assertThat(summary.problems()).isEmpty();
        assertThat(summary.records()).isEqualTo(3_000);
        assertThat(PrintRunIntegrationTest.csv(out.resolve("manifest.csv"))).hasSize((int) summary.issued());
    }

    private int printedOrZero(Path out) {
        try {
            return printed(out);
        } catch (Exception e) {
            return 0; // the folder is being written
        }
    }

    private int printed(Path out) throws Exception {
        Path parts = new RunFolder(out).printDir();
        if (!Files.isDirectory(parts)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(parts)) {
            return (int) files.filter(p -> p.toString().endsWith(".csv") && !p.toString().endsWith(".excluded.csv")).count();
        }
    }

    private List<String> statuses() throws Exception {
        List<String> s = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
             ResultSet rs = c.createStatement().executeQuery("select status from batch_job_execution order by job_execution_id")) {
            while (rs.next()) {
                s.add(rs.getString(1));
            }
        }
        return s;
    }

    private String readLog() {
        try {
            return Files.readString(dir.resolve("child.log"), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
