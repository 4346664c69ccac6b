package jp.kakekin.print;

import jp.kakekin.Main;
import jp.kakekin.render.PdfReadBack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Final figures only (issue #10): a run before its data cutoff in Japan refuses with exit 2 naming the
 * cutoff; the same run with {@code --trial} prints every page marked 見本 into its own folder and registers
 * nothing; the real run after the cutoff then prints every certificate.
 */
class PrintRunFinalityTest {

    @TempDir
    Path dir;

    private record Run(int status, String err) {
    }

    private static Run run(String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            return new Run(Main.runCommand(args), buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(old);
        }
    }

    @Test
    void beforeTheCutoffOnlyATrialRunsAndItBlocksNothing() throws Exception {
        Path ledger = dir.resolve("ledger.jsonl");
        TestLedgers.generated(ledger, 150, 11);
        String url = "jdbc:h2:file:" + dir.resolve("db").resolve("kakekin")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        String db = "--spring.datasource.url=" + url;
        Main.runCommand("import", "--input", ledger.toString(), db);
        Path out = dir.resolve("november");
        String september = "--kakekin.clock.fixed=2026-09-20T10:00+09:00";

        // Next year's November issue, asked for in December: refused, naming the cutoff.
        Run early = run("print-run", "--year", "2027", "--issue", "NOVEMBER", "--input", ledger.toString(),
                "--out", out.toString(), "--kakekin.clock.fixed=2026-12-05T10:00+09:00", db);
        assertThat(early.status()).isEqualTo(2);
        assertThat(early.err()).contains("2027-09-30").contains("not final").contains("--trial");
        // A run date after the cutoff does not make the figures final while today is before it.
        Run dated = run("print-run", "--year", "2026", "--issue", "NOVEMBER", "--input", ledger.toString(),
                "--out", out.toString(), "--run-date", "2026-11-13", september, db);
        assertThat(dated.status()).isEqualTo(2);
        assertThat(out).doesNotExist();

        Run trial = run("print-run", "--year", "2026", "--issue", "NOVEMBER", "--input", ledger.toString(),
                "--out", out.toString(), "--trial", "--batch-size", "40", september, db);
        // Exit 2 for the invalid lines TestLedgers slips in (print-run reports them like calculate), after completing.
        assertThat(trial.err()).contains("completed").doesNotContain("not final");
        Path trialOut = dir.resolve("november-trial");
        RunSummary trialSummary = RunSummary.read(trialOut.resolve("summary.json"));
        assertThat(trialSummary.issued()).isPositive();
        assertThat(trialSummary.register().getOrDefault("registered", 0L)).isZero();
        assertThat(registered(url)).isZero();
        List<Path> pdfs;
        try (Stream<Path> files = Files.list(trialOut)) {
            pdfs = files.filter(p -> p.toString().endsWith(".pdf")).sorted().toList();
        }
        assertThat(pdfs).isNotEmpty();
        long pages = 0;
        for (Path pdf : pdfs) {
            try (PdfReadBack back = new PdfReadBack(Files.readAllBytes(pdf))) {
                pages += back.pages();
                String text = back.text().replaceAll("\\s+", "");
                // Every page carries the mark (read by position, its characters interleave with the table's,
                // so count the one character of it that a certificate never prints).
                assertThat(text.chars().filter(c -> c == '見').count()).isEqualTo(back.pages());
            }
        }
        assertThat(pages).isEqualTo(trialSummary.issued());

        Run real = run("print-run", "--year", "2026", "--issue", "NOVEMBER", "--input", ledger.toString(),
                "--out", out.toString(), "--batch-size", "40", "--kakekin.clock.fixed=2026-11-13T09:00+09:00", db);
        assertThat(real.err()).contains("completed").doesNotContain("not final");
        RunSummary summary = RunSummary.read(out.resolve("summary.json"));
        assertThat(summary.issued()).isEqualTo(trialSummary.issued());
        assertThat(summary.excludedByReason()).doesNotContainKey("ALREADY_ISSUED");
        assertThat(summary.register()).containsEntry("registered", summary.issued());
        assertThat(registered(url)).isEqualTo(summary.issued());
        try (PdfReadBack back = new PdfReadBack(Files.readAllBytes(out.resolve("batch-00001.pdf")))) {
            assertThat(back.text()).doesNotContain("見本");
        }

        // Runs are visible, and a voided run's certificates are printed again by the next run.
        String november = "--kakekin.clock.fixed=2026-11-14T09:00+09:00";
        Run list = runOut("runs", november, db);
        assertThat(list.status()).isZero();
        assertThat(list.err()).contains("NOVEMBER (trial)").contains("COMPLETED")
                .contains(System.getProperty("user.name"));
        long realRun = summary.runId();
        Run voided = runOut("runs", "void", Long.toString(realRun), "--reason", "wrong address file", november, db);
        assertThat(voided.status()).as(voided.err()).isZero();
        assertThat(registered(url)).isZero();
        assertThat(Files.readString(out.resolve("VOID.txt"))).contains("wrong address file")
                .contains(summary.issued() + " documents");
        assertThat(runOut("runs", november, db).err()).contains("VOID").contains("void: wrong address file");
        assertThat(runOut("runs", "void", Long.toString(realRun), "--reason", "again", november, db).status()).isEqualTo(2);
        // The same command again does not pretend the voided run is complete.
        Run same = run("print-run", "--year", "2026", "--issue", "NOVEMBER", "--input", ledger.toString(),
                "--out", out.toString(), "--batch-size", "40", "--run-date", "2026-11-13", november, db);
        assertThat(same.status()).isNotZero();
        assertThat(same.err()).contains("voided");
        Path again = dir.resolve("november-again");
        Run next = run("print-run", "--year", "2026", "--issue", "NOVEMBER", "--input", ledger.toString(),
                "--out", again.toString(), "--batch-size", "40", november, db);
        assertThat(next.err()).contains("completed").doesNotContain("not final");
        RunSummary nextSummary = RunSummary.read(again.resolve("summary.json"));
        assertThat(nextSummary.issued()).isEqualTo(summary.issued());
        assertThat(nextSummary.excludedByReason()).doesNotContainKey("ALREADY_ISSUED");
        assertThat(nextSummary.register()).containsEntry("registered", summary.issued());
        assertThat(registered(url)).isEqualTo(summary.issued());
    }

    /** A command whose report is on standard output. */
    private static Run runOut(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            return new Run(Main.runCommand(args), buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(old);
        }
    }

    private static long registered(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             ResultSet rs = c.createStatement().executeQuery("select count(*) from issued_documents")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
