package jp.kakekin.cli;

import jp.kakekin.print.PrintRunException;
import jp.kakekin.print.PrintRuns;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * {@code runs}: the print runs, newest first (issue, year, state, counts, who started them); {@code runs
 * void RUN-ID --reason TEXT} voids one (docs/print-run.md).
 */
@Command(name = "runs", mixinStandardHelpOptions = true, subcommands = RunsCommand.Void.class,
        description = "Lists the print runs: issue, year, run date, state, counts and who started each.")
public class RunsCommand implements Callable<Integer> {

    private final PrintRuns runs;

    public RunsCommand(PrintRuns runs) {
        this.runs = runs;
    }

    @Override
    public Integer call() {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.printf("%-6s %-22s %-5s %-10s %-10s %8s %8s %10s  %-12s %s%n", "run", "issue", "year", "run date",
                "state", "issued", "excluded", "registered", "started by", "folder");
        for (PrintRuns.RunListing r : runs.list()) {
            out.printf("%-6d %-22s %-5d %-10s %-10s %8s %8s %10d  %-12s %s%s%n", r.runId(),
                    r.issue() + (r.trial() ? " (trial)" : ""), r.year(), r.runDate(), r.state(),
                    r.issued() == null ? "-" : r.issued(), r.excluded() == null ? "-" : r.excluded(), r.registered(),
                    r.startedBy(), r.out(), r.voidReason() == null ? "" : "  void: " + r.voidReason());
        }
        return 0;
    }

    /** {@code runs void RUN-ID --reason TEXT}. */
    @Command(name = "void", mixinStandardHelpOptions = true,
            description = "Voids a finished print run: its documents no longer count as issued (a new run issues them "
                    + "again) and its folder gets a VOID.txt. Audited with the reason and the OS user.")
    static class Void implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "RUN-ID")
        long runId;

        @Option(names = "--reason", required = true, description = "why the run is void (recorded)")
        String reason;

        private final PrintRuns runs;

        Void(PrintRuns runs) {
            this.runs = runs;
        }

        @Override
        public Integer call() {
            try {
                var v = runs.voidRun(runId, reason, System.getProperty("user.name"));
                System.out.printf("runs: run %d is void (%d documents left the register of issued documents); "
                        + "reason: %s%n", runId, v.documents(), v.reason());
                return 0;
            } catch (PrintRunException e) {
                System.err.println("runs: " + e.getMessage());
                return 2;
            }
        }
    }
}
