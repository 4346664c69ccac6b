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
        JsonNode root = JSON.readTree(Path.of(caseId.startsWith("P") ? "src/test/resources/cases-own"
                : "src/test/resources/cases", caseId + ".json").toFile());
        return (ObjectNode) root.get("ledger");
    }

    private record Run(int status, String report) {
    }

    /** Runs the command with standard error captured. */
    private static Run run(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream before = System.err;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int status = Main.runCommand(args);
            return new Run(status, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(before);
        }
    }

    private Path jsonl(String name, String... caseIds) throws Exception {
        Path in = dir.resolve(name);
        List<String> lines = new java.util.ArrayList<>();
        for (String id : caseIds) {
            lines.add(JSON.writeValueAsString(ledger(id)));
        }
        Files.write(in, lines, StandardCharsets.UTF_8);
        return in;
    }

    private static String text(Path pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            return stripper.getText(doc);
        }
    }

    @Test
    void theSafetyTaxStatementIsTheIndividualOrTheCorporateFormAsTheHolderIs() throws Exception {
        Path in = jsonl("safety.jsonl", "T01-individual-monthly", "T03-individual-december-prepay-24",
                "T04-corporate-march-year-end", "S01-monthly-all-paid");
        Path out = dir.resolve("2026");
        Run r = run("render", "--document", "SAFETY_TAX_STATEMENT", "--year", "2026", "--input", in.toString(),
                "--out", out.toString(), "--issue-date", "2027-01-20", "--kakekin.clock.fixed=2027-06-01T09:00+09:00");
        assertThat(r.status()).isZero();
        // T04's 事業年度 ending in March 2026 has nothing to state; S01 is not a SAFETY contract.
        assertThat(r.report()).contains("4 records, 2 rendered", "2 not issued", "0 reported");
        assertThat(text(out.resolve("2000003.pdf"))).contains("令和8年分", "必要経費算入に関する明細書", "1,750,000円",
                "600,000円", "令和9年1月20日");

        Path corporate = dir.resolve("2027");
        r = run("render", "--document", "SAFETY_TAX_STATEMENT", "--year", "2027", "--input", in.toString(),
                "--out", corporate.toString(), "--issue-date", "2027-05-10", "--kakekin.clock.fixed=2027-06-01T09:00+09:00");
        // On 2027-05-10 the individuals' year 2027 has not ended: not final, reported (exit 2); the
        // corporation's 事業年度 ended on 2027-03-31: its 明細書 is rendered.
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.report()).contains("NOT_YET_FINAL").contains("2027-12-31").contains("1 rendered");
        assertThat(text(corporate.resolve("2000004.pdf"))).contains("損金算入に関する明細書", "別表十(六)",
                "令和8年4月1日～令和9年3月31日", "2,300,000円");
    }

    @Test
    void thePaymentStatusOfEveryContractInForceIsRendered() throws Exception {
        Path in = jsonl("status.jsonl", "P01-failed-transfer-november", "P02-long-prepayment", "P03-cap-reached-june",
                "P04-cancelled-april");
        Path out = dir.resolve("out");
        Run r = run("render", "--document", "SAFETY_PAYMENT_STATUS", "--year", "2026", "--input", in.toString(),
                "--out", out.toString(), "--issue-date", "2027-02-12", "--kakekin.clock.fixed=2027-06-01T09:00+09:00");
        assertThat(r.status()).isZero();
        assertThat(r.report()).contains("4 records, 4 rendered");
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("3000001.pdf", "3000002.pdf", "3000003.pdf", "3000004.pdf");
        }
        assertThat(text(out.resolve("3000004.pdf"))).contains("掛金納付状況兼領収書", "解約日", "令和9年2月12日");
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

        Run r = run("render", "--document", "NOVEMBER_CERTIFICATE", "--year", "2026",
                "--input", in.toString(), "--out", out.toString(), "--issue-date", "2026-11-20");
        int status = r.status();
        String report = r.report();

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

    /** Issue 12: render reads with the configured line limit (kakekin.ledger.max-line-bytes), like every command. */
    @Test
    void aLineLongerThanTheConfiguredLimitIsReportedAndTheOthersRendered() throws Exception {
        Path in = jsonl("ledger.jsonl", "S01-monthly-all-paid");
        int length = Files.readAllLines(in, StandardCharsets.UTF_8).getFirst().getBytes(StandardCharsets.UTF_8).length;
        Path out = dir.resolve("out");

        Run limited = run("render", "--document", "NOVEMBER_CERTIFICATE", "--year", "2026", "--input", in.toString(),
                "--out", out.toString(), "--issue-date", "2026-11-20", "--kakekin.ledger.max-line-bytes=" + (length - 1));
        assertThat(limited.status()).isEqualTo(2);
        assertThat(limited.report()).contains("ledger.jsonl:1", "kakekin.ledger.max-line-bytes", "0 rendered");

        Run enough = run("render", "--document", "NOVEMBER_CERTIFICATE", "--year", "2026", "--input", in.toString(),
                "--out", out.toString(), "--issue-date", "2026-11-20", "--kakekin.ledger.max-line-bytes=" + length);
        assertThat(enough.status()).isEqualTo(0);
        assertThat(enough.report()).contains("1 rendered");
    }

    /**
     * Issue 12: invalid UTF-8, a 201-character name and a NUL in a name ended render with a stack trace and
     * nothing rendered. Each is now one file:line: field: message line (exit 2) and the good line is rendered.
     */
    @Test
    void badRecordsAreReportedLineByLineAndTheGoodOnesRendered() throws Exception {
        ObjectNode good = ledger("S01-monthly-all-paid");
        ObjectNode longName = ledger("S01-monthly-all-paid");
        longName.put("contractNo", "2000003");
        ((ObjectNode) longName.get("holder")).put("name", "髙".repeat(201));
        ObjectNode nul = ledger("S01-monthly-all-paid");
        nul.put("contractNo", "2000004");
        ((ObjectNode) nul.get("holder")).put("name", "髙橋\u0000\u001b[2J太郎");
        byte[] latin = JSON.writeValueAsString(ledger("S01-monthly-all-paid").put("contractNo", "2000005"))
                .replace("髙橋", "X\u00e9X").getBytes(StandardCharsets.ISO_8859_1);
        java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
        for (ObjectNode n : List.of(longName, nul)) {
            file.writeBytes((JSON.writeValueAsString(n) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        file.writeBytes(latin);
        file.writeBytes(("\n" + JSON.writeValueAsString(good) + "\n").getBytes(StandardCharsets.UTF_8));
        Path in = dir.resolve("bad.jsonl");
        Files.write(in, file.toByteArray());
        Path out = dir.resolve("out");

        Run r = run("render", "--document", "NOVEMBER_CERTIFICATE", "--year", "2026",
                "--input", in.toString(), "--out", out.toString(), "--issue-date", "2026-11-20");

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.report()).contains("bad.jsonl:1: holder.name: 201 characters: longer than the 100 allowed")
                .contains("bad.jsonl:2: holder.name: contains the control character U+0000")
                .contains("\\u001b[2J").doesNotContain("\u001b")
                .contains("bad.jsonl:3: (line): not UTF-8 at byte")
                .contains("4 records, 1 rendered")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(out.resolve(good.get("contractNo").asString() + ".pdf")).exists();
    }
}
