package jp.kakekin.edelivery;

import jp.kakekin.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The e-私書箱 run as a restartable job, in child JVMs: killed with SIGKILL while it signs, started again (the
 * dead owner is recovered without {@code --recover}), stopped with SIGTERM (the repository says STOPPED), and
 * finished by the same command once more — every linked contract exactly once in the package.
 */
class EDeliveryRunRestartTest {

    private static final int CONTRACTS = 2_000;

    @TempDir
    Path dir;

    @Test
    void aRunKilledThenStoppedIsFinishedByTheSameCommandWithEveryCertificateOnce() throws Exception {
        JsonNode s01 = GeneratedRun.caseLedger("S01-monthly-all-paid.json");
        List<String> lines = new ArrayList<>();
        Set<String> linked = new HashSet<>();
        for (int i = 0; i < CONTRACTS; i++) {
            String no = Integer.toString(5_000_000 + i);
            if (i % 10 == 3) {
                lines.add(GeneratedRun.JSON.writeValueAsString(GeneratedRun.linked(s01, null).put("contractNo", no)));
            } else {
                lines.add(GeneratedRun.JSON.writeValueAsString(GeneratedRun.variant(s01, no)));
                linked.add(no);
            }
        }
        Path ledger = dir.resolve("ledger.jsonl");
        Files.writeString(ledger, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        Path keystore = dir.resolve("keys/k.p12");
        SigningKeyStore.load(keystore, "kakekin-dev-only".toCharArray(), "e-delivery", true);
        Path out = dir.resolve("out");
        String url = "jdbc:h2:file:" + dir.resolve("db").resolve("kakekin")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE";
        List<String> run = List.of("export-e-delivery", "--year", "2026", "--issue", "NOVEMBER", "--input",
                ledger.toString(), "--out", out.toString(), "--run-date", "2026-11-12", "--spring.datasource.url=" + url,
                "--kakekin.e-delivery.workers=2", "--kakekin.e-delivery.chunk-size=50",
                "--kakekin.e-delivery.keystore.path=" + keystore, "--kakekin.e-delivery.keystore.generate-if-missing=false",
                "--kakekin.archive.dir=" + dir.resolve("archive"));
        Path chunks = out.resolve(".TEG850-2026-NOVEMBER-20261112.e-delivery").resolve("chunks");

        Process first = child(run, "first");
        awaitChunks(chunks, 4, first, "first");
        first.destroyForcibly(); // SIGKILL
        assertThat(first.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(statuses(url)).containsExactly("STARTED");

        int before = chunkCount(chunks);
        Process second = child(run, "second");
        awaitChunks(chunks, before + 4, second, "second");
        second.destroy(); // SIGTERM
        assertThat(second.waitFor(5, TimeUnit.MINUTES)).as(() -> log("second")).isTrue();
        assertThat(log("second")).contains("was left STARTED by a process that is gone");
        assertThat(statuses(url)).as(() -> log("second")).containsExactly("FAILED", "STOPPED");

        int status = Main.runCommand(run.toArray(String[]::new));
        assertThat(status).isZero();
        assertThat(statuses(url)).containsExactly("FAILED", "STOPPED", "COMPLETED");

        Path pkg = out.resolve("TEG850-2026-NOVEMBER-20261112");
        JsonNode summary = GeneratedRun.JSON.readTree(pkg.resolve(DeliveryPackage.SUMMARY).toFile());
        assertThat(summary.path("records").asLong()).isEqualTo(CONTRACTS);
        assertThat(summary.path("delivered").asLong()).isEqualTo(linked.size());
        assertThat(summary.path("excluded").path("NOT_LINKED").asLong()).isEqualTo(CONTRACTS - linked.size());
        List<String> manifest = Files.readAllLines(pkg.resolve(DeliveryPackage.MANIFEST), StandardCharsets.UTF_8);
        Set<String> delivered = new HashSet<>();
        for (String row : manifest.subList(1, manifest.size())) {
            assertThat(delivered.add(row.split(",")[1])).as("once: " + row).isTrue();
        }
        assertThat(delivered).isEqualTo(linked);

        // The runs list shows it (kind e-delivery); voiding it withdraws the package and refuses the same run again.
        String db = "--spring.datasource.url=" + url;
        String listed = stdout(() -> Main.runCommand("runs", db));
        assertThat(listed).containsPattern("\\d+\\s+e-delivery\\s+NOVEMBER\\s+2026\\s+2026-11-12\\s+COMPLETED\\s+" + linked.size());
        long runId = Long.parseLong(listed.lines().filter(l -> l.contains("e-delivery")).findFirst().orElseThrow().split("\\s+")[0]);
        assertThat(Main.runCommand("runs", "void", Long.toString(runId), "--reason", "wrong run date", db)).isZero();
        assertThat(out.resolve("TEG850-2026-NOVEMBER-20261112.VOID.txt")).content(StandardCharsets.UTF_8)
                .contains("wrong run date").contains("Do not deliver");
        assertThat(stdout(() -> Main.runCommand("runs", db))).containsPattern("e-delivery\\s+NOVEMBER.*VOID");
        assertThat(Main.runCommand(run.toArray(String[]::new))).as("a voided run is not run again").isEqualTo(1);
    }

    private static String stdout(java.util.concurrent.Callable<Integer> command) throws Exception {
        java.io.PrintStream old = System.out;
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertThat(command.call()).isZero();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    private Process child(List<String> run, String name) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(run);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
    }

    /** Waits until {@code n} chunk files exist, as long as the run moves (the machine may be busy). */
    private void awaitChunks(Path chunks, int n, Process p, String name) throws Exception {
        long lastChange = System.nanoTime();
        int last = -1;
        while (chunkCount(chunks) < n) {
            assertThat(p.isAlive()).as(() -> log(name)).isTrue();
            int now = chunkCount(chunks);
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            }
            assertThat(System.nanoTime() - lastChange).as(() -> "no progress\n" + log(name))
                    .isLessThan(Duration.ofMinutes(4).toNanos());
            Thread.sleep(20);
        }
    }

    private static int chunkCount(Path chunks) {
        if (!Files.isDirectory(chunks)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(chunks)) {
            return (int) files.filter(f -> f.toString().endsWith(".jsonl")).count();
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

    private String log(String name) {
        try {
            return Files.readString(dir.resolve(name + ".log"), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
