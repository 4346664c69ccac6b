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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Partitions across JVMs: a run launched with {@code partitioning=shared-repository} and no local
 * workers is executed by two {@code print-worker} processes that share its PostgreSQL job repository
 * (and its files). Every partition runs exactly once, both processes take part, and the result is the
 * same as a run on one machine.
 */
class PrintRunSharedRepositoryTest {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final Pattern EXECUTING = Pattern.compile("executing ((?:calculate|print)-partition:p\\d+) of run");

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
    void partitionsAreExecutedOnceEachByWorkerProcessesSharingTheRepository() throws Exception {
        Path ledger = dir.resolve("ledger.jsonl");
        TestLedgers.write(ledger, 3_000, 21);
        List<String> db = List.of("--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                "--spring.datasource.password=", "--kakekin.print.poll-interval=PT0.2S");
        // Prepare the repository once (a worker that finds nothing to do creates the tables and stops), as an
        // operator would before starting workers on several machines at the same moment.
        assertThat(Main.runCommand(concat(List.of("print-worker", "--exit-when-idle", "PT0S"), db))).isZero();
        Process a = worker("a", db);
        Process b = worker("b", db);

        Path out = dir.resolve("out");
        int status = Main.runCommand(concat(List.of("print-run", "--year", "2026", "--issue", "NOVEMBER",
                "--input", ledger.toString(), "--out", out.toString(), "--batch-size", "40", "--run-date", "2026-11-13",
                "--kakekin.print.partitioning=shared-repository", "--kakekin.print.workers=4",
                "--kakekin.print.local-workers=0", "--kakekin.print.chunk-size=200"), db));

        assertThat(a.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(b.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(status).isEqualTo(2); // 2: the ledger has invalid lines (print-run exits 2 for them, like calculate)
        List<String> byA = executed("a");
        List<String> byB = executed("b");
        List<String> all = new ArrayList<>(byA);
        all.addAll(byB);
        assertThat(all).as("every partition exactly once").containsExactlyInAnyOrder(
                "calculate-partition:p0", "calculate-partition:p1", "calculate-partition:p2", "calculate-partition:p3",
                "print-partition:p0", "print-partition:p1", "print-partition:p2", "print-partition:p3");
        assertThat(byA).as("worker a").anyMatch(p -> p.startsWith("print"));
        assertThat(byB).as("worker b").anyMatch(p -> p.startsWith("print"));

        Path reference = dir.resolve("reference");
        assertThat(Main.runCommand("print-run", "--year", "2026", "--issue", "NOVEMBER", "--input", ledger.toString(),
                "--out", reference.toString(), "--batch-size", "40", "--run-date", "2026-11-13")).isEqualTo(2);
        RunSummary summary = RunSummary.read(out.resolve("summary.json"));
        assertThat(summary.problems()).isEmpty();
        assertThat(withoutRunId(PrintRunIntegrationTest.csv(out.resolve("manifest.csv"))))
                .isEqualTo(withoutRunId(PrintRunIntegrationTest.csv(reference.resolve("manifest.csv"))));
    }

    private Process worker(String name, List<String> db) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "print-worker", "--threads", "1", "--exit-when-idle", "PT8S"));
        cmd.addAll(db);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
    }

    private List<String> executed(String name) throws Exception {
        List<String> partitions = new ArrayList<>();
        Matcher m = EXECUTING.matcher(Files.readString(dir.resolve(name + ".log"), StandardCharsets.UTF_8));
        while (m.find()) {
            partitions.add(m.group(1));
        }
        return partitions;
    }

    private static String[] concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all.toArray(String[]::new);
    }

    private static List<List<String>> withoutRunId(List<List<String>> rows) {
        return rows.stream().map(r -> r.subList(1, r.size())).toList();
    }
}
