package jp.kakekin.cli;

import jp.kakekin.issuance.Finality;

import jp.kakekin.calc.DocumentKind;
import jp.kakekin.batch.RunLauncher;
import jp.kakekin.edelivery.DeliveryPackage;
import jp.kakekin.edelivery.EDeliveryRunParameters;
import jp.kakekin.edelivery.EDeliveryRuns;
import jp.kakekin.edelivery.EDeliveryService;
import jp.kakekin.edelivery.EDeliveryTrial;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import jp.kakekin.issuance.ReasonCode;
import jp.kakekin.edelivery.ExportOutcome;
import jp.kakekin.ledger.Ledger;
import jp.kakekin.ledger.LedgerFormatException;
import jp.kakekin.ledger.LedgerReader;
import jp.kakekin.ledger.LedgerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code export-e-delivery}: the signed TEG850 XML of a run, or of one holder (--contract). */
@Command(name = "export-e-delivery", mixinStandardHelpOptions = true,
        description = {"Exports the e-私書箱 certificates (NTA TEG850, signed XML) of a run as a ZIP with a manifest,",
                "unpacked beside it (a Spring Batch job: the same command resumes a run that was stopped or killed);",
                "with --contract, the XML of one holder's latest certificate."})
public class ExportEDeliveryCommand implements Callable<Integer> {

    public enum Issue {
        NOVEMBER(DocumentKind.NOVEMBER_CERTIFICATE), FEBRUARY(DocumentKind.FEBRUARY_CERTIFICATE);

        final DocumentKind kind;

        Issue(DocumentKind kind) {
            this.kind = kind;
        }
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--year", description = "certificate year (証明年分); required for a run")
    Integer year;

    @Option(names = "--issue", description = "NOVEMBER or FEBRUARY; required for a run")
    Issue issue;

    @Option(names = "--input", required = true, description = "ledger file (JSON Lines; a .json document only with --contract)")
    Path input;

    @Option(names = "--out", required = true, description = "output folder")
    Path out;

    @Option(names = "--run-date", description = "holders linked on or before this day are delivered (default today);"
            + " with --contract, the day of the request")
    LocalDate runDate;

    @Option(names = "--certified-on", description = "証明日 of the certificates (default: the run date)")
    LocalDate certifiedOn;

    @Option(names = "--address-cutoff", description = "address cutoff (default: second Friday of Oct / Jan)")
    LocalDate addressCutoff;

    @Option(names = "--replace", description = "replace an earlier export of the same name in --out (another run's)")
    boolean replace;

    @Option(names = "--contract", description = "on demand: export only this 7-digit contract's latest certificate"
            + " (or the one named by --year and --issue)")
    String contract;

    @Option(names = "--sequence", defaultValue = "0",
            description = "with --contract: 0 for the original's unique code, 1.. for a reissue's")
    int sequence;

    @Option(names = "--trial", description = "a trial before the figures are final: the run report only (manifest.csv "
            + "with each certificate's 控除額, exclusions.csv, summary.json) in <out>-trial; no TEG850 XML is signed, "
            + "nothing archived or registered, so the real run later delivers everything")
    boolean trial;

    @Option(names = "--recover", description = "the run's previous process is dead although it cannot be checked from here "
            + "(another host): mark its execution FAILED and resume")
    boolean recover;

    private final EDeliveryService service;
    private final org.springframework.beans.factory.ObjectProvider<EDeliveryRuns> jobs;

