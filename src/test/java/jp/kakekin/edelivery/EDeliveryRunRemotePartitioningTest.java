package jp.kakekin.edelivery;

import jp.kakekin.Main;
import jp.kakekin.issuance.ReasonCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bar of issue 13 for the e-私書箱 run: a run of 20,000 contracts launched in one JVM with
 * {@code kakekin.e-delivery.partitioning=remote}, its export partitions executed by two {@code print-worker}
 * JVMs through the RabbitMQ of this machine (a queue of this test only) and a PostgreSQL job repository (a
 * schema of this test only). One worker is killed with SIGKILL in the middle of a partition; the broker
 * gives the unacknowledged request to the other worker, which resumes the partition after its last commit,
 * and the run completes by itself: counts reconciled, every linked certificate delivered exactly once (one
 * manifest row, one XML), every other record excluded once with its reason. A message that is not a
 * partition request is dead-lettered.
 * <p>
 * Waits are bounded by progress, not by the clock: the test fails when nothing has moved for {@link #STALL}.
 */
class EDeliveryRunRemotePartitioningTest {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final Duration STALL = Duration.ofMinutes(4);
    private static final int CONTRACTS = 20_000;
    private static final Pattern EXECUTING = Pattern.compile(
            "executing (e-delivery-partition:p\\d+) of run \\d+ \\(execution (\\d+)\\)");

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
        schema = "edelivery_" + suffix;
        queue = "kakekin.test.e-delivery." + suffix;
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

    /**
     * 20,000 lines from the golden case S01 (figures known): a third linked before the run date (delivered), the
     * others unlinked, and a known sprinkling of 経営セーフティ共済 contracts, invalid lines and repeated contracts.
     *
     * @return contract (or "line N") → the expected reason, or DELIVERED
     */
    private Map<String, String> ledger(Path file) throws Exception {
        JsonNode s01 = GeneratedRun.caseLedger("S01-monthly-all-paid.json");
        JsonNode t01 = GeneratedRun.caseLedger("T01-individual-monthly.json");
        Map<String, String> expected = new HashMap<>();
        List<String> lines = new ArrayList<>(CONTRACTS);
        for (int i = 0; i < CONTRACTS; i++) {
            String contractNo = Integer.toString(4_000_000 + i);
            int roll = i % 50;
            String json;
            String expectation;
            if (roll == 7 || (roll != 13 && roll != 29 && roll != 41 && i % 3 != 0)) {
                // about a third linked, as in real ledgers (docs/generator.md): the test's time goes into signing
                json = GeneratedRun.JSON.writeValueAsString(GeneratedRun.linked(s01, null).put("contractNo", contractNo));
                expectation = ReasonCode.NOT_LINKED.name();
            } else if (roll == 13) {
                json = GeneratedRun.JSON.writeValueAsString(((ObjectNode) t01.deepCopy()).put("contractNo", contractNo));
                expectation = ReasonCode.OTHER_SCHEME.name();
            } else if (roll == 29) {
                json = "{\"scheme\": \"SHOKIBO\", \"contractNo\": ";
                contractNo = "line " + (i + 1);
                expectation = ReasonCode.INVALID_LEDGER_LINE.name();
            } else if (roll == 41) {
                // the contract of 10 lines earlier again: only its first line is delivered
                json = GeneratedRun.JSON.writeValueAsString(GeneratedRun.variant(s01, Integer.toString(4_000_000 + i - 10)));
                contractNo = "line " + (i + 1);
                expectation = ReasonCode.DUPLICATE_CONTRACT.name();
            } else {
                json = GeneratedRun.JSON.writeValueAsString(GeneratedRun.variant(s01, contractNo));
                expectation = "DELIVERED";
            }
            lines.add(json);
            expected.put(contractNo, expectation);
        }
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return expected;
    }

    @Test
    void aWorkerKilledMidPartitionIsReplacedByTheBrokerAndEveryCertificateIsDeliveredOnce() throws Exception {
        Path ledger = dir.resolve("ledger.jsonl");
        Map<String, String> expected = ledger(ledger);
        Path keystore = dir.resolve("keys/shared.p12");
        // Every JVM signs or names the signer with the same key: made once here, shared like the job repository.
        SigningKeyStore.load(keystore, "kakekin-dev-only".toCharArray(), "e-delivery", true);
        Path out = dir.resolve("out");
        List<String> shared = List.of("--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                "--spring.datasource.password=", "--kakekin.e-delivery.partitioning=remote",
                "--kakekin.e-delivery.remote.queue=" + queue, "--kakekin.e-delivery.remote.poll-interval=PT0.5S",
                "--kakekin.e-delivery.keystore.path=" + keystore, "--kakekin.e-delivery.keystore.generate-if-missing=false",
                "--kakekin.archive.dir=" + dir.resolve("archive"));

        Process a = java("worker-a", shared, "print-worker", "--threads", "1");
        Process b = java("worker-b", shared, "print-worker", "--threads", "1");
        awaitProgress("the workers to start", () -> log("worker-a").contains("thread(s) on queue " + queue)
                && log("worker-b").contains("thread(s) on queue " + queue) ? 1 : 0, () -> a.isAlive() && b.isAlive(), 1);

        RabbitTemplate template = new RabbitTemplate(rabbit);
        MessageProperties text = new MessageProperties();
        text.setContentType(MessageProperties.CONTENT_TYPE_TEXT_PLAIN);
        template.send("", queue, new org.springframework.amqp.core.Message("hello".getBytes(StandardCharsets.UTF_8), text));

        Process manager = java("manager", shared, "export-e-delivery", "--year", "2026", "--issue", "NOVEMBER",
                "--input", ledger.toString(), "--out", out.toString(), "--run-date", "2026-11-12",
                "--kakekin.e-delivery.workers=4", "--kakekin.e-delivery.chunk-size=200");

        long[] victim = new long[2]; // worker index, partition execution id
        awaitProgress("an export partition with committed chunks", () -> {
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
            return committedChunks();
        }, manager::isAlive, -1);
        Process killed = victim[0] == 0 ? a : b;
        String survivor = victim[0] == 0 ? "worker-b" : "worker-a";
        killed.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(killed.isAlive()).isFalse();
        assertThat(status(victim[1])).as("the killed worker's partition").isEqualTo("STARTED");

        awaitProgress("the run to complete", () -> manager.isAlive() ? committedChunks() : -1, () -> true, -1);
        // 0: completed and reconciled (invalid lines are exclusions of the package, as before)
        assertThat(manager.exitValue()).as(logs()).isZero();

        assertThat(log(survivor)).contains("(execution " + victim[1] + ") was left STARTED by a worker that is gone");
        assertThat(log(survivor)).containsPattern("executing e-delivery-partition:p\\d+ of run \\d+ \\(execution "
                + victim[1] + "\\) resuming after line \\d+");
        assertThat(status(victim[1])).isEqualTo("COMPLETED");
        assertThat(jobStatuses()).containsExactly("COMPLETED");

        Path pkg = out.resolve("TEG850-2026-NOVEMBER-20261112");
        JsonNode summary = GeneratedRun.JSON.readTree(pkg.resolve(DeliveryPackage.SUMMARY).toFile());
        assertThat(summary.path("records").asLong()).isEqualTo(CONTRACTS);
        assertThat(summary.path("reconciles").asBoolean()).isTrue();
        Map<String, Long> byExpectation = new HashMap<>();
        expected.values().forEach(v -> byExpectation.merge(v, 1L, Long::sum));
        assertThat(summary.path("delivered").asLong()).isEqualTo(byExpectation.get("DELIVERED"));
        for (String reason : List.of("NOT_LINKED", "OTHER_SCHEME", "INVALID_LEDGER_LINE", "DUPLICATE_CONTRACT")) {
            assertThat(summary.path("excluded").path(reason).asLong()).as(reason).isEqualTo(byExpectation.get(reason));
        }

        // Every linked contract exactly once in the manifest, with its XML; nothing else.
        List<String> manifest = Files.readAllLines(pkg.resolve(DeliveryPackage.MANIFEST), StandardCharsets.UTF_8);
        assertThat(manifest.getFirst()).isEqualTo("file,contractNo,uniqueCode,sha256");
        Set<String> delivered = new HashSet<>();
        for (String row : manifest.subList(1, manifest.size())) {
            String[] f = row.split(",");
            assertThat(delivered.add(f[1])).as("delivered once: " + row).isTrue();
            assertThat(pkg.resolve(f[0])).exists();
            assertThat(EDeliveryExporter.sha256(Files.readAllBytes(pkg.resolve(f[0])))).isEqualTo(f[3]);
        }
        Set<String> linked = new HashSet<>();
        expected.forEach((k, v) -> {
            if (v.equals("DELIVERED")) {
                linked.add(k);
            }
        });
        assertThat(delivered).isEqualTo(linked);
        try (var files = Files.list(pkg)) {
            assertThat(files.filter(p -> p.toString().endsWith(".xml")).count()).isEqualTo(linked.size());
        }
        assertThat(out.resolve("TEG850-2026-NOVEMBER-20261112.zip")).exists();
        // Every delivered document archived and recorded once (docs/archive.md), the killed chunk's included.
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
             ResultSet rs = c.createStatement().executeQuery(
                     "select count(*), count(distinct unique_code) from archived_copies where channel = 'e-delivery'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(linked.size());
            assertThat(rs.getLong(2)).isEqualTo(linked.size());
        }
        assertThat(out.resolve(".TEG850-2026-NOVEMBER-20261112.e-delivery")).as("work folder removed").doesNotExist();

        List<Object> dead = new ArrayList<>();
        org.springframework.amqp.core.Message m;
        while ((m = template.receive(queue + ".dlq")) != null) {
            dead.add(new String(m.getBody(), StandardCharsets.ISO_8859_1));
        }
        assertThat(dead).containsExactly("hello");
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

    private void awaitProgress(String what, LongSupplier progress, BooleanSupplier alive, long done) throws Exception {
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
            Thread.sleep(100);
        }
    }

    /** Chunks committed by all partitions so far (the sum of their commit counts). */
    private long committedChunks() {
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
             ResultSet rs = c.createStatement().executeQuery(
                     "select coalesce(sum(commit_count), 0) from batch_step_execution where step_name like 'e-delivery-partition:%'")) {
            return rs.next() ? rs.getLong(1) : 0;
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
