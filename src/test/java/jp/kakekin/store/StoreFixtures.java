package jp.kakekin.store;

import jp.kakekin.ledger.LedgerReader;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.StringReader;
import java.util.List;

/** Setting up the store for the channel tests: what a test stands on, imported through the real import. */
public final class StoreFixtures {

    private StoreFixtures() {
    }

    /** Imports JSON Lines text; any rejected line fails the test. */
    public static ImportSummary importLines(LedgerImport importer, String fileName, String jsonLines) {
        try (LedgerReader reader = LedgerReader.open(fileName, new StringReader(jsonLines), false)) {
            return importer.run(reader, e -> {
                throw new AssertionError(e.toString());
            });
        }
    }

    /** Imports every golden case's ledger. */
    public static void importCases(LedgerImport importer) {
        importLines(importer, "cases.jsonl", String.join("\n", CaseLedgers.lines()));
    }

    /** Forgets every issued document, request and audit entry (contracts stay, replaced by the next import). */
    public static void emptyReissueTables(JdbcClient jdbc) {
        for (String table : List.of("reissue_audit", "reissue_requests", "issued_documents")) {
            jdbc.sql("DELETE FROM " + table).update();
        }
    }
}
