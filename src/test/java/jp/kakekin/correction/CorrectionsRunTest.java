package jp.kakekin.correction;

import jp.kakekin.Main;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The corrections run end to end (docs/corrections.md): a November print run from the store prints ****
 * for a holder whose September transfer failed; a later ledger, imported again, has the arrears paid in
 * November's recovery collection; {@code corrections} issues that holder a corrected certificate with its
 * 控除額, marked 訂正 with the original's code (read back from the PDF), registers it, delivers the
 * e-私書箱-linked holder's TEG850 (verified) — and a second run issues nothing. Holders whose figures did not
 * change get nothing; a holder still in arrears is excluded with STILL_WITHHELD.
 */
class CorrectionsRunTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** 2026's transfer days (the 18th or the next business day). */
    private static final String[] TRANSFER_DAYS = {"2026-01-19", "2026-02-18", "2026-03-18", "2026-04-20",
            "2026-05-18", "2026-06-18", "2026-07-21", "2026-08-18", "2026-09-18", "2026-10-19", "2026-11-18"};

    @TempDir
    Path dir;

    @Test
    void arrearsPaidLaterComeOutCorrectedOnceAndLinkedHoldersGetTheXml() throws Exception {
        String db = "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("db").resolve("kakekin")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        String keys = "--kakekin.e-delivery.keystore.path=" + dir.resolve("keys/dev.p12");
        String archive = "--kakekin.archive.dir=" + dir.resolve("archive");
        // Japan's real today (the signing key is made now and must cover the XML's sakuseiDay); the runs are
        // dated with --run-date, which may be any day up to today once the data is final.
        String november = "--run-date=2026-11-13";
        String december = "--run-date=2026-12-01";

        // As exported for the November run: the September transfer of 4000001 (linked) and 4000004 failed,
        // so were 4000003's; 4000002 paid every month.
        Path before = dir.resolve("ledger-october.jsonl");
        Files.write(before, List.of(
                ledger("4000001", "11", "1000013", true, 9, true, false),
                ledger("4000002", "22", "1000014", false, 9, false, false),
                ledger("4000003", "33", "1000015", false, 9, true, false),
                ledger("4000004", "44", "1000012", false, 9, true, false)));
        assertThat(Main.runCommand("import", "--input", before.toString(), db)).isZero();
        Path print = dir.resolve("november");
        assertThat(Main.runCommand("print-run", "--year", "2026", "--issue", "NOVEMBER", "--from-store", "--out",
                print.toString(), november, db, keys, archive)).isZero();
        List<String> manifest = Files.readAllLines(print.resolve("manifest.csv"));
        assertThat(manifest).hasSize(5);
        String original = manifest.stream().filter(l -> l.contains(",4000001,")).findFirst().orElseThrow();
        assertThat(original).as("printed ****").contains(",ARREARS,");
        String originalCode = original.split(",")[7];

        // Exported in December: the recovery in November (Sep + Nov) was collected for 4000001 and 4000004;
        // 4000002 paid October and November; 4000003 still owes September.
        Path after = dir.resolve("ledger-december.jsonl");
        Files.write(after, List.of(
                ledger("4000001", "11", "1000013", true, 11, true, true),
                ledger("4000002", "22", "1000014", false, 11, false, false),
                ledger("4000003", "33", "1000015", false, 9, true, false),
                ledger("4000004", "44", "1000012", false, 11, true, true)));
        assertThat(Main.runCommand("import", "--input", after.toString(), db)).isZero();

        // The operator looks first: a trial prints 見本 pages into its own folder and registers nothing.
        Path out = dir.resolve("corrections");
        assertThat(Main.runCommand("corrections", "--year", "2026", "--issue", "NOVEMBER", "--out", out.toString(),
                "--trial", db, keys, archive, december)).isZero();
        Path trial = dir.resolve("corrections-trial");
        JsonNode trialSummary = JSON.readTree(trial.resolve("summary.json").toFile());
        assertThat(trialSummary.get("trial").asBoolean()).isTrue();
        assertThat(trialSummary.get("corrected").asLong()).isEqualTo(2);
        assertThat(trialSummary.get("registered").asLong()).isZero();
        assertThat(text(trial.resolve("corrections-00001.pdf"))).contains("TRIAL RUN — NOT VALID");
        assertThat(out).doesNotExist();

        assertThat(Main.runCommand("corrections", "--year", "2026", "--issue", "NOVEMBER", "--out", out.toString(),
                db, keys, archive, december)).isZero();
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("considered").asLong()).isEqualTo(4);
        assertThat(summary.get("corrected").asLong()).isEqualTo(2);
        assertThat(summary.get("unchanged").asLong()).isEqualTo(1);
        assertThat(summary.get("excludedByReason").get("STILL_WITHHELD").asLong()).isEqualTo(1);
        assertThat(summary.get("pages").asLong()).isEqualTo(2);
        assertThat(summary.get("registered").asLong()).isEqualTo(2);
        assertThat(summary.get("archived").asLong()).as("archive copies").isEqualTo(2);
        assertThat(summary.get("reconciled").asBoolean()).isTrue();
        assertThat(summary.get("dataDate").asString()).isEqualTo("2026-11-30");

        List<String> rows = Files.readAllLines(out.resolve("manifest.csv"));
        assertThat(rows).hasSize(3);
        String row = rows.stream().filter(l -> l.contains(",4000001,")).findFirst().orElseThrow();
        // 済額 Jan–Aug 8 × 10,000 + November's 20,000 (Sep + Nov); 予定額 December; October is collected in January
        assertThat(row).contains("," + originalCode + ",").contains(",10000,100000,10000,0,110000,,2026-12-01,2026-11-30");
        String correctedCode = row.split(",")[7];
        assertThat(correctedCode).isNotEqualTo(originalCode).startsWith(originalCode.substring(0, 13)).contains("01");
        assertThat(Files.readString(out.resolve("exclusions.csv"))).contains("4000003").contains("STILL_WITHHELD")
                .doesNotContain("4000002");

        String pdf = text(out.resolve("corrections-00001.pdf"));
        assertThat(pdf).contains("訂正（追加発行）").contains(originalCode).contains(correctedCode)
                .contains("110,000円").contains("100,000円").contains("（1月～11月）").contains("（12月）")
                .doesNotContain("****").doesNotContain("TRIAL RUN");

        String renderings = System.getProperty("kakekin.renderings");
        if (renderings != null) {
            // docs/corrections.md: mvn test -Dtest=CorrectionsRunTest -Dkakekin.renderings=target/renderings
            Files.createDirectories(Path.of(renderings));
            Files.copy(out.resolve("corrections-00001.pdf"), Path.of(renderings, "corrections-00001.pdf"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }

        // e-私書箱: only 4000001 is linked; its XML is in the run's package and verifies.
        Path pkg = out.resolve("TEG850-2026-NOVEMBER-20261201");
        Path xml = pkg.resolve("TEG850-" + correctedCode + ".xml");
        assertThat(xml).exists();
        try (Stream<Path> files = Files.list(pkg)) {
            assertThat(files.filter(f -> f.toString().endsWith(".xml")).count()).isEqualTo(1);
        }
        String teg850 = Files.readString(xml);
        assertThat(teg850).contains("110000").contains(correctedCode);
        assertThat(Main.runCommand("verify", xml.toString(), keys)).isZero();
        assertThat(Main.runCommand("verify", out.resolve("TEG850-2026-NOVEMBER-20261201.zip").toString(), keys))
                .isZero();
        assertThat(summary.get("eDelivery").get("delivered").asLong()).isEqualTo(1);

        // On demand (a holder who asks later, or links later): the e-私書箱 copy of the latest issued document —
        // the corrected certificate, the same figures and code as the run's XML — not DEDUCTION_WITHHELD.
        // Today's request; the holders linked in this ledger file include two never corrected.
        Path linkedLater = dir.resolve("ledger-linked.jsonl");
        Files.write(linkedLater, List.of(
                ledger("4000001", "11", "1000013", true, 11, true, true),
                ledger("4000002", "22", "1000014", true, 11, false, false),
                ledger("4000003", "33", "1000015", true, 9, true, false)));
        java.time.ZoneId japan = java.time.ZoneId.of("Asia/Tokyo");
        java.time.LocalDate dayBefore = java.time.LocalDate.now(japan);
        Path onDemand = dir.resolve("on-demand");
        assertThat(Main.runCommand("export-e-delivery", "--contract", "4000001", "--input", linkedLater.toString(),
                "--out", onDemand.toString(), db, keys, archive)).isZero();
        java.time.LocalDate dayAfter = java.time.LocalDate.now(japan);
        Path electronic = onDemand.resolve("TEG850-" + correctedCode + ".xml");
        assertThat(electronic).exists();
        String copied = Files.readString(electronic);
        assertThat(element(copied, "WPI00000")).as("控除額 of the corrected certificate").isEqualTo("110000")
                .isEqualTo(element(teg850, "WPI00000"));
        assertThat(element(copied, "WPP00000")).isEqualTo(correctedCode);
        assertThat(sakuseiDay(copied)).isIn(dayBefore.toString(), dayAfter.toString());
        assertThat(Main.runCommand("verify", electronic.toString(), keys)).isZero();
        // never corrected: as before — the original's code and figures, or no XML while the 控除額 is ****
        assertThat(Main.runCommand("export-e-delivery", "--contract", "4000002", "--input", linkedLater.toString(),
                "--out", onDemand.toString(), db, keys, archive)).isZero();
        String unchangedCode = manifest.stream().filter(l -> l.contains(",4000002,")).findFirst().orElseThrow()
                .split(",")[7];
        assertThat(element(Files.readString(onDemand.resolve("TEG850-" + unchangedCode + ".xml")), "WPI00000"))
                .isEqualTo("120000");
        PrintStream err = System.err;
        ByteArrayOutputStream refused = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(refused, true, StandardCharsets.UTF_8));
            assertThat(Main.runCommand("export-e-delivery", "--contract", "4000003", "--input",
                    linkedLater.toString(), "--out", onDemand.toString(), db, keys, archive)).isEqualTo(1);
        } finally {
            System.setErr(err);
        }
        assertThat(refused.toString(StandardCharsets.UTF_8)).contains("DEDUCTION_WITHHELD");

        // The same run again (another folder): nothing changed since the corrections, nothing issued.
        Path again = dir.resolve("corrections-again");
        assertThat(Main.runCommand("corrections", "--year", "2026", "--issue", "NOVEMBER", "--out", again.toString(),
                db, keys, archive, december)).isZero();
        JsonNode second = JSON.readTree(again.resolve("summary.json").toFile());
        assertThat(second.get("corrected").asLong()).isZero();
        assertThat(second.get("unchanged").asLong()).isEqualTo(3);
        assertThat(second.get("registered").asLong()).isZero();
        assertThat(Files.readAllLines(again.resolve("manifest.csv"))).hasSize(1);
        // and the same folder again says it is done
        assertThat(Main.runCommand("corrections", "--year", "2026", "--issue", "NOVEMBER", "--out", out.toString(),
                db, keys, archive, december)).isZero();
        // the archive copy of the corrected certificate proves itself against the register
        try (Stream<Path> copies = Files.walk(dir.resolve("archive"))) {
            Path copy = copies.filter(Files::isRegularFile).filter(f -> f.toString().contains(correctedCode))
                    .filter(f -> f.toString().endsWith(".pdf")).findFirst().orElseThrow();
            assertThat(Main.runCommand("archive-verify", copy.toString(), db, keys, archive)).isZero();
        }

        // The runs list shows the corrections runs (kind, counts, who started them); voiding the first one takes
        // its corrected certificates out of the register: the e-私書箱 copy is the **** original again, the same
        // parameters are refused, and a new corrections run issues them again.
        String user = System.getProperty("user.name");
        List<String[]> listed = runs(db);
        String[] first = listed.stream().filter(r -> r[1].equals("corrections") && r[r.length - 1].equals(out.toString()))
                .findFirst().orElseThrow();
        assertThat(first[2]).isEqualTo("NOVEMBER");
        assertThat(first).containsSubsequence("2026", "2026-12-01", "COMPLETED", "2", "1", "2", user);
        assertThat(listed.stream().filter(r -> r[1].equals("corrections") && r[r.length - 1].equals(trial.toString())))
                .as("the trial is listed too").hasSize(1);
        String[] secondRun = listed.stream().filter(r -> r[1].equals("corrections")
                && r[r.length - 1].equals(again.toString())).findFirst().orElseThrow();
        assertThat(secondRun).containsSubsequence("COMPLETED", "0", "1", "0", user);
        long runId = Long.parseLong(first[0]);
        assertThat(Main.runCommand("runs", "void", String.valueOf(runId), "--reason", "wrong data date", db)).isZero();
        assertThat(Files.readString(out.resolve("VOID.txt"))).contains("wrong data date").contains("2 corrected certificates");
        String[] voided = runs(db).stream().filter(r -> r[0].equals(first[0])).findFirst().orElseThrow();
        assertThat(voided).containsSubsequence("VOID", "2", "1", "0", user);
        assertThat(Main.runCommand("runs", "void", String.valueOf(runId), "--reason", "twice", db)).isEqualTo(2);
        assertThat(Main.runCommand("export-e-delivery", "--contract", "4000001", "--input", linkedLater.toString(),
                "--out", dir.resolve("after-void").toString(), db, keys, archive))
                .as("the voided correction no longer counts: **** again").isEqualTo(1);
        Files.delete(out.resolve("summary.json"));
        assertThat(Main.runCommand("corrections", "--year", "2026", "--issue", "NOVEMBER", "--out", out.toString(),
                db, keys, archive, december)).as("a voided run is not run again").isEqualTo(2);
        Path reissued = dir.resolve("corrections-after-void");
        assertThat(Main.runCommand("corrections", "--year", "2026", "--issue", "NOVEMBER", "--out", reissued.toString(),
                db, keys, archive, december)).isZero();
        JsonNode third = JSON.readTree(reissued.resolve("summary.json").toFile());
        assertThat(third.get("corrected").asLong()).isEqualTo(2);
        assertThat(third.get("registered").asLong()).isEqualTo(2);
        assertThat(third.get("runId").asString()).startsWith("corrections-run-");
        assertThat(Main.runCommand("export-e-delivery", "--contract", "4000001", "--input", linkedLater.toString(),
                "--out", dir.resolve("after-void").toString(), db, keys, archive)).isZero();
    }

    /** The {@code runs} list, one array of columns per run (the folder last). */
    private static List<String[]> runs(String db) {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            assertThat(Main.runCommand("runs", db)).isZero();
        } finally {
            System.setOut(stdout);
        }
        List<String[]> rows = new ArrayList<>();
        for (String line : captured.toString(StandardCharsets.UTF_8).lines().skip(1).toList()) {
            String row = line.contains("  void: ") ? line.substring(0, line.indexOf("  void: ")) : line;
            rows.add(row.trim().split("\\s+"));
        }
        return rows;
    }

    @Test
    void refusesBeforeTheDataCutoffUnlessTrial() throws Exception {
        String db = "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("db").resolve("kakekin")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int status;
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            status = Main.runCommand("corrections", "--year", "2027", "--issue", "NOVEMBER", "--out",
                    dir.resolve("c").toString(), db, "--kakekin.clock.fixed=2026-12-07T09:00+09:00");
        } finally {
            System.setErr(err);
        }
        assertThat(status).isEqualTo(2);
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("2027-09-30").contains("not final");
        assertThat(dir.resolve("c")).doesNotExist();
        assertThat(Main.runCommand("corrections", "--year", "2026", "--issue", "NOVEMBER", "--out",
                dir.resolve("d").toString(), "--data-date", "2026-11-15", db,
                "--kakekin.clock.fixed=2026-12-07T09:00+09:00")).as("not a month end").isEqualTo(2);
    }

    /** The text of the first element named {@code name} in a TEG850 document. */
    static String element(String xml, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<" + name + ">([^<]*)</" + name + ">").matcher(xml);
        assertThat(m.find()).as(name + " in the document").isTrue();
        return m.group(1);
    }

    static String sakuseiDay(String xml) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("sakuseiDay=\"([0-9-]+)\"").matcher(xml);
        assertThat(m.find()).as("sakuseiDay").isTrue();
        return m.group(1);
    }

    static String text(Path pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            return stripper.getText(doc);
        }
    }

    /**
     * A monthly 10,000-yen contract since 2015 with transfers from January to {@code through}; with
     * {@code septemberFails} September's transfer failed, and with {@code recovered} it was collected with
     * November's (RULES.md 1.3: f+2 collects f+2 and f; f+1 waits for f+4).
     */
    private static String ledger(String contractNo, String cd, String postal, boolean linked, int through,
                                 boolean septemberFails, boolean recovered) {
        ObjectNode o = JSON.createObjectNode();
        o.put("scheme", "SHOKIBO");
        o.put("contractNo", contractNo);
        o.put("checkDigits", cd);
        ObjectNode h = o.putObject("holder");
        h.put("name", "山田 太郎");
        h.put("nameKana", "ヤマダ タロウ");
        h.put("birthDate", "1970-04-01");
        h.put("phone", "0312345678");
        h.put("corporate", false);
        h.putNull("fiscalYearEndMonth");
        o.putArray("addresses").addObject().put("receivedOn", "2015-04-01").put("postalCode", postal)
                .put("line1", "東京都千代田区霞が関一丁目3番1号").put("line2", "");
        o.put("contractDate", "2015-04-01");
        o.put("applicationMonth", "2015-04");
        o.put("applicationMethod", "CASH");
        o.putArray("premiums").addObject().put("from", "2015-04").put("monthly", 10_000);
        o.putArray("paymentModes").addObject().put("from", "2015-04").put("mode", "MONTHLY");
        ArrayNode payments = o.putArray("payments");
        List<int[]> months = new ArrayList<>();
        for (int m = 1; m <= through; m++) {
            if (septemberFails && m == 10) {
                continue; // f+1: nothing requested
            }
            months.add(new int[]{m});
        }
        for (int[] mm : months) {
            int m = mm[0];
            String ym = "2026-%02d".formatted(m);
            ObjectNode p = payments.addObject().put("date", TRANSFER_DAYS[m - 1]).put("method", "TRANSFER");
            if (septemberFails && m == 9) {
                p.put("status", "FAILED");
            }
            p.put("amount", 10_000).put("from", ym).put("to", ym);
            if (septemberFails && m == 11 && recovered) {
                payments.addObject().put("date", TRANSFER_DAYS[10]).put("method", "TRANSFER").put("amount", 10_000)
                        .put("from", "2026-09").put("to", "2026-09");
            }
        }
        o.putArray("pendingRequests");
        o.putNull("discountCarried");
        o.putNull("terminatedOn");
        o.putNull("previousTermination");
        if (linked) {
            o.putObject("eDelivery").put("linkedOn", "2025-11-10");
        }
        return JSON.writeValueAsString(o);
    }
}
