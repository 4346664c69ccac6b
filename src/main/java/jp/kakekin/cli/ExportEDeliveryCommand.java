package jp.kakekin.cli;

import jp.kakekin.issuance.Finality;

import jp.kakekin.calc.DocumentKind;
import jp.kakekin.edelivery.EDeliveryService;
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
import java.util.concurrent.Callable;

/** {@code export-e-delivery}: the signed TEG850 XML of a run, or of one holder (--contract). */
@Command(name = "export-e-delivery", mixinStandardHelpOptions = true,
        description = {"Exports the e-私書箱 certificates (NTA TEG850, signed XML) of a run as a ZIP with a manifest,",
                "unpacked beside it; with --contract, the XML of one holder's latest certificate."})
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

    @Option(names = "--input", required = true, description = "ledger file (JSON Lines, or .json)")
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

    @Option(names = "--replace", description = "replace an earlier export of the same name in --out")
    boolean replace;

    @Option(names = "--contract", description = "on demand: export only this 7-digit contract's latest certificate"
            + " (or the one named by --year and --issue)")
    String contract;

    @Option(names = "--sequence", defaultValue = "0",
            description = "with --contract: 0 for the original's unique code, 1.. for a reissue's")
    int sequence;

    private final EDeliveryService service;

    public ExportEDeliveryCommand(EDeliveryService service) {
        this.service = service;
    }

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        if (!Files.isReadable(input)) {
            throw new ParameterException(spec.commandLine(), "--input " + input + " cannot be read");
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
        LocalDate today = service.today();
        LocalDate cutoff = Finality.dataCutoff(issue.kind, year);
        LocalDate dated = runDate != null ? runDate : today;
        if (!(Finality.isFinal(cutoff, today) && Finality.isFinal(cutoff, dated))) {
            // Final figures only, as for the paper run (issue #10).
            spec.commandLine().getErr().printf("export-e-delivery: the %d %s run is not final: its data cutoff %s "
                    + "has not passed in Japan (today is %s); nothing exported%n", year, issue, cutoff, today);
            return 2;
        }
        EDeliveryService.RunResult result;
        try {
            result = service.exportRun(input, year, issue.kind, runDate, certifiedOn, addressCutoff, out, replace);
        } catch (UncheckedIOException | IllegalStateException | LedgerFormatException e) {
            // an existing package, an unreadable file, a missing keystore: say so, no stack trace
            spec.commandLine().getErr().println("export-e-delivery: " + e.getMessage());
            return 1;
        }
        var s = result.summary();
        o.printf("TEG850 %d %s from %s%n", year, issue, input);
        o.printf("  records    %,d%n", s.records());
        o.printf("  issued     %,d (certificates of the print run)%n", s.issued());
        o.printf("  delivered  %,d%n", s.delivered());
        for (ReasonCode r : ReasonCode.values()) {
            Long n = s.excluded().get(r);
            if (n != null) {
                o.printf("  excluded   %,d %s (%s)%n", n, r, r.description());
            }
        }
        o.printf("  %s%n", s.reconciles() ? "reconciles: records = delivered + excluded" : "DOES NOT RECONCILE");
        o.printf("wrote %s%n  and %s%n", result.zip(), result.directory());
        return s.reconciles() ? 0 : 1;
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
