package jp.kakekin.cli;

import jp.kakekin.batch.RunCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code runs}: every bulk run, newest first — print runs, e-私書箱 runs, reissue batches and corrections runs (kind, issue,
 * year, state, counts, who started them); {@code runs void RUN-ID --reason TEXT} voids one (docs/print-run.md).
 */
@Command(name = "runs", mixinStandardHelpOptions = true, subcommands = RunsCommand.Void.class,
        description = "Lists the runs (print runs, e-私書箱 runs, reissue batches, corrections runs): kind, issue, year, run date, state, "
                + "counts and who started each.")
public class RunsCommand implements Callable<Integer> {

    private final List<RunCatalog> catalogs;

    public RunsCommand(List<RunCatalog> catalogs) {
        this.catalogs = catalogs;
    }

    /** Every run of every kind, newest first. */
    static List<RunCatalog.Listing> all(List<RunCatalog> catalogs) {
        return catalogs.stream().flatMap(c -> c.list().stream())
                .sorted(Comparator.comparingLong(RunCatalog.Listing::runId).reversed()).toList();
    }

    @Override
    public Integer call() {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.printf("%-6s %-10s %-22s %-5s %-10s %-10s %8s %8s %10s  %-12s %s%n", "run", "kind", "issue", "year", "run date",
                "state", "issued", "excluded", "registered", "started by", "folder");
        for (RunCatalog.Listing r : all(catalogs)) {
            out.printf("%-6d %-10s %-22s %-5s %-10s %-10s %8s %8s %10d  %-12s %s%s%n", r.runId(), r.kind(),
                    (r.issue() == null ? "-" : r.issue()) + (r.trial() ? " (trial)" : ""),
                    r.year() == null ? "-" : r.year(), r.runDate() == null ? "-" : r.runDate(), r.state(),
                    r.issued() == null ? "-" : r.issued(), r.excluded() == null ? "-" : r.excluded(), r.registered(),
                    r.startedBy(), r.out(), r.voidReason() == null ? "" : "  void: " + r.voidReason());
        }
        return 0;
    }

    /** {@code runs void RUN-ID --reason TEXT}. */
    @Command(name = "void", mixinStandardHelpOptions = true,
            description = "Voids a finished run. A print run: its documents no longer count as issued (a new run issues "
                    + "them again) and its folder gets a VOID.txt. An e-私書箱 run: its package is withdrawn "
                    + "(NAME.VOID.txt beside the ZIP). A corrections run: its corrected certificates no longer count as issued "
                    + "(a new corrections run issues them again) and its folder gets a VOID.txt. Reissue batches cannot be voided. Audited with the reason and the OS user.")
    static class Void implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "RUN-ID")
        long runId;

        @Option(names = "--reason", required = true, description = "why the run is void (recorded)")
        String reason;

        private final List<RunCatalog> catalogs;

        Void(List<RunCatalog> catalogs) {
            this.catalogs = catalogs;
        }

        @Override
        public Integer call() {
            Optional<RunCatalog> owner = catalogs.stream().filter(c -> c.owns(runId)).findFirst();
            if (owner.isEmpty()) {
                System.err.println("runs: no run " + runId);
                return 2;
            }
            try {
                var v = owner.get().voidRun(runId, reason, System.getProperty("user.name"));
                System.out.printf("runs: %s run %d is void (%d documents left the register of issued documents); "
                        + "reason: %s%n", owner.get().kind(), runId, v.documents(), v.reason());
                return 0;
            } catch (IllegalStateException e) {
                System.err.println("runs: " + e.getMessage());
                return 2;
            }
        }
    }
}
