package jp.kakekin.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import jp.kakekin.issuance.ReasonCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunReportTest {

    record Printed(String batchFile, int page, @JsonProperty("contract_no") String contractNo, Long deduction,
                   LocalDate runDate) {
    }

    record Summary(long runId, long issued, long excluded, Map<ReasonCode, Long> excludedByReason) {
    }

    @TempDir
    Path dir;

    @Test
    void writesManifestExclusionsAndSummaryAndCountsWhatItWrote() throws IOException {
        // Two parts as two workers would write them, then rows added directly.
        Path part1 = dir.resolve("m1.part");
        try (Writer w = Files.newBufferedWriter(part1); CsvTable<Printed> t = CsvTable.openPart(Printed.class, w)) {
            t.write(new Printed("batch-00001.pdf", 1, "1000001", 12000L, LocalDate.of(2026, 11, 2)));
            t.write(new Printed("batch-00001.pdf", 2, "1000002", null, LocalDate.of(2026, 11, 2)));
        }
        Path ex1 = dir.resolve("x1.part");
        try (Writer w = Files.newBufferedWriter(ex1); CsvTable<Exclusion> t = CsvTable.openPart(Exclusion.class, w)) {
            t.write(new Exclusion(7, "1000007", null, ReasonCode.HELD, "SHORT_COLLECTION|REFUND_UNKNOWN: \"see\", ledger"));
        }
        List<Integer> pagesSeen = new ArrayList<>();
        try (RunReport<Printed, Exclusion> report = RunReport.open(dir, Printed.class)) {
            assertThat(report.appendManifest(part1, r -> pagesSeen.add(r.page()))).isEqualTo(2);
            report.manifest(new Printed("batch-00002.pdf", 1, "1000003", 0L, LocalDate.of(2026, 11, 2)));
            assertThat(report.appendExclusions(ex1)).isEqualTo(1);
            report.exclude(new Exclusion(9, null, null, ReasonCode.INVALID_LEDGER_LINE, "ledger.jsonl:9: not JSON"));
            report.exclude(new Exclusion(11, "1000011", "x", ReasonCode.HELD, "FIRST_COLLECTION_SHAPE"));
            assertThat(Files.exists(dir.resolve("manifest.csv"))).as("not before finish").isFalse();
            report.finish(new Summary(42, report.manifestRows(), report.excluded(), report.excludedByReason()));
        }
        assertThat(pagesSeen).containsExactly(1, 2);
        assertThat(Files.readString(dir.resolve("manifest.csv"))).isEqualTo("""
                batchFile,page,contract_no,deduction,runDate
                batch-00001.pdf,1,1000001,12000,2026-11-02
                batch-00001.pdf,2,1000002,,2026-11-02
                batch-00002.pdf,1,1000003,0,2026-11-02
                """);
        assertThat(Files.readString(dir.resolve("exclusions.csv"))).isEqualTo("""
                line,contractNo,uniqueCode,reason,detail
                7,1000007,,HELD,"SHORT_COLLECTION|REFUND_UNKNOWN: ""see"", ledger"
                9,,,INVALID_LEDGER_LINE,ledger.jsonl:9: not JSON
                11,1000011,x,HELD,FIRST_COLLECTION_SHAPE
                """);
        JsonNode summary = JsonMapper.builder().build().readTree(dir.resolve("summary.json").toFile());
        assertThat(summary.path("runId").asLong()).isEqualTo(42);
        assertThat(summary.path("issued").asLong()).isEqualTo(3);
        assertThat(summary.path("excluded").asLong()).isEqualTo(3);
        assertThat(summary.path("excludedByReason").path("HELD").asLong()).isEqualTo(2);
        assertThat(summary.path("excludedByReason").path("INVALID_LEDGER_LINE").asLong()).isEqualTo(1);
        assertThat(RunReport.readSummary(dir.resolve("summary.json"), Summary.class).excludedByReason())
                .containsEntry(ReasonCode.HELD, 2L);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void aReportClosedWithoutFinishingLeavesNothingHalfWritten() throws IOException {
        try (RunReport<Printed, Exclusion> report = RunReport.open(dir, Printed.class)) {
            report.manifest(new Printed("batch-00001.pdf", 1, "1000001", 1L, LocalDate.of(2026, 11, 2)));
        }
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aRowThatDoesNotReadBackNamesSourceLineAndColumn() throws IOException {
        Path part = dir.resolve("bad.part");
        Files.writeString(part, "batch-00001.pdf,1,1000001,,2026-11-02\nbatch-00001.pdf,two,1000002,,2026-11-02\n",
                StandardCharsets.UTF_8);
        try (RunReport<Printed, Exclusion> report = RunReport.open(dir, Printed.class)) {
            assertThatThrownBy(() -> report.appendManifest(part, r -> { }))
                    .hasMessageStartingWith(part + ":2: page: ");
        }
        assertThatThrownBy(() -> CsvTable.read(Printed.class, new StringReader("a,b\n"), "x.csv", true))
                .hasMessage("x.csv:1: the header is a,b, expected batchFile,page,contract_no,deduction,runDate");
        try (var rows = CsvTable.read(Exclusion.class, new StringReader("1,2,3,NO_SUCH,d\n"), "x.csv", false)) {
            assertThatThrownBy(rows::next).hasMessageStartingWith("x.csv:1: reason: ");
        }
    }

    @Test
    void theChannelMayNameItsTablesAndItsExclusionRows() throws IOException {
        record Letter(int seq, String file) {
        }
        record Failed(@JsonProperty("request_ids") String requestIds, ReasonCode reason, String detail)
                implements RunReport.Excluded {
        }
        try (RunReport<Letter, Failed> report = RunReport.open(dir, Letter.class, "manifest.csv", Failed.class,
                "exceptions.csv")) {
            report.exclude(new Failed("3 4", ReasonCode.UNKNOWN_CONTRACT, null));
            report.finish(null);
        }
        assertThat(Files.readString(dir.resolve("manifest.csv"))).isEqualTo("seq,file\n");
        assertThat(Files.readString(dir.resolve("exceptions.csv"))).isEqualTo("request_ids,reason,detail\n3 4,UNKNOWN_CONTRACT,\n");
        assertThat(Files.exists(dir.resolve("summary.json"))).isFalse();
    }
}