    /**
     * @param jobs the run's job machinery, looked up only when a run is asked for: picocli creates every
     *             command, and the job repository needs the database, which other commands (generate-ledger)
     *             do not
     */
    public ExportEDeliveryCommand(EDeliveryService service, org.springframework.beans.factory.ObjectProvider<EDeliveryRuns> jobs) {
        this.service = service;
        this.jobs = jobs;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        if (!Files.isReadable(input)) {
            throw new ParameterException(spec.commandLine(), "--input " + input + " cannot be read");
        }
        if (contract != null && trial) {
            throw new ParameterException(spec.commandLine(), "--trial is for a run, not with --contract");
        }
        if (contract != null) {
            try {
                return onDemand(o);
            } catch (UncheckedIOException | IllegalStateException | LedgerFormatException e) {
                spec.commandLine().getErr().println("export-e-delivery: " + e.getMessage());
                return 1;
            }
        }
        if (year == null || issue == null) {
            throw new ParameterException(spec.commandLine(), "a run needs --year and --issue (or give --contract)");
        }
        if (trial) {
            return trial(o);
        }
        LocalDate today = service.today();
        LocalDate cutoff = Finality.dataCutoff(issue.kind, year);
        LocalDate dated = runDate != null ? runDate : today;
        if (!(Finality.isFinal(cutoff, today) && Finality.isFinal(cutoff, dated))) {
            // Final figures only, as for the paper run (issue #10).
            spec.commandLine().getErr().printf("export-e-delivery: the %d %s run is not final: its data cutoff %s "
                    + "has not passed in Japan (today is %s); nothing exported%n", year, issue, cutoff, today);
            spec.commandLine().getErr().println("export-e-delivery: use --trial for the run report without a package "
                    + "(no XML is signed before the figures are final)");
            return 2;
        }
        EDeliveryRuns runs = jobs.getObject();
        EDeliveryRunParameters params = new EDeliveryRunParameters(year, issue.kind, input, out, dated,
                certifiedOn != null ? certifiedOn : dated, addressCutoff, today, replace);
        if (runDate == null) {
            // A restart without --run-date resumes the unfinished run (its date and sakuseiDay), as print-run.
            Optional<EDeliveryRunParameters> resume = runs.unfinished(params);
            if (resume.isPresent() && (certifiedOn == null || certifiedOn.equals(resume.get().certifiedOn()))) {
                params = resume.get();
                spec.commandLine().getErr().printf("export-e-delivery: resuming the unfinished run dated %s%n", params.runDate());
            }
        }
        PrintWriter err = spec.commandLine().getErr();
        RunLauncher.Launch launch;
        try {
            launch = runs.launch(params, recover, System.getProperty("user.name"));
        } catch (RunLauncher.InProgress e) {
            err.println("export-e-delivery: " + e.getMessage());
            return 3;
        } catch (UncheckedIOException | IllegalStateException | LedgerFormatException e) {
            err.println("export-e-delivery: " + e.getMessage());
            return 1;
        }
        if (launch.note() != null) {
            err.println("export-e-delivery: " + launch.note());
        }
        Path zip = params.out().resolve(params.run().packageName() + ".zip");
        Path folder = params.out().resolve(params.run().packageName());
        if (launch.outcome() != RunLauncher.Outcome.ALREADY_COMPLETE) {
            err.printf("export-e-delivery: run %d (execution %d): %d %s, %s → %s%n", launch.runId(),
                    launch.execution().getId(), year, issue, params.input(), zip);
            JobExecution execution = launch.execution();
            long lastShown = 0;
            long lastDone = -1;
            long started = System.nanoTime();
            while (!(runs.finished(execution.getId()) && !execution.getStatus().isRunning())) {
                Thread.sleep(200);
                long now = System.nanoTime();
                if (now - lastShown > 5_000_000_000L) {
                    EDeliveryRuns.Progress p = runs.progress(launch.runId());
                    if (p.done() != lastDone) {
                        double rate = p.done() / Math.max(1e-9, (now - started) / 1e9);
                        err.printf("export   %,12d / %,d records  %,8.0f/s%n", p.done(), p.total(), rate);
                        lastDone = p.done();
                    }
                    lastShown = now;
                }
            }
            if (execution.getStatus() != BatchStatus.COMPLETED) {
                String why = execution.getAllFailureExceptions().stream()
                        .map(t -> t.getMessage() != null ? t.getMessage() : t.toString()).distinct()
                        .reduce((a, b) -> a + "; " + b).orElse("stopped (" + execution.getExitStatus().getExitCode() + ")");
                boolean refused = execution.getStepExecutions().stream()
                        .anyMatch(st -> st.getStepName().equals("e-delivery-prepare") && st.getStatus() == BatchStatus.FAILED);
                // Refused before anything was exported (another run's package, a ledger that changed): no resume hint.
                err.printf("export-e-delivery: run %d %s: %s%s%n", launch.runId(), execution.getStatus(), why,
                        refused ? "" : "; run the same command again to resume it");
                return 1;
            }
        }
        JsonNode s;
        try {
            s = JsonMapper.builder().build().readTree(folder.resolve(DeliveryPackage.SUMMARY).toFile());
        } catch (RuntimeException e) {
            err.println("export-e-delivery: run " + launch.runId() + " completed, but its summary cannot be read: " + e.getMessage());
            return 1;
        }
        o.printf("TEG850 %d %s from %s (run %d)%n", year, issue, input, launch.runId());
        o.printf("  records    %,d%n", s.path("records").asLong());
        o.printf("  issued     %,d (certificates of the print run)%n", s.path("issued").asLong());
        o.printf("  delivered  %,d%n", s.path("delivered").asLong());
        for (ReasonCode r : ReasonCode.values()) {
            JsonNode n = s.path("excluded").get(r.name());
            if (n != null) {
                o.printf("  excluded   %,d %s (%s)%n", n.asLong(), r, r.description());
            }
        }
        boolean reconciles = s.path("reconciles").asBoolean(false);
        o.printf("  %s%n", reconciles ? "reconciles: records = delivered + excluded" : "DOES NOT RECONCILE");
        o.printf("wrote %s%n  and %s%n", zip, folder);
        return reconciles ? 0 : 1;
    }

