package jp.kakekin.print;

import jp.kakekin.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

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
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Remote partitioning for real: a print run of 20,000 contracts launched in one JVM with
 * {@code partitioning=remote}, its partitions executed by two {@code print-worker} JVMs through the
 * RabbitMQ of this machine (127.0.0.1:5672, queues of this test only) and a PostgreSQL job repository (a
 * schema of this test only). One worker is killed with SIGKILL in the middle of a print partition; the
 * broker gives the unacknowledged request to the other worker, which resumes the partition after its last
 * commit, and the run completes by itself: counts reconciled, every contract issued exactly once. Two
 * messages that are not partition requests are dead-lettered without disturbing the run.
 * <p>
 * Waits are bounded by progress, not by the clock: the test fails when nothing has moved for
 * {@link #STALL}, however long the whole run takes on a busy machine.
 */
class PrintRunRemotePartitioningTest {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final Duration STALL = Duration.ofMinutes(4);
    private static final Pattern EXECUTING = Pattern.compile("executing (print-partition:p\\d+) of run \\d+ \\(execution (\\d+)\\)");

    @TempDir
    Path dir;

    private String schema;
    private String url;
    private String queue;
    private CachingConnectionFactory rabbit;
    private final List<Process> processes = new ArrayList<>();

    @BeforeEach
    void createSchemaAndQueueNames() throws Exception {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        schema = "remote_" + suffix;
        queue = "kakekin.test.partitions." + suffix;
        try (Connection c = DriverManager.getConnection(SERVER, "postgres", "")) {
            c.createStatement().execute("create schema " + schema);
        }
        url = SERVER + "?currentSchema=" + schema;
        rabbit = new CachingConnectionFactory("127.0.0.1", 5672);
        rabbit.setUsername("guest");
        rabbit.setPassword("guest");
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (Process p : processes) {
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        // The JVMs' logs outlive the temporary folder, for whoever reads a failure.
        Path logs = Path.of("target", getClass().getSimpleName());
        Files.createDirectories(logs);
        for (String n : List.of("manager", "worker-a", "worker-b")) {
            if (Files.exists(dir.resolve(n + ".log"))) {
                Files.copy(dir.resolve(n + ".log"), logs.resolve(n + ".log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        RabbitAdmin admin = new RabbitAdmin(rabbit);
        admin.deleteQueue(queue);
        admin.deleteQueue(queue + ".dlq");
        rabbit.destroy();
        try (Connection c = DriverManager.getConnection(SERVER, "postgres", "")) {
            c.createStatement().execute("drop schema " + schema + " cascade");
        }
    }

    @Test
    void aWorkerKilledMidPartitionIsReplacedByTheBrokerAndTheRunCompletesByItself() throws Exception {
        Path ledger = dir.resolve("ledger.jsonl");
        List<TestLedgers.Line> lines = TestLedgers.write(ledger, 20_000, 13);
        Path out = dir.resolve("out");
        List<String> shared = List.of("--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                "--spring.datasource.password=", "--kakekin.print.partitioning=remote",
                "--kakekin.print.remote.queue=" + queue, "--kakekin.print.remote.poll-interval=PT0.5S");

        Process a = java("worker-a", shared, "print-worker", "--threads", "1");
        Process b = java("worker-b", shared, "print-worker", "--threads", "1");
        awaitProgress("the workers to start", () -> log("worker-a").contains("thread(s) on queue")
                && log("worker-b").contains("thread(s) on queue") ? 1 : 0, () -> a.isAlive() && b.isAlive(), 1);

        // Not partition requests: a type outside the allow-list and a text. Both must end in the dead-letter
        // queue at once, not loop, and not disturb the run.
        RabbitTemplate template = new RabbitTemplate(rabbit);
        template.convertAndSend("", queue, new ArrayList<>(List.of("not a request")));
        MessageProperties text = new MessageProperties();
        text.setContentType(MessageProperties.CONTENT_TYPE_TEXT_PLAIN);
        template.send("", queue, new org.springframework.amqp.core.Message("hello".getBytes(StandardCharsets.UTF_8), text));

        Process manager = java("manager", shared, "print-run", "--year", "2026", "--issue", "NOVEMBER",
                "--input", ledger.toString(), "--out", out.toString(), "--batch-size", "100", "--run-date", "2026-11-13",
                "--kakekin.print.workers=4", "--kakekin.print.chunk-size=500");

        // Kill the worker that executes a print partition once that partition has committed some batches.
        long[] victim = new long[2]; // worker index, partition execution id
        awaitProgress("a print partition with committed batches", () -> {
            for (int w = 0; w < 2; w++) {
                Matcher m = EXECUTING.matcher(log(w == 0 ? "worker-a" : "worker-b"));
                String last = null;
                while (m.find()) {
                    last = m.group(2);
                }
                if (last != null && commitsOfRunningPartition(Long.parseLong(last)) >= 2) {
                    victim[0] = w;
                    victim[1] = Long.parseLong(last);
                    return -1;
                }
            }
            return printedBatches(out);
        }, manager::isAlive, -1);
        Process killed = victim[0] == 0 ? a : b;
        String survivor = victim[0] == 0 ? "worker-b" : "worker-a";
        killed.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(killed.isAlive()).isFalse();
        assertThat(status(victim[1])).as("the killed worker's partition").isEqualTo("STARTED");

        awaitProgress("the run to complete", () -> manager.isAlive() ? printedBatches(out) : -1, () -> true, -1);
        // 2: completed, and the ledger had invalid lines (they are in exclusions.csv)
        assertThat(manager.exitValue()).as(logs()).isEqualTo(2);

        // The survivor resumed the partition after its last commit, without any operator.
        assertThat(log(survivor)).contains("(execution " + victim[1] + ") was left STARTED by a worker that is gone");
        assertThat(log(survivor)).containsPattern("executing print-partition:p\\d+ of run \\d+ \\(execution " + victim[1]
                + "\\) resuming after \\d+ commits");
        assertThat(status(victim[1])).isEqualTo("COMPLETED");
        assertThat(jobStatuses()).containsExactly("COMPLETED");

        RunSummary summary = RunSummary.read(out.resolve("summary.json"));
        assertThat(summary.problems()).isEmpty();
        assertThat(summary.records()).isEqualTo(20_000);
        List<List<String>> manifest = PrintRunIntegrationTest.csv(out.resolve("manifest.csv"));
        assertThat(manifest).hasSize((int) summary.issued());
        Set<String> contracts = new HashSet<>();
        for (List<String> row : manifest) {
            assertThat(contracts.add(row.get(ManifestRow.CONTRACT_NO))).as("printed once: " + row).isTrue();
        }
        assertThat(contracts).isEqualTo(PrintRunIntegrationTest.expected(ledger, lines).figures().keySet());

        // Both odd messages were dead-lettered once each, and nothing else.
        List<Object> dead = new ArrayList<>();
        org.springframework.amqp.core.Message m;
        while ((m = template.receive(queue + ".dlq")) != null) {
            dead.add(new String(m.getBody(), StandardCharsets.ISO_8859_1));
        }
        assertThat(dead).hasSize(2);
    }

    private Process java(String name, List<String> shared, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        cmd.addAll(shared);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
        processes.add(p);
        return p;
    }

    /**
     * Waits until {@code progress} returns {@code done}, failing if {@code alive} turns false first, or if the
     * value has not changed for {@link #STALL}.
     */
    private void awaitProgress(String what, LongSupplier progress, java.util.function.BooleanSupplier alive, long done)
            throws Exception {
        long last = Long.MIN_VALUE;
        long lastChange = System.nanoTime();
        while (true) {
            long now = progress.getAsLong();
            if (now == done) {
                return;
            }
            assertThat(alive.getAsBoolean()).as(() -> "waiting for " + what + ": a process ended\n" + logs()).isTrue();
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            }
            assertThat(System.nanoTime() - lastChange).as(() -> "waiting for " + what + ": no progress for " + STALL + "\n" + logs())
                    .isLessThan(STALL.toNanos());
            Thread.sleep(50);
        }
    }

    private long printedBatches(Path out) {
        Path parts = new RunFolder(out).printDir();
        try (var files = Files.list(parts)) {
            return files.filter(p -> p.toString().endsWith(".csv") && !p.toString().endsWith(".excluded.csv")).count();
        } catch (Exception e) {
            return 0;
        }
    }

    private long commitsOfRunningPartition(long stepExecutionId) {
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
             ResultSet rs = c.createStatement().executeQuery(
                     "select status, commit_count from batch_step_execution where step_execution_id = " + stepExecutionId)) {
            return rs.next() && rs.getString(1).equals("STARTED") ? rs.getLong(2) : 0;
        } catch (Exception e) {
            return 0;
        }
    }

    private String status(long stepExecutionId) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
             ResultSet rs = c.createStatement().executeQuery(
                     "select status from batch_step_execution where step_execution_id = " + stepExecutionId)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private List<String> jobStatuses() throws Exception {
        List<String> s = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
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
        } catch (Exception e) {
            return "";
        }
    }

    private String logs() {
        StringBuilder b = new StringBuilder();
        for (String n : List.of("manager", "worker-a", "worker-b")) {
            String l = log(n);
            b.append("--- ").append(n).append('\n').append(l.length() > 6000 ? l.substring(l.length() - 6000) : l);
        }
        return b.toString();
    }
}
