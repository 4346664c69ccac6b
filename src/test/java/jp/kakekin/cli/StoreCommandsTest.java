package jp.kakekin.cli;

import jp.kakekin.Main;
import jp.kakekin.store.CaseLedgers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** import and reissue-run as an operator runs them: each in its own short-lived context, one database file. */
@ExtendWith(OutputCaptureExtension.class)
class StoreCommandsTest {

    @TempDir
    Path dir;

    private String db() {
        return "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("db").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }

    @Test
    void importReportsEachRejectedLineAndASummaryAndIsIdempotent(CapturedOutput output) throws Exception {
        List<String> lines = new ArrayList<>(CaseLedgers.lines());
        lines.add(2, "{\"scheme\":\"SHOKIBO\",\"contractNo\":\"12\"}");
        Path ledger = dir.resolve("ledger.jsonl");
        Files.write(ledger, lines, StandardCharsets.UTF_8);

        assertThat(Main.runCommand("import", "--input", ledger.toString(), db())).isEqualTo(2);
        assertThat(output.getOut()).contains("import: ledger.jsonl: imported " + (lines.size() - 1) + ", rejected 1");
        assertThat(output.getErr()).contains("ledger.jsonl:3: contractNo: must be exactly 7 digits");

        Files.write(ledger, CaseLedgers.lines(), StandardCharsets.UTF_8);
        assertThat(Main.runCommand("import", "--input", ledger.toString(), db())).isZero();
        assertThat(Main.runCommand("import", "--input", ledger.toString(), db())).isZero();
        JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(db().substring(db().indexOf('=') + 1), "sa", ""));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM contracts").query(Long.class).single())
                .isEqualTo(CaseLedgers.lines().size());

        assertThat(Main.runCommand("import", "--input", dir.resolve("missing.jsonl").toString(), db())).isEqualTo(1);
    }

    /**
     * Issue 12: invalid UTF-8, a 201-character name, a NUL in a name, and a name the parser accepts but the
     * database column cannot hold (NFKC makes each ㍿ four characters of the 200-character name key) each
     * used to end the import with a stack trace and nothing imported. Now each is one file:line: field:
     * message line, exit 2, and every good line is imported.
     */
    @Test
    void importKeepsEveryGoodLineOnABadRecord(CapturedOutput output) throws Exception {
        List<String> good = CaseLedgers.lines();
        String base = CaseLedgers.line("S01-monthly-all-paid");
        java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
        for (String l : good) {
            file.writeBytes((l + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String tooLong = CaseLedgers.renamed(CaseLedgers.renumbered(base, "7000001", "11"), "髙".repeat(201));
        String nul = CaseLedgers.renamed(CaseLedgers.renumbered(base, "7000002", "11"), "髙橋\u0000太郎");
        String wide = CaseLedgers.renamed(CaseLedgers.renumbered(base, "7000003", "11"), "\u337f".repeat(60));
        byte[] latin = CaseLedgers.renamed(CaseLedgers.renumbered(base, "7000004", "11"), "X\u00e9X")
                .getBytes(StandardCharsets.ISO_8859_1);
        for (String l : List.of(tooLong, nul, wide)) {
            file.writeBytes((l + "\n").getBytes(StandardCharsets.UTF_8));
        }
        file.writeBytes(latin);
        file.writeBytes("\n".getBytes(StandardCharsets.UTF_8));
        file.writeBytes((CaseLedgers.renumbered(base, "7000005", "11") + "\n").getBytes(StandardCharsets.UTF_8));
        Path ledger = dir.resolve("bad.jsonl");
        Files.write(ledger, file.toByteArray());
        int n = good.size();

        assertThat(Main.runCommand("import", "--input", ledger.toString(), db())).isEqualTo(2);
        assertThat(output.getOut()).contains("import: bad.jsonl: imported " + (n + 1) + ", rejected 4");
        assertThat(output.getErr())
                .contains("bad.jsonl:" + (n + 1) + ": holder.name: 201 characters: longer than the 100 allowed")
                .contains("bad.jsonl:" + (n + 2) + ": holder.name: contains the control character U+0000")
                .contains("bad.jsonl:" + (n + 3) + ": (store): contract 7000003 not stored: ")
                .contains("bad.jsonl:" + (n + 4) + ": (line): not UTF-8 at byte")
                .doesNotContain("Exception").doesNotContain("\tat ");
        JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(db().substring(db().indexOf('=') + 1), "sa", ""));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM contracts").query(Long.class).single()).isEqualTo(n + 1L);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM contracts WHERE contract_no = '7000005'").query(Long.class).single())
                .isEqualTo(1L);
    }

    @Test
    void reissueRunPrintsWhatTheFormQueued(CapturedOutput output) throws Exception {
        Path ledger = dir.resolve("ledger.jsonl");
        Files.write(ledger, List.of(CaseLedgers.line("S14-address-cutoff")), StandardCharsets.UTF_8);
        assertThat(Main.runCommand("import", "--input", ledger.toString(), db())).isZero();
        assertThat(Main.runCommand("reissue-run", "--output", dir.resolve("batches").toString(), db())).isZero();
        assertThat(output.getOut()).contains("reissue-run: nothing queued");

        JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(db().substring(db().indexOf('=') + 1), "sa", ""));
        jdbc.sql("INSERT INTO reissue_requests (received_at, contract_no, status) VALUES (?, '1000014', 'QUEUED')")
                .param(OffsetDateTime.parse("2026-11-20T09:00:00+09:00")).update();

        assertThat(Main.runCommand("reissue-run", "--output", dir.resolve("batches").toString(), db())).isZero();
        assertThat(output.getOut()).containsPattern("reissue-run: batch R\\d{8}-\\d{6} in .*: 1 letter\\(s\\) for 1 request\\(s\\), 0 not printed");
        try (var batches = Files.list(dir.resolve("batches"))) {
            Path batch = batches.findFirst().orElseThrow();
            assertThat(Files.readAllLines(batch.resolve("manifest.csv"))).hasSize(2);
            try (var files = Files.list(batch)) {
                assertThat(files.filter(f -> f.toString().endsWith(".pdf")).count()).isEqualTo(1);
            }
        }
    }
}
