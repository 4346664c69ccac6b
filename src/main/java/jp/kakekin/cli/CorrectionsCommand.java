package jp.kakekin.cli;

import jp.kakekin.calc.DocumentKind;
import jp.kakekin.correction.CorrectionRun;
import jp.kakekin.correction.CorrectionSummary;
import jp.kakekin.correction.ElectronicCopies;
import jp.kakekin.edelivery.EDeliveryService;
import jp.kakekin.edelivery.ExportCandidate;
import jp.kakekin.edelivery.RunParameters;
import jp.kakekin.issuance.Correction;
import jp.kakekin.issuance.Finality;
import jp.kakekin.issuance.JapanClock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code corrections}: the corrected certificates (追加発行) of one issue, from the store (docs/corrections.md).
 * The issuance core decides each; this command maps the run's outcome to files and an exit status, and wires
 * the e-私書箱 export for the linked holders.
 */
@Command(name = "corrections", mixinStandardHelpOptions = true,
        description = {"Issues a corrected certificate (訂正・追加発行) to every holder of the issue whose certificate "
                + "printed **** and now has a 控除額, or whose figures changed since it was issued; from the store "
                + "(import the later ledger first). Merged PDFs in postal order, manifest.csv, exclusions.csv, "
                + "summary.json, and a TEG850 package for the holders linked to e-私書箱.",
                "Exit 0 done, 1 failed, 2 bad arguments or not final."})
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

    private final CorrectionRun run;
    private final EDeliveryService eDelivery;
    private final JapanClock clock;

    public CorrectionsCommand(CorrectionRun run, EDeliveryService eDelivery, JapanClock clock) {
        this.run = run;
        this.eDelivery = eDelivery;
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
        CorrectionSummary summary;
        try {
            summary = run.run(p, this::exportElectronically);
        } catch (CorrectionRun.AlreadyRun e) {
            System.err.println("corrections: " + e.getMessage() + "; nothing issued again");
            System.out.println(Files.readString(e.summary()).strip());
            return 0;
        }
        System.out.println(summary.describe());
        System.err.println("corrections: " + p.folder());
        return summary.reconciled() ? 0 : 1;
    }

    /** The e-私書箱 channel's run export, into the corrections run's folder (same signing as every export). */
    private ElectronicCopies.Result exportElectronically(java.util.List<ElectronicCopies.Certificate> certificates,
                                                         int year, DocumentKind kind, LocalDate runDate, Path folder) {
        var candidates = certificates.stream()
                .map(c -> (ExportCandidate) new ExportCandidate.Certificate(0, c.ledger(), c.figures(), c.code()))
                .iterator();
        RunParameters params = new RunParameters(year, kind, runDate, runDate, eDelivery.today(),
                "corrections " + folder);
        // The folder is this run's and has no summary yet: a package left by an attempt that stopped before
        // registering is replaced.
        EDeliveryService.RunResult result = eDelivery.exportRun(candidates, params, folder, true);
        Map<String, Long> excluded = new LinkedHashMap<>();
        result.summary().excluded().forEach((k, v) -> excluded.put(String.valueOf(k), v));
        return new ElectronicCopies.Result(params.packageName(), result.summary().delivered(), excluded);
    }
}
