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
