package jp.kakekin.calculation;

import jp.kakekin.calc.Calculator;
import jp.kakekin.calc.DocumentKind;
import jp.kakekin.ledger.Ledger;
import jp.kakekin.ledger.LedgerJson;
import jp.kakekin.synthetic.SyntheticLedgers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON Lines path of {@code calculate}: many chunks in flight, yet input order and line numbers hold. */
class CalculationServiceTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void manyChunksKeepInputOrderAndLineNumbers() throws Exception {
        SyntheticLedgers g = new SyntheticLedgers(11, 2026);
        List<String> expectedContracts = new ArrayList<>();
        StringBuilder file = new StringBuilder();
        int line = 0;
        for (int i = 0; i < 7_000; i++) {
            line++;
            if (line == 2_048 || line == 2_049 || line == 6_001) {
                file.append("{\"scheme\":\"SHOKIBO\"}\n"); // invalid, on both sides of a chunk boundary
                expectedContracts.add("line " + line);
                continue;
            }
            if (line == 100) {
                file.append("\r\n"); // blank lines are skipped but counted
                continue;
            }
            Ledger l = g.ledger(i);
            file.append(LedgerJson.toJson(l)).append(i % 2 == 0 ? "\n" : "\r\n");
            expectedContracts.add(l.contractNo());
        }
        Path in = dir.resolve("many.jsonl");
        Files.writeString(in, file, StandardCharsets.UTF_8);

        StringWriter out = new StringWriter();
        CalculationService.Summary summary = new CalculationService(new Calculator())
                .run(in, out, DocumentKind.NOVEMBER_CERTIFICATE, 2026, null);

        List<String> got = new ArrayList<>();
        for (String o : out.toString().split("\n")) {
            JsonNode n = JSON.readTree(o);
            got.add(n.has("line") ? "line " + n.get("line").longValue() : n.get("contractNo").stringValue());
            if (n.has("line")) {
                assertThat(n.get("error").stringValue()).startsWith("many.jsonl:" + n.get("line").longValue() + ": ");
            }
        }
        assertThat(got).isEqualTo(expectedContracts);
        assertThat(summary.records()).isEqualTo(6_999);
        assertThat(summary.failed()).isEqualTo(3);
    }

    @Test
    void aLineWithAByteOrderMarkOrBlanksIsHandledLikeEveryCommandDoes() throws Exception {
        SyntheticLedgers g = new SyntheticLedgers(13, 2026);
        Path in = dir.resolve("bom.jsonl");
        Files.writeString(in, "\uFEFF" + LedgerJson.toJson(g.ledger(0)) + "\n \t\n\u3000\n" + LedgerJson.toJson(g.ledger(1)) + "\n",
                StandardCharsets.UTF_8);
        StringWriter out = new StringWriter();
        CalculationService.Summary summary = new CalculationService(new Calculator())
                .run(in, out, DocumentKind.NOVEMBER_CERTIFICATE, 2026, null);
        String[] lines = out.toString().split("\n");
        // spaces and tabs are a blank line; a line of U+3000 is not (the print run reports it too: issue 12)
        assertThat(lines).hasSize(3);
        assertThat(JSON.readTree(lines[0]).get("error").stringValue()).contains("bom.jsonl:1: (file): starts with a byte-order mark");
        assertThat(JSON.readTree(lines[1]).get("error").stringValue()).contains("bom.jsonl:3: (line): holds only white space such as U+3000");
        assertThat(JSON.readTree(lines[2]).get("contractNo").stringValue()).isEqualTo(g.ledger(1).contractNo());
        assertThat(summary.records()).isEqualTo(3);
    }

    @Test
    void aLineThatIsNotUtf8IsReportedNotRepaired() throws Exception {
        SyntheticLedgers g = new SyntheticLedgers(12, 2026);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes((LedgerJson.toJson(g.ledger(0)) + "\n").getBytes(StandardCharsets.UTF_8));
        byte[] second = (LedgerJson.toJson(g.ledger(1)) + "\n").getBytes(StandardCharsets.UTF_8);
        int name = new String(second, StandardCharsets.ISO_8859_1).indexOf("\"name\":\"") + 8;
        second[name] = (byte) 0xC3; // a lead byte followed by an ASCII byte: malformed
        second[name + 1] = '(';
        bytes.writeBytes(second);
        Path in = dir.resolve("latin.jsonl");
        Files.write(in, bytes.toByteArray());

        StringWriter out = new StringWriter();
        CalculationService.Summary summary = new CalculationService(new Calculator())
                .run(in, out, DocumentKind.NOVEMBER_CERTIFICATE, 2026, null);

        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(JSON.readTree(lines[1]).get("error").stringValue())
                .startsWith("latin.jsonl:2: (line): not UTF-8 at byte").contains("C3 28");
        assertThat(summary.failed()).isEqualTo(1);
    }

    /**
     * Issue 12: a 50 MB JSON array on one line made calculate run out of memory. The line is now reported
     * (file:line, its size, the limit) without ever being held in memory, and the lines around it are calculated.
     */
    @Test
    void aFiftyMegabyteLineIsReportedAndTheOthersAreCalculated() throws Exception {
        SyntheticLedgers g = new SyntheticLedgers(14, 2026);
        Path in = dir.resolve("huge.jsonl");
        try (var w = Files.newOutputStream(in)) {
            w.write((LedgerJson.toJson(g.ledger(0)) + "\n[").getBytes(StandardCharsets.UTF_8));
            byte[] chunk = "1,".repeat(1 << 19).getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 50; i++) {
                w.write(chunk);
            }
            w.write(("1]\n" + LedgerJson.toJson(g.ledger(1)) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        StringWriter out = new StringWriter();
        CalculationService.Summary summary = new CalculationService(new Calculator())
                .run(in, out, DocumentKind.NOVEMBER_CERTIFICATE, 2026, null);
        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(JSON.readTree(lines[1]).get("error").stringValue())
                .isEqualTo("huge.jsonl:2: (line): 52,428,803 bytes: longer than the 1,048,576 bytes a ledger line may"
                        + " have (kakekin.ledger.max-line-bytes); not read");
        assertThat(JSON.readTree(lines[2]).get("contractNo").stringValue()).isEqualTo(g.ledger(1).contractNo());
        assertThat(summary.failed()).isEqualTo(1);
    }
}