    /** {@code --trial}: the run report of what the run would deliver; no XML, no job, nothing registered. */
    private int trial(PrintWriter o) {
        if (recover || replace) {
            throw new ParameterException(spec.commandLine(), "--trial writes only its own report: no --recover or --replace");
        }
        EDeliveryTrial.Result r;
        try {
            r = service.trialRun(input, year, issue.kind, runDate, certifiedOn, addressCutoff, out);
        } catch (UncheckedIOException | IllegalStateException | LedgerFormatException e) {
            spec.commandLine().getErr().println("export-e-delivery: " + e.getMessage());
            return 1;
        }
        o.printf("TRIAL TEG850 %d %s from %s: no XML signed, nothing archived or registered%n", year, issue, input);
        o.printf("  records        %,d%n", r.records());
        o.printf("  issued         %,d%n", r.issued());
        o.printf("  would deliver  %,d%n", r.delivered());
        r.excluded().forEach((reason, n) -> o.printf("  excluded       %,d %s (%s)%n", n, reason, reason.description()));
        o.printf("  %s%n", r.reconciles() ? "reconciles: records = would deliver + excluded" : "DOES NOT RECONCILE");
        o.printf("wrote %s%n", r.directory());
        return r.reconciles() ? 0 : 1;
    }

    private int onDemand(PrintWriter o) {
        if ((year == null) != (issue == null)) {
            throw new ParameterException(spec.commandLine(), "with --contract give both --year and --issue, or neither");
        }
        Ledger ledger = find(contract);
        ExportOutcome outcome = service.exportOnDemand(ledger, runDate, issue == null ? null : issue.kind, year, sequence);
        switch (outcome) {
            case ExportOutcome.Delivered d -> {
                try {
                    Files.createDirectories(out);
                    Path file = out.resolve(d.fileName());
                    if (Files.exists(file) && !replace) {
                        throw new ParameterException(spec.commandLine(), file + " exists; use --replace");
                    }
                    Files.write(file, d.xml());
                    o.printf("contract %s: wrote %s (unique code %s, SHA-256 %s)%n", contract, file, d.uniqueCode(),
                            d.sha256());
                    return 0;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            case ExportOutcome.Excluded e -> {
                spec.commandLine().getErr().printf("contract %s: not delivered: %s (%s): %s%n", contract, e.reason(),
                        e.reason().description(), e.detail());
                return 1;
            }
        }
    }

    private Ledger find(String contractNo) {
        try (LedgerReader reader = service.openLedger(input)) {
            while (reader.hasNext()) {
                switch (reader.next()) {
                    case LedgerRecord.Valid v when v.ledger().contractNo().equals(contractNo) -> {
                        return v.ledger();
                    }
                    case LedgerRecord.Invalid bad when contractNo.equals(bad.contractNo()) ->
                            throw new ParameterException(spec.commandLine(), "contract " + contractNo
                                    + " is invalid in the ledger: " + bad.message());
                    default -> {
                    }
                }
            }
        }
        throw new ParameterException(spec.commandLine(), "contract " + contractNo + " is not in " + input);
    }
}
