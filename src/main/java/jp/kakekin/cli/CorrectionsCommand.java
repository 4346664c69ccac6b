package jp.kakekin.cli;

import jp.kakekin.calc.DocumentKind;
import jp.kakekin.correction.CorrectionRun;
import jp.kakekin.correction.CorrectionSummary;
import jp.kakekin.correction.CorrectionRuns;
import jp.kakekin.batch.RunLauncher;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import jp.kakekin.issuance.Correction;
import jp.kakekin.issuance.Finality;
import jp.kakekin.issuance.JapanClock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code corrections}: the corrected certificates (追加発行) of one issue, from the store (docs/corrections.md).
 * The issuance core decides each; this command starts the run (the {@code corrections-run} job: in the runs
 * list, resumable, voidable) and maps its outcome to an exit status; {@link CorrectionsElectronicCopies} wires
 * the e-私書箱 export for the linked holders.
 */
@Command(name = "corrections", mixinStandardHelpOptions = true,
        description = {"Issues a corrected certificate (訂正・追加発行) to every holder of the issue whose certificate "
                + "printed **** and now has a 控除額, or whose figures changed since it was issued; from the store "
                + "(import the later ledger first). Merged PDFs in postal order, manifest.csv, exclusions.csv, "
                + "summary.json, and a TEG850 package for the holders linked to e-私書箱.",
                "Exit 0 done, 1 failed, 2 bad arguments or not final, 3 the run is in progress elsewhere."})
public class CorrectionsCommand implements Callable<Integer> {

    /** The certificate issues that can be corrected. */
    enum Issue {
        NOVEMBER(DocumentKind.NOVEMBER_CERTIFICATE), FEBRUARY(DocumentKind.FEBRUARY_CERTIFICATE);

        final DocumentKind kind;

        Issue(DocumentKind kind) {
            this.kind = kind;
        }
    }

    @Option(names = "--year", required = true, description = "the year of the certificates (証明年分)")
    int year;

    @Option(names = "--issue", required = true, description = "NOVEMBER or FEBRUARY")
    Issue issue;

    @Option(names = "--out", required = true, description = "output folder (one run per folder)")
    Path out;

    @Option(names = "--run-date", description = "証明日 of the corrected certificates (default: today in Japan)")
    LocalDate runDate;

    @Option(names = "--data-date", description = "the ledger is seen as of this month end (default: the last day "
            + "of the month before the run date)")
    LocalDate dataDate;

    @Option(names = "--address-cutoff", description = "latest address received on or before this day (default: the run date)")
    LocalDate addressCutoff;

    @Option(names = "--trial", description = "list and print the corrections marked 見本 into <out>-trial; nothing "
            + "registered, nothing delivered; allowed before the data is final")
    boolean trial;

    @Option(names = "--recover", description = "resume a run left STARTED by a process on another host that is gone")
    boolean recover;

    private final CorrectionRuns runs;
    private final JapanClock clock;

    public CorrectionsCommand(CorrectionRuns runs, JapanClock clock) {
        this.runs = runs;
        this.clock = clock;
    }

    @Override
    public Integer call() throws Exception {
        LocalDate today = clock.today();
        LocalDate dated = runDate != null ? runDate : today;
        LocalDate asOf = dataDate != null ? dataDate : Correction.defaultDataDate(dated);
        LocalDate cutoff = Finality.dataCutoff(issue.kind, year);
        if (!trial && !(Finality.isFinal(cutoff, today) && Finality.isFinal(cutoff, dated))) {
            System.err.printf("corrections: the %d %s corrections are not final: the data cutoff %s has not passed in "
                    + "Japan (today is %s%s); nothing issued. Use --trial for a 見本 run.%n", year, issue, cutoff, today,
                    runDate != null ? ", run date " + runDate : "");
            return 2;
        }
        if (!trial && dated.isAfter(today)) {
            System.err.printf("corrections: the run date %s is after today (%s in Japan)%n", dated, today);
            return 2;
        }
        Optional<String> badDate = Correction.invalidDataDate(issue.kind, year, asOf, dated);
        if (badDate.isPresent() && !trial) {
            System.err.println("corrections: " + badDate.get() + "; nothing issued");
            return 2;
        }
        CorrectionRun.Parameters p = new CorrectionRun.Parameters(year, issue.kind, out.toAbsolutePath().normalize(),
                dated, asOf, addressCutoff, trial);
        Path summaryFile = p.folder().resolve(jp.kakekin.report.RunReport.SUMMARY);
        if (Files.exists(summaryFile)) {
            System.err.println("corrections: the folder already holds a finished corrections run: " + summaryFile
                    + "; nothing issued again");
            System.out.println(Files.readString(summaryFile).strip());
            return 0;
        }
        RunLauncher.Launch launch;
        try {
            launch = runs.launch(p, recover, System.getProperty("user.name"));
        } catch (RunLauncher.InProgress e) {
            System.err.println("corrections: " + e.getMessage());
            return 3;
        } catch (IllegalStateException e) {
            System.err.println("corrections: " + e.getMessage());
            return 2;
        }
        if (launch.note() != null) {
            System.err.println("corrections: " + launch.note());
        }
        if (launch.outcome() != RunLauncher.Outcome.ALREADY_COMPLETE) {
            long execution = launch.execution().getId();
            while (!runs.finished(execution)) {
                Thread.sleep(100);
            }
            JobExecution done = runs.execution(execution);
            if (done.getStatus() != BatchStatus.COMPLETED) {
                String why = done.getAllFailureExceptions().stream()
                        .map(t -> t.getMessage() != null ? t.getMessage() : t.toString()).distinct()
                        .reduce((a, b) -> a + "; " + b).orElse(done.getExitStatus().getExitCode());
                System.err.printf("corrections: run %d %s: %s; run the same command again to resume it%n",
                        launch.runId(), done.getStatus(), why);
                return 1;
            }
        }
        if (!Files.exists(summaryFile)) {
            System.err.printf("corrections: run %d completed, but %s is missing%n", launch.runId(), summaryFile);
            return 1;
        }
        CorrectionSummary summary = runs.summary(summaryFile);
        System.out.println(summary.describe());
        System.err.printf("corrections: run %d, %s%n", launch.runId(), p.folder());
        return summary.reconciled() ? 0 : 1;
    }
}
