package jp.kakekin.print;

import jp.kakekin.Main;
import jp.kakekin.store.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #12 item 12: the database goes away in the middle of a print run (PostgreSQL refuses the run's login
 * and drops its connections). The command must end with one line — the run FAILED, because of the
 * database, and the same command resumes it — and exit 1, not with a raw TransactionSystemException; once
 * the database is back, the same command completes the run.
 */
class PrintRunDatabaseOutageTest {

    private static final String SERVER = TestDatabases.POSTGRES_URL;

    @TempDir
    Path dir;

    private String name;

    @BeforeEach
    void roleAndSchema() throws Exception {
        name = "outage_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = admin()) {
            c.createStatement().execute("create role " + name + " login");
            c.createStatement().execute("create schema " + name + " authorization " + name);
        }
    }

    @AfterEach
    void dropRoleAndSchema() throws Exception {
        if (name == null) {
            return;
        }
        try (Connection c = admin()) {
            c.createStatement().execute("alter role " + name + " nologin");
            c.createStatement().execute("select pg_terminate_backend(pid) from pg_stat_activity where usename = '" + name + "'");
            c.createStatement().execute("drop schema " + name + " cascade");
            c.createStatement().execute("drop role " + name);
        }
    }

    private static Connection admin() throws Exception {
        return DriverManager.getConnection(SERVER, TestDatabases.POSTGRES_USER, "");
    }

    @Test
    void aDatabaseOutageEndsTheRunWithOneLineAndTheSameCommandResumesIt() throws Exception {
        Path ledger = dir.resolve("ledger.jsonl");
        TestLedgers.write(ledger, 3_000, 13);
        Path out = dir.resolve("out");
        RunFolder folder = new RunFolder(out);
        List<String> args = List.of("print-run", "--year", "2026", "--issue", "NOVEMBER", "--input", ledger.toString(),
                "--out", out.toString(), "--batch-size", "50", "--run-date", "2026-11-13",
                "--spring.datasource.url=" + TestDatabases.postgresUrl(name), "--spring.datasource.username=" + name,
                "--spring.datasource.password=", "--spring.datasource.hikari.connection-timeout=2000",
                "--kakekin.print.workers=2", "--kakekin.print.chunk-size=100");

        Process first = start(args, "first");
        ProgressWait.until("the run calculates", first, () -> count(folder.calcDir(), ".chunk") >= 2,
                () -> List.of(count(folder.calcDir(), ".chunk"), dir.resolve("first.err").toFile().length()));
        try (Connection c = admin()) {
            c.createStatement().execute("alter role " + name + " nologin");
            c.createStatement().execute("select pg_terminate_backend(pid) from pg_stat_activity where usename = '" + name + "'");
        }
        int exit = ProgressWait.exit("the run notices the outage", first,
                () -> dir.resolve("first.err").toFile().length());
        String err = Files.readString(dir.resolve("first.err"), StandardCharsets.UTF_8);
        assertThat(exit).as(err).isEqualTo(1);
        List<String> lines = err.lines().filter(l -> l.startsWith("print-run:")).toList();
        assertThat(lines.getLast()).as(err)
                .matches("print-run: run \\d+ FAILED: the database failed \\(.+\\); run the same command again to resume it");
        // One line, no stack trace: not from the command, not from the job's thread.
        assertThat(err).doesNotContain("\tat ", "Exception in thread", "TransactionSystemException");

        // The database is back: the same command resumes the run and completes it.
        try (Connection c = admin()) {
            c.createStatement().execute("alter role " + name + " login");
        }
        Process second = start(args, "second");
        int secondExit = ProgressWait.exit("the resumed run", second, () -> List.of(count(out, ".pdf"),
                dir.resolve("second.err").toFile().length()));
        String log = Files.readString(dir.resolve("second.err"), StandardCharsets.UTF_8);
        assertThat(secondExit).as(log).isIn(0, 2); // 2: the generated ledger has invalid lines, reported as such
        assertThat(log).contains("marked FAILED and restarted");
        RunSummary summary = RunSummary.read(out.resolve("summary.json"));
        assertThat(summary.problems()).isEmpty();
        assertThat(summary.records()).isEqualTo(3_000);
    }

    private Process start(List<String> args, String name) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile()).start();
    }

    private static int count(Path folder, String suffix) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return (int) files.filter(p -> p.toString().endsWith(suffix)).count();
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
