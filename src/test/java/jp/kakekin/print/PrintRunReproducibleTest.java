package jp.kakekin.print;

import jp.kakekin.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same run in two fresh stores prints the same bytes: both print workers meet the same layout shapes at the
 * start and compile them side by side, and the first compiled copy is the one every later document uses — two
 * kept copies made the first batch of each worker draw from two equal static forms, and its bytes differ from run
 * to run (CertificatePdf.keep).
 */
class PrintRunReproducibleTest {

    @TempDir
    Path dir;

    @Test
    void theSameRunTwiceGivesTheSameBatchFiles() throws Exception {
        Path ledger = dir.resolve("ledger.jsonl");
        TestLedgers.generated(ledger, 1_500, 11);
        List<Path> first = run(ledger, "a");
        List<Path> second = run(ledger, "b");
        assertThat(first).hasSizeGreaterThanOrEqualTo(4).hasSameSizeAs(second);
        for (int i = 0; i < first.size(); i++) {
            assertThat(first.get(i).getFileName()).isEqualTo(second.get(i).getFileName());
            assertThat(Files.readAllBytes(second.get(i))).as(second.get(i).getFileName().toString())
                    .isEqualTo(Files.readAllBytes(first.get(i)));
        }
        assertThat(Files.readString(dir.resolve("b/manifest.csv"))).isEqualTo(Files.readString(dir.resolve("a/manifest.csv")));
    }

    private List<Path> run(Path ledger, String name) throws Exception {
        Path out = dir.resolve(name);
        Main.runCommand("print-run", "--year", "2026", "--issue", "NOVEMBER", "--input", ledger.toString(),
                "--out", out.toString(), "--batch-size", "150", "--run-date", "2026-11-13",
                "--kakekin.print.workers=2", "--kakekin.archive.enabled=false",
                "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("db-" + name) + "/kakekin;MODE=PostgreSQL;"
                        + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".pdf")).sorted().toList();
        }
    }
}
