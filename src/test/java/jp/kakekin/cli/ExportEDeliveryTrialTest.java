package jp.kakekin.cli;

import jp.kakekin.Main;
import jp.kakekin.edelivery.GeneratedRunAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Final figures only for the e-私書箱 run (issue #10): before the data cutoff in Japan the run refuses with
 * exit 2 naming the cutoff; {@code --trial} writes the run report (manifest with 控除額, exclusions, summary
 * marked trial) into {@code <out>-trial} and no XML, no package, no signing key, nothing registered; the real
 * run after the cutoff then delivers every linked holder — the same holders the trial listed.
 */
class ExportEDeliveryTrialTest {

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
    }

    private Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            String[] all = Stream.concat(Stream.of(args), Stream.of(
                    "--kakekin.e-delivery.keystore.path=" + dir.resolve("keys/dev.p12"),
                    "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("db/kakekin")
                            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"))
                    .toArray(String[]::new);
            int status = Main.runCommand(all);
            return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private static List<String> column(Path csv, String name) throws Exception {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        int i = List.of(lines.get(0).split(",")).indexOf(name);
        assertThat(i).as("column %s of %s", name, csv).isNotNegative();
        return lines.subList(1, lines.size()).stream().filter(l -> !l.isEmpty()).map(l -> l.split(",", -1)[i]).sorted().toList();
    }

    @Test
    void beforeTheCutoffOnlyATrialReportAndTheRealRunLaterDeliversEveryone() throws Exception {
        Path input = GeneratedRunAccess.november(dir);
        Path out = dir.resolve("out");
        String september = "--kakekin.clock.fixed=2026-09-20T10:00+09:00";

        Run early = run("export-e-delivery", "--year", "2026", "--issue", "NOVEMBER", "--input", input.toString(),
                "--out", out.toString(), "--run-date", "2026-11-12", september);
        assertThat(early.status()).as(early.err()).isEqualTo(2);
        assertThat(early.err()).contains("2026-09-30").contains("not final").contains("--trial");
        assertThat(out).doesNotExist();

        Run trial = run("export-e-delivery", "--year", "2026", "--issue", "NOVEMBER", "--input", input.toString(),
                "--out", out.toString(), "--run-date", "2026-11-12", "--trial", september);
        assertThat(trial.status()).as(trial.out() + trial.err()).isZero();
        assertThat(trial.out()).contains("TRIAL").contains("would deliver  11").contains("reconciles");
        Path report = dir.resolve("out-trial/TEG850-2026-NOVEMBER-20261112");
        JsonNode summary = JsonMapper.builder().build().readTree(report.resolve("summary.json").toFile());
        assertThat(summary.path("trial").asBoolean(false)).isTrue();
        assertThat(summary.path("delivered").asLong()).isEqualTo(11);
        assertThat(summary.path("excluded").path("DEDUCTION_WITHHELD").asLong()).isPositive();
        assertThat(column(report.resolve("manifest.csv"), "deduction")).hasSize(11).allMatch(d -> !d.isEmpty());
        assertThat(report.resolve("exclusions.csv")).exists();
        try (Stream<Path> files = Files.walk(dir.resolve("out-trial"))) {
            assertThat(files.map(Path::toString)).noneMatch(f -> f.endsWith(".xml") || f.endsWith(".zip"));
        }
        // Nothing signed: the signing key was not even needed; no real output, nothing in the runs list.
        assertThat(dir.resolve("keys/dev.p12")).doesNotExist();
        assertThat(out).doesNotExist();
        Run listed = run("runs", september);
        assertThat(listed.out()).doesNotContain("e-delivery");

        // After the cutoff (the machine's clock is past 2026-09-30) the real run delivers every linked holder,
        // exactly those the trial listed; the trial blocked nothing.
        Run real = run("export-e-delivery", "--year", "2026", "--issue", "NOVEMBER", "--input", input.toString(),
                "--out", out.toString(), "--run-date", "2026-11-12");
        assertThat(real.status()).as(real.out() + real.err()).isZero();
        assertThat(real.out()).contains("delivered  11").contains("reconciles");
        Path pkg = out.resolve("TEG850-2026-NOVEMBER-20261112");
        assertThat(out.resolve("TEG850-2026-NOVEMBER-20261112.zip")).exists();
        assertThat(column(pkg.resolve("manifest.csv"), "contractNo"))
                .isEqualTo(column(report.resolve("manifest.csv"), "contractNo"));
        assertThat(column(pkg.resolve("manifest.csv"), "uniqueCode"))
                .isEqualTo(column(report.resolve("manifest.csv"), "uniqueCode"));
    }
}
