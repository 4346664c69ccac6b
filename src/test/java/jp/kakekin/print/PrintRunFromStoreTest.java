package jp.kakekin.print;

import jp.kakekin.Main;
import jp.kakekin.synthetic.SyntheticLedgers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code print-run --from-store}: the run prints what the contract store holds — the same certificates as
 * a run over the imported file — and a
 * second launch reuses the snapshot instead of reading a store that may have changed.
 */
class PrintRunFromStoreTest {

    @TempDir
    Path dir;

    @Test
    void printsTheStoresContractsLikeTheImportedFile() throws Exception {
        Path ledger = dir.resolve("ledger.jsonl");
        try (var w = Files.newBufferedWriter(ledger)) {
            new SyntheticLedgers(7, 2026, SyntheticLedgers.ExportPoint.OCTOBER).writeJsonLines(400, w);
        }
        String db = "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("db").resolve("kakekin")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        assertThat(Main.runCommand("import", "--input", ledger.toString(), db)).isZero();

        Path fromFile = dir.resolve("from-file");
        assertThat(Main.runCommand("print-run", "--year", "2026", "--issue", "NOVEMBER", "--input", ledger.toString(),
                "--out", fromFile.toString(), "--run-date", "2026-11-13",
                "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("db2").resolve("kakekin") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"))
                .isZero();
        Path fromStore = dir.resolve("from-store");
        String[] run = {"print-run", "--year", "2026", "--issue", "NOVEMBER", "--from-store", "--out", fromStore.toString(),
                "--run-date", "2026-11-13", db};
        assertThat(Main.runCommand(run)).isZero();

        Path snapshot = fromStore.resolve("store-snapshot.jsonl");
        assertThat(snapshot).exists();
        assertThat(Files.readAllLines(snapshot)).hasSize(400);

        List<String> printedFromFile = PrintRunIntegrationTest.csv(fromFile.resolve("manifest.csv")).stream()
                .map(r -> r.get(ManifestRow.UNIQUE_CODE)).sorted().toList();
        List<String> printedFromStore = PrintRunIntegrationTest.csv(fromStore.resolve("manifest.csv")).stream()
                .map(r -> r.get(ManifestRow.UNIQUE_CODE)).sorted().toList();
        assertThat(printedFromStore).isNotEmpty().isEqualTo(printedFromFile);

        long modified = Files.getLastModifiedTime(snapshot).toMillis();
        assertThat(Main.runCommand(run)).isZero();
        assertThat(Files.getLastModifiedTime(snapshot).toMillis()).isEqualTo(modified);
        assertThat(Main.runCommand("print-run", "--year", "2026", "--issue", "NOVEMBER", "--out", fromStore.toString(), db))
                .as("neither --input nor --from-store").isEqualTo(2);
    }
}
