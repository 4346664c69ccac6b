package jp.kakekin.print;

import jp.kakekin.report.RunReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** summary.json as operators and `runs` read it: written by the report's Jackson mapper, same keys and order as before. */
class RunSummaryJsonTest {

    @TempDir
    Path dir;

    @Test
    void summaryJsonKeepsItsKeysInOrderAndReadsBack() throws Exception {
        Map<String, Long> reasons = new LinkedHashMap<>();
        reasons.put("OTHER_SCHEME", 3L);
        reasons.put("HELD", 2L);
        RunSummary s = new RunSummary(7, 2026, "NOVEMBER", "/in/ledger.jsonl", "/out", 106, 105, 100, 5, reasons, 1, 1,
                100, 100, 320_000, new RegisterCounts(98, 2, 0, 0, 0, 98, 40).asMap(), List.of(),
                Map.of("overflow", 1L, "fallback-glyph", 2L));
        Path file = dir.resolve("summary.json");
        RunReport.writeSummary(file, s);

        JsonNode json = JsonMapper.builder().build().readTree(file.toFile());
        List<String> keys = new ArrayList<>();
        json.propertyNames().forEach(keys::add);
        assertThat(keys).containsExactly("runId", "year", "issue", "input", "out", "lines", "records", "issued",
                "excluded", "excludedByReason", "batches", "batchFiles", "manifestRows", "pages", "pdfBytes",
                "bytesPerCertificate", "register", "fullLayoutPages", "fullLayoutsByReason", "reconciled", "problems");
        assertThat(json.path("runId").asLong()).isEqualTo(7);
        assertThat(json.path("register").path("registered").asLong()).isEqualTo(98);
        assertThat(json.path("bytesPerCertificate").asLong()).isEqualTo(3_200);
        assertThat(json.path("fullLayoutPages").asLong()).isEqualTo(3);
        assertThat(json.path("reconciled").asBoolean()).isTrue();
        List<String> registerKeys = new ArrayList<>();
        json.path("register").propertyNames().forEach(registerKeys::add);
        assertThat(registerKeys).containsExactly("registered", "notInStore", "issuedElsewhere", "noStore", "trial",
                "archived", "archivedWithXml");

        RunSummary back = RunSummary.read(file);
        assertThat(back).isEqualTo(s);
        assertThat(back.describe()).contains("counts reconcile", "excluded HELD");
    }
}
