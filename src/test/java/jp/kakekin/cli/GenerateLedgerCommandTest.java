package jp.kakekin.cli;

import jp.kakekin.Main;
import jp.kakekin.ledger.LedgerReader;
import jp.kakekin.ledger.LedgerRecord;
import jp.kakekin.synthetic.SyntheticLedgers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code generate-ledger} through the jar's entry point. */
class GenerateLedgerCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesTheGeneratorsLinesToTheOutputFile() throws Exception {
        Path out = dir.resolve("ledgers.jsonl");
        int status = Main.runCommand("generate-ledger", "--count", "300", "--seed", "5", "--year", "2026",
                "--output", out.toString());
        assertThat(status).isZero();
        StringWriter expected = new StringWriter();
        new SyntheticLedgers(5, 2026).writeJsonLines(300, expected);
        assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo(expected.toString());
        try (LedgerReader reader = LedgerReader.open(out)) {
            int n = 0;
            while (reader.hasNext()) {
                assertThat(reader.next()).isInstanceOf(LedgerRecord.Valid.class);
                n++;
            }
            assertThat(n).isEqualTo(300);
        }
    }

    @Test
    void writesToStandardOutputWithoutAnOutputFile() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int status;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            status = Main.runCommand("generate-ledger", "--count", "20", "--seed", "9", "--year", "2027",
                    "--export", "OCTOBER");
        } finally {
            System.setOut(original);
        }
        assertThat(status).isZero();
        StringWriter expected = new StringWriter();
        new SyntheticLedgers(9, 2027, SyntheticLedgers.ExportPoint.OCTOBER).writeJsonLines(20, expected);
        assertThat(captured.toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString());
    }

    @Test
    void refusesAYearOutsideTheCalendarAndATooLargeCount() {
        assertThat(Main.runCommand("generate-ledger", "--count", "1", "--year", "1999")).isEqualTo(1);
        assertThat(Main.runCommand("generate-ledger", "--count", "9000001", "--year", "2026")).isEqualTo(1);
        assertThat(Main.runCommand("generate-ledger", "--count", "1", "--year", "2026", "--held-rate", "1.5")).isEqualTo(1);
        assertThat(Main.runCommand("generate-ledger", "--count", "1", "--year", "2026", "--held-rate", "-0.1")).isEqualTo(1);
    }

    @Test
    void heldRateWritesTheGeneratorsHeldShapes() throws Exception {
        Path out = dir.resolve("held.jsonl");
        assertThat(Main.runCommand("generate-ledger", "--count", "200", "--seed", "5", "--year", "2026",
                "--held-rate", "0.03", "--output", out.toString())).isZero();
        StringWriter expected = new StringWriter();
        new SyntheticLedgers(5, 2026, SyntheticLedgers.ExportPoint.MIXED, 0.03).writeJsonLines(200, expected);
        StringWriter plain = new StringWriter();
        new SyntheticLedgers(5, 2026).writeJsonLines(200, plain);
        assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo(expected.toString())
                .isNotEqualTo(plain.toString());
    }
}
