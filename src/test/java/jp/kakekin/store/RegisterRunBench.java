package jp.kakekin.store;

import jp.kakekin.calc.DocumentKind;
import jp.kakekin.document.UniqueCode;
import jp.kakekin.ledger.Address;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Not a test (the name keeps it out of the suite): CPU per row of a print run's register work
 * ({@link IssuedDocuments#registerRun} in batches of 500, each in its own transaction, and the calculate
 * step's {@link IssuedDocuments#runsOf} per chunk of 5,000), for docs/performance.md "Print run end to end".
 * The database is an H2 file as the default configuration makes it ({@code -Dkakekin.bench.db=h2}, default)
 * or a fresh schema of the machine's PostgreSQL ({@code -Dkakekin.bench.db=postgres}).
 *
 * <pre>mvn -B -o -q test -Dtest=RegisterRunBench -Dsurefire.failIfNoSpecifiedTests=false [-Dkakekin.bench.db=postgres] [-Dkakekin.bench.rows=80000]</pre>
 */
class RegisterRunBench {

    private static final int BATCH = 500;
    private static final String RUN = "print-run-1";

    @Test
    void cpuPerRegisteredRow() throws Exception {
        // Round 1 warms the JIT up; compare the last round's figures.
        for (int round = 1; round <= Integer.getInteger("kakekin.bench.rounds", 2); round++) {
            System.out.println("RegisterRunBench round " + round);
            round();
        }
    }

    private static void round() throws Exception {
        String db = System.getProperty("kakekin.bench.db", "h2");
        int rows = Integer.getInteger("kakekin.bench.rows", 80_000);
        Path dir = null;
        String schema = null;
        SingleConnectionDataSource ds;
        if (db.equals("postgres")) {
            schema = TestDatabases.newPostgresSchema();
            TestDatabases.postgres(schema);
            ds = new SingleConnectionDataSource(TestDatabases.postgresUrl(schema), TestDatabases.POSTGRES_USER, "", true);
        } else {
            dir = Files.createTempDirectory(Path.of("target"), "register-bench");
            String url = "jdbc:h2:file:" + dir.toAbsolutePath() + "/kakekin;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                    + "DEFAULT_NULL_ORDERING=HIGH";
            TestDatabases.migrate(new DriverManagerDataSource(url, "sa", ""), null);
            ds = new SingleConnectionDataSource(url, "sa", "", true);
        }
        try {
            run(db, ds, rows);
        } finally {
            ds.destroy();
            if (schema != null) {
                TestDatabases.dropPostgresSchema(schema);
            }
            if (dir != null) {
                try (var files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    private static void run(String db, DataSource ds, int rows) {
        JdbcTemplate t = new JdbcTemplate(ds);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
        IssuedDocuments register = new IssuedDocuments(JdbcClient.create(ds), t);
        // Contracts as import leaves them (the figures of a print run do not depend on their content here).
        Timestamp now = Timestamp.from(Instant.parse("2026-11-01T00:00:00Z"));
        List<Object[]> contracts = new ArrayList<>();
        List<IssuedDocuments.RunRecord> records = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            String no = "%07d".formatted(1_000_000 + i * 7);
            String check = "%02d".formatted(i % 97);
            contracts.add(new Object[] {no, check, "SHOKIBO", "name " + i, "{\"contractNo\":\"" + no + "\"}", "bench.jsonl", i + 1, now});
            String postal = "%07d".formatted(600_001 + (i * 31) % 9_000_000);
            String figures = ("{\"contractNo\":\"%s\",\"issued\":true,\"monthlyPremium\":50000,\"paid\":%d,\"scheduled\":129000,"
                    + "\"discountPaid\":8370,\"deduction\":null,\"withheld\":[\"PENDING_CHANGE\"],\"postalCode\":\"%s\"}")
                    .formatted(no, 10_000 * (i % 70), postal);
            records.add(new IssuedDocuments.RunRecord(UniqueCode.of(DocumentKind.NOVEMBER_CERTIFICATE, 2026, no, check, 0),
                    no, DocumentKind.NOVEMBER_CERTIFICATE, 2026, figures,
                    new Address(null, postal, "東京都千代田区丸の内" + (i % 9 + 1) + "丁目" + (i % 20 + 1) + "番", "サンプルビル " + (i % 30) + "階")));
        }
        for (int i = 0; i < contracts.size(); i += 5_000) {
            List<Object[]> part = contracts.subList(i, Math.min(i + 5_000, contracts.size()));
            tx.executeWithoutResult(s -> t.batchUpdate("""
                    INSERT INTO contracts (contract_no, check_digits, scheme, name_key, ledger_json, source_file,
                           source_line, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", part));
        }
        // Postal order, as the print step registers them: codes arrive in no particular key order.
        List<IssuedDocuments.RunRecord> printed = new ArrayList<>(records);
        printed.sort(Comparator.comparing(r -> r.printedAddress().postalCode()));
        OffsetDateTime at = OffsetDateTime.of(2026, 11, 13, 0, 0, 0, 0, ZoneOffset.ofHours(9));
        List<String> codes = records.stream().map(r -> r.code().value()).toList();

        // The calculate step: one lookup per chunk of 5,000 (nothing registered yet).
        Cpu c = Cpu.start();
        int found = 0;
        for (int i = 0; i < codes.size(); i += 5_000) {
            found += register.runsOf(codes.subList(i, Math.min(i + 5_000, codes.size()))).size();
        }
        c.report(db, "runsOf, empty register (calculate)", rows);
        assertThat(found).isZero();

        // The print step: registerRun per batch of 500, each in its transaction.
        c = Cpu.start();
        int registered = 0;
        for (int i = 0; i < printed.size(); i += BATCH) {
            List<IssuedDocuments.RunRecord> part = printed.subList(i, Math.min(i + BATCH, printed.size()));
            registered += tx.execute(s -> register.registerRun(RUN, at, part)).registered();
        }
        c.report(db, "registerRun, first run (print)", rows);
        assertThat(registered).isEqualTo(rows);

        // A restart redoing every batch: nothing is inserted again.
        c = Cpu.start();
        int again = 0;
        for (int i = 0; i < printed.size(); i += BATCH) {
            List<IssuedDocuments.RunRecord> part = printed.subList(i, Math.min(i + BATCH, printed.size()));
            again += tx.execute(s -> register.registerRun(RUN, at, part)).alreadyThis();
        }
        c.report(db, "registerRun, every batch again (restart)", rows);
        assertThat(again).isEqualTo(rows);
        assertThat(t.queryForObject("SELECT COUNT(*) FROM issued_documents", Integer.class)).isEqualTo(rows);
    }

    /** The calling thread's CPU and the whole JVM's (the latter includes H2's background writer and GC). */
    private record Cpu(long thread, long process, long wall) {
        static Cpu start() {
            return new Cpu(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime(), processCpu(), System.nanoTime());
        }

        static long processCpu() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        }

        void report(String db, String what, int rows) {
            long th = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - thread;
            long pr = processCpu() - process;
            long wa = System.nanoTime() - wall;
            System.out.printf("RegisterRunBench %-8s %-42s %,d rows: thread CPU %,.0f ms = %.1f µs/row; JVM CPU %,.0f ms = %.1f µs/row; wall %,.0f ms%n",
                    db, what, rows, th / 1e6, th / 1e3 / rows, pr / 1e6, pr / 1e3 / rows, wa / 1e6);
        }
    }
}
