package jp.kakekin.cli;

import jp.kakekin.Main;
import jp.kakekin.ledger.LedgerFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code calculate} command end to end: the jar's entry point, a file in, a file out, the exit status. */
class CalculateCommandTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void writesOneObjectPerLineInOrderAndExitsTwoWhenALineFailed() throws Exception {
        String good = LedgerFixture.shokibo("2015-04-01", "CASH", 10_000).monthly(2026, 1, 9, 10_000, 18).json();
        String bad = LedgerFixture.shokibo("2015-04-01", "CASH", 10_000).set("contractNo", "x").json();
        String safety = LedgerFixture.safety("2019-05-01", 50_000).json();
        Path in = dir.resolve("ledger.jsonl");
        Files.writeString(in, good + "\n" + bad + "\n" + safety + "\n", StandardCharsets.UTF_8);
        Path out = dir.resolve("out.jsonl");

        int status = Main.runCommand("calculate", "--document", "NOVEMBER_CERTIFICATE", "--year", "2026",
                "--input", in.toString(), "--output", out.toString());

        assertThat(status).isEqualTo(2);
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(3);
        JsonNode first = JSON.readTree(lines.get(0));
        assertThat(first.get("contractNo").stringValue()).isEqualTo("1234567");
        assertThat(first.get("deduction").longValue()).isEqualTo(120_000);
        JsonNode second = JSON.readTree(lines.get(1));
        assertThat(second.get("line").intValue()).isEqualTo(2);
        assertThat(second.get("error").stringValue()).contains("ledger.jsonl:2: contractNo");
        JsonNode third = JSON.readTree(lines.get(2));
        assertThat(third.get("issued").booleanValue()).isFalse();
        assertThat(third.get("notApplicable").stringValue()).contains("SAFETY");
    }

    @Test
    void exitsZeroWhenEveryLineIsValid() throws Exception {
        Path in = dir.resolve("ok.jsonl");
        Files.writeString(in, LedgerFixture.safety("2019-05-01", 50_000).monthly(2026, 1, 12, 50_000, 27).json() + "\n");
        Path out = dir.resolve("out.jsonl");
        int status = Main.runCommand("calculate", "--document", "SAFETY_TAX_STATEMENT", "--year", "2026",
                "--input", in.toString(), "--output", out.toString());
        assertThat(status).isZero();
        JsonNode n = JSON.readTree(Files.readString(out));
        assertThat(n.get("paid").longValue()).isEqualTo(600_000);
        assertThat(n.get("periodFrom").stringValue()).isEqualTo("2026-01");
    }
}
