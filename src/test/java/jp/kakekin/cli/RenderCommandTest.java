package jp.kakekin.cli;

import jp.kakekin.Main;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code render} command end to end: ledger in, one PDF per issued contract out, the rest reported. */
class RenderCommandTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private static ObjectNode ledger(String caseId) throws Exception {
        JsonNode root = JSON.readTree(Path.of("src/test/resources/cases", caseId + ".json").toFile());
        return (ObjectNode) root.get("ledger");
    }

    @Test
    void writesOnePdfPerIssuedContractAndReportsTheRest() throws Exception {
        ObjectNode issued = ledger("S01-monthly-all-paid");
        ObjectNode withheld = ledger("S09-september-transfer-failed");
        ObjectNode notIssued = ledger("S07-online-joined-november");
        ObjectNode emoji = ledger("S01-monthly-all-paid");
        emoji.put("contractNo", "2000002");
        ((ObjectNode) emoji.get("holder")).put("name", "山田 \uD83D\uDE00");
        ObjectNode invalid = ledger("S01-monthly-all-paid");
        invalid.put("contractNo", "12");
        Path in = dir.resolve("ledger.jsonl");
        Files.write(in, List.of(JSON.writeValueAsString(issued), JSON.writeValueAsString(notIssued),
                JSON.writeValueAsString(emoji), JSON.writeValueAsString(invalid), JSON.writeValueAsString(withheld)),
                StandardCharsets.UTF_8);
        Path out = dir.resolve("out");

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream before = System.err;
        int status;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            status = Main.runCommand("render", "--document", "NOVEMBER_CERTIFICATE", "--year", "2026",
                    "--input", in.toString(), "--out", out.toString(), "--issue-date", "2026-11-20");
        } finally {
            System.setErr(before);
        }
        String report = err.toString(StandardCharsets.UTF_8);

        assertThat(status).isEqualTo(2);
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly(issued.get("contractNo").asString() + ".pdf", withheld.get("contractNo").asString() + ".pdf");
        }
        assertThat(report).contains("ledger.jsonl:3: contract 2000002: holder.name contains U+1F600");
        assertThat(report).contains("ledger.jsonl:4: contractNo");
        assertThat(report).contains("5 records, 2 rendered", "1 not issued", "2 reported");
        try (PDDocument pdf = Loader.loadPDF(out.resolve(withheld.get("contractNo").asString() + ".pdf").toFile())) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("****", "令和8年11月20日", "令和8年分");
        }
    }
}
