package jp.kakekin.print;

import jp.kakekin.Main;
import jp.kakekin.calc.DocumentKind;
import jp.kakekin.document.UniqueCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue records in the store: a run over an imported ledger registers every certificate it printed
 * (run, figures, address), exactly once even when run again; a certificate whose first issue another
 * channel registered before the run is not printed a second time.
 */
class PrintRunRegisterTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void registersEveryPrintedCertificateOnceAndSkipsOnesIssuedBefore() throws Exception {
        Path ledger = dir.resolve("ledger.jsonl");
        List<TestLedgers.Line> lines = TestLedgers.generated(ledger, 600, 3);
        String url = "jdbc:h2:file:" + dir.resolve("db").resolve("kakekin") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        String db = "--spring.datasource.url=" + url;
        assertThat(Main.runCommand("import", "--input", ledger.toString(), db)).isEqualTo(2); // the slipped-in bad lines

        // A reissue registered one contract's November certificate (sequence 00) before the bulk run.
        String earlyContract = lines.stream().filter(l -> l.kind() == TestLedgers.Kind.GENERATED).map(TestLedgers.Line::contractNo)
                .filter(c -> issuedInNovember(ledger, c)).findFirst().orElseThrow();
        String earlyCode;
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            String cd = one(c, "select check_digits from contracts where contract_no = ?", earlyContract);
            earlyCode = UniqueCode.of(DocumentKind.NOVEMBER_CERTIFICATE, 2026, earlyContract, cd, 0).value();
            PreparedStatement p = c.prepareStatement("""
                    insert into issued_documents (unique_code, original_code, sequence_no, contract_no, doc_kind, cert_year,
                           figures_json, postal_code, address_line1, address_line2, run, issued_at)
                    values (?, ?, 0, ?, 'NOVEMBER_CERTIFICATE', 2026, '{}', null, null, null, 'reissue-api', current_timestamp)""");
            p.setString(1, earlyCode);
            p.setString(2, earlyCode);
            p.setString(3, earlyContract);
            p.executeUpdate();
        }

        Path out = dir.resolve("out");
        String[] run = {"print-run", "--year", "2026", "--issue", "NOVEMBER", "--input", ledger.toString(), "--out",
                out.toString(), "--batch-size", "100", "--run-date", "2026-11-13", db};
        assertThat(Main.runCommand(run)).isEqualTo(2); // 2: the ledger has invalid lines (print-run exits 2 for them, like calculate)

        RunSummary summary = RunSummary.read(out.resolve("summary.json"));
        assertThat(summary.problems()).isEmpty();
        assertThat(summary.register()).containsEntry("registered", summary.issued()).containsEntry("notInStore", 0L)
                .containsEntry("issuedElsewhere", 0L);
        List<List<String>> manifest = PrintRunIntegrationTest.csv(out.resolve("manifest.csv"));
        assertThat(manifest).noneMatch(r -> r.get(ManifestRow.CONTRACT_NO).equals(earlyContract));
        assertThat(PrintRunIntegrationTest.csv(out.resolve("exclusions.csv")))
                .anySatisfy(r -> {
                    assertThat(r.get(1)).isEqualTo(earlyContract);
                    assertThat(r.get(3)).isEqualTo("ALREADY_ISSUED");
                    assertThat(r.get(4)).contains(earlyCode).contains("reissue-api");
                });

        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            Map<String, List<String>> byCode = new HashMap<>();
            manifest.forEach(r -> byCode.put(r.get(ManifestRow.UNIQUE_CODE), r));
            int rows = 0;
            try (ResultSet rs = c.createStatement().executeQuery("""
                    select unique_code, original_code, sequence_no, contract_no, doc_kind, cert_year, figures_json,
                           postal_code, address_line1, run from issued_documents where run = 'print-run-1'""")) {
                while (rs.next()) {
                    rows++;
                    List<String> row = byCode.get(rs.getString(1));
                    assertThat(row).as(rs.getString(1)).isNotNull();
                    assertThat(rs.getString(2)).isEqualTo(rs.getString(1));
                    assertThat(rs.getInt(3)).isZero();
                    assertThat(rs.getString(4)).isEqualTo(row.get(ManifestRow.CONTRACT_NO));
                    assertThat(rs.getString(5)).isEqualTo("NOVEMBER_CERTIFICATE");
                    JsonNode figures = JSON.readTree(rs.getString(7));
                    assertThat(figures.get("paid").asLong()).isEqualTo(Long.parseLong(row.get(13)));
                    assertThat(figures.get("deduction").isNull() ? "" : figures.get("deduction").asString()).isEqualTo(row.get(16));
                    assertThat(rs.getString(8)).isEqualTo(row.get(ManifestRow.POSTAL_CODE));
                    assertThat(rs.getString(9)).isEqualTo(row.get(9));
                }
            }
            assertThat(rows).isEqualTo(manifest.size());
        }

        // The same run again is complete; registering is idempotent (nothing doubles).
        assertThat(Main.runCommand(run)).isEqualTo(2);
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            assertThat(Integer.parseInt(one(c, "select count(*) from issued_documents where run = ?", "print-run-1")))
                    .isEqualTo(manifest.size());
        }
    }

    private static boolean issuedInNovember(Path ledger, String contractNo) {
        try (var reader = jp.kakekin.ledger.LedgerReader.open(ledger)) {
            while (reader.hasNext()) {
                if (reader.next() instanceof jp.kakekin.ledger.LedgerRecord.Valid ok && ok.ledger().contractNo().equals(contractNo)
                        && ok.ledger().scheme() == jp.kakekin.ledger.Scheme.SHOKIBO) {
                    return ((jp.kakekin.calc.CertificateFigures) new jp.kakekin.calc.Calculator()
                            .calculate(DocumentKind.NOVEMBER_CERTIFICATE, ok.ledger(), 2026)).issued();
                }
            }
        }
        return false;
    }

    private static String one(Connection c, String sql, String arg) throws Exception {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, arg);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
