package jp.kakekin.cli;

import jp.kakekin.issuance.Finality;
import jp.kakekin.issuance.JapanClock;
import jp.kakekin.print.PrintIssue;
import jp.kakekin.print.PrintRunException;
import jp.kakekin.print.PrintRunParameters;
import jp.kakekin.print.PrintRunProgress;
import jp.kakekin.print.PrintRuns;
import jp.kakekin.print.RunInProgressException;
import jp.kakekin.print.RunStatus;
import jp.kakekin.store.ContractStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code print-run}: a November or February bulk print run of the certificates, or the February run of the
 * 経営セーフティ共済 掛金納付状況兼領収書 (docs/print-run.md, docs/safety-statements.md).
 */
@Command(name = "print-run", mixinStandardHelpOptions = true,
        description = {"Prints the documents of one issue as merged PDF batches in postal-code order, with a manifest "
                + "and an exclusion report. Running the same parameters again resumes a run that was stopped or killed."})
public class PrintRunCommand implements Callable<Integer> {

    @Option(names = "--year", required = true, description = "the year the documents are for (証明年分)")
    int year;

    @Option(names = "--issue", required = true, description = "NOVEMBER or FEBRUARY (小規模企業共済掛金控除証明書), "
            + "or SAFETY_PAYMENT_STATUS (経営セーフティ共済 掛金納付状況兼領収書 for the year, mailed in February)")
    PrintIssue issue;

    /** Exactly one of them: picocli refuses neither or both with exit 2 before anything starts. */
    static final class Source {
        @Option(names = "--input", required = true, description = "ledger file, JSON Lines (.jsonl)")
        Path input;

        @Option(names = "--from-store", required = true, description = "print from the contract store instead of a "
                + "file: the store's ledgers are snapshotted once into the output folder (store-snapshot.jsonl), so a "
                + "restart reads the same input")
        boolean fromStore;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    private Path input;

    private boolean fromStore;

    @Option(names = "--out", required = true, description = "output folder (batch PDFs, manifest.csv, exclusions.csv, summary.json)")
    Path out;

    @Option(names = "--batch-size", description = "certificates per batch PDF (default: ${DEFAULT-VALUE})",
            defaultValue = "" + PrintRunParameters.DEFAULT_BATCH_SIZE)
    int batchSize;

    @Option(names = "--address-cutoff", description = "latest address received on or before this day (default: second Friday of October / of January)")
    LocalDate addressCutoff;

    @Option(names = "--run-date", description = "証明日 printed on the certificates (default: today, or the date of the unfinished run being resumed)")
    LocalDate runDate;

    @Option(names = "--trial", description = "a trial run before the figures are final: every page marked 見本 "
            + "(not valid), written to <out>-trial, nothing registered, so the real run later prints everything")
    boolean trial;

    @Option(names = "--recover", description = "the run's previous process is dead although it cannot be checked from here "
            + "(another host): mark its execution FAILED and resume")
    boolean recover;

    private final PrintRuns runs;

    private final ObjectProvider<ContractStore> store;

    private final JapanClock clock;

    public PrintRunCommand(PrintRuns runs, ObjectProvider<ContractStore> store, JapanClock clock) {
        this.runs = runs;
        this.store = store;
        this.clock = clock;
    }

    /** The store's ledgers as a file in the output folder; an existing complete snapshot is reused on restart. */
    private Path storeSnapshot() throws IOException {
        Files.createDirectories(out);
        Path snapshot = out.resolve("store-snapshot.jsonl");
        if (Files.exists(snapshot)) {
            System.err.println("print-run: reusing the store snapshot " + snapshot);
            return snapshot;
        }
        Path tmp = out.resolve("store-snapshot.jsonl.tmp");
        long n;
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            n = store.getObject().exportLedgers(w);
        }
        Files.move(tmp, snapshot, StandardCopyOption.ATOMIC_MOVE);
        System.err.printf("print-run: %,d ledgers taken from the store into %s%n", n, snapshot);
        return snapshot;
    }

    @Override
    public Integer call() throws Exception {
        PrintStream err = System.err;
        input = source.input;
        fromStore = source.fromStore;
        LocalDate today = clock.today();
        LocalDate cutoff = Finality.dataCutoff(issue.document(), year);
        LocalDate dated = runDate != null ? runDate : today;
        if (!trial && !(Finality.isFinal(cutoff, today) && Finality.isFinal(cutoff, dated))) {
            // Final figures only: a run before the cutoff would print (and register) figures that can change.
            err.printf("print-run: the %d %s run is not final: its data cutoff %s has not passed in Japan "
                    + "(today is %s%s); nothing printed. Use --trial for a 見本 run.%n", year, issue, cutoff, today,
                    runDate != null ? ", run date " + runDate : "");
            return 2;
        }
        if (fromStore) {
            input = storeSnapshot();
        }
        quietJobThreadDatabaseFailures();
        try {
            return run(err, dated);
        } catch (DataAccessException | TransactionException e) {
            // The job repository could not be reached before the run started (or after it ended).
            err.println("print-run: FAILED: " + databaseFailure(e) + "; run the same command again to resume");
            return 1;
        }
    }

    private Integer run(PrintStream err, LocalDate dated) throws Exception {
        PrintRunParameters params;
        try {
            params = PrintRunParameters.of(year, issue, input, out, batchSize, addressCutoff, dated, trial);
            if (runDate == null) {
                Optional<LocalDate> resume = runs.unfinishedRunDate(params);
                if (resume.isPresent()) {
                    params = PrintRunParameters.of(year, issue, input, out, batchSize, addressCutoff, resume.get(), trial);
                    err.printf("print-run: resuming the unfinished run dated %s%n", resume.get());
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("print-run: " + e.getMessage());
            return 2;
        }
        PrintRuns.Launch launch;
        try {
            launch = runs.launch(params, recover);
        } catch (RunInProgressException e) {
            err.println("print-run: " + e.getMessage());
            return 3;
        } catch (PrintRunException e) {
            err.println("print-run: " + e.getMessage());
            return 1;
        }
        if (launch.note() != null) {
            err.println("print-run: " + launch.note());
        }
        if (launch.outcome() == PrintRuns.Outcome.ALREADY_COMPLETE) {
            return printSummary(launch.runId());
        }
        err.printf("print-run: run %d (execution %d): %d %s, %s → %s%n", launch.runId(), launch.execution().getId(),
                params.year(), params.issue(), params.input(), params.out());
        JobExecution execution = launch.execution();
        long started = System.nanoTime();
        ProgressLine line = new ProgressLine(err);
        RuntimeException repositoryFailure = null;
        int pollsSinceEnded = 0;
        while (true) {
            // This process runs the job and holds its execution: while that runs, there is nothing to ask the
            // job repository (reading an execution back with its steps and contexts five times a second cost
            // the main thread ≈ 0.6 s of CPU in a 30-second run). Once it has ended, the repository either says
            // so soon — its last update is what makes it safe to close — or cannot (that update failed with
            // the database); a later run recovers such an execution.
            boolean ended = execution.getEndTime() != null && !execution.getStatus().isRunning();
            if (ended) {
                try {
                    if (runs.finished(execution.getId())) {
                        break;
                    }
                    repositoryFailure = null;
                } catch (DataAccessException | TransactionException e) {
                    repositoryFailure = e; // the job fails too; its own view of the end is in memory
                }
                if (repositoryFailure != null || ++pollsSinceEnded > 500) {
                    break;
                }
                Thread.sleep(20);
                continue;
            }
            runs.progress(execution.getId()).ifPresent(line::show);
            Thread.sleep(200);
        }
        line.done();
        double seconds = (System.nanoTime() - started) / 1e9;
        if (execution.getStatus() == BatchStatus.COMPLETED && repositoryFailure == null) {
            err.printf("print-run: run %d completed in %.1f s%n", launch.runId(), seconds);
            return printSummary(launch.runId());
        }
        // One line: what failed, and that the same command resumes it.
        err.printf("print-run: run %d %s: %s; run the same command again to resume it%n", launch.runId(),
                execution.getStatus() == BatchStatus.COMPLETED ? "FAILED" : execution.getStatus(),
                failure(execution, repositoryFailure));
        return 1;
    }

    /**
     * When the database is gone, the job's thread dies on its last repository update with an uncaught
     * exception, and the JVM would print its stack trace after the command's one line. That failure is the
     * one the command reports: the job threads' ({@code print-run-*}) database failures are not printed
     * again; anything else still is.
     */
    private static synchronized void quietJobThreadDatabaseFailures() {
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        if (previous instanceof JobThreadDatabaseFailures) {
            return;
        }
        Thread.setDefaultUncaughtExceptionHandler(new JobThreadDatabaseFailures(previous));
    }

    private record JobThreadDatabaseFailures(Thread.UncaughtExceptionHandler previous)
            implements Thread.UncaughtExceptionHandler {
        @Override
        public void uncaughtException(Thread t, Throwable e) {
            if (t.getName().startsWith("print-run-") && isDatabase(e)) {
                return; // reported by print-run in one line
            }
            if (previous != null) {
                previous.uncaughtException(t, e);
            } else {
                System.err.print("Exception in thread \"" + t.getName() + "\" ");
                e.printStackTrace();
            }
        }
    }

    /** Why a run failed, in one short line: the database when it was the database, else the job's failures. */
    static String failure(JobExecution execution, Throwable repositoryFailure) {
        List<Throwable> failures = new ArrayList<>(execution.getAllFailureExceptions());
        if (repositoryFailure != null) {
            failures.add(repositoryFailure);
        }
        for (Throwable t : failures) {
            if (isDatabase(t)) {
                return databaseFailure(t);
            }
        }
        if (failures.isEmpty()) {
            return "stopped (" + execution.getExitStatus().getExitCode() + ")";
        }
        return oneLine(failures.stream().map(t -> t.getMessage() != null ? t.getMessage() : t.toString())
                .distinct().reduce((a, b) -> a + "; " + b).orElseThrow());
    }

    private static boolean isDatabase(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof DataAccessException || c instanceof TransactionException || c instanceof SQLException) {
                return true;
            }
        }
        return false;
    }

    /** "the database failed: " and the innermost SQL error (the driver's words say what happened). */
    static String databaseFailure(Throwable t) {
        Throwable innermost = t;
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException) {
                innermost = c;
            }
        }
        if (innermost == t) {
            innermost = NestedExceptionUtils.getMostSpecificCause(t);
        }
        String why = innermost.getMessage() != null ? innermost.getMessage() : innermost.getClass().getSimpleName();
        return "the database failed (" + oneLine(why) + ")";
    }

    /** No line breaks or control characters, at most 300 characters. */
    private static String oneLine(String s) {
        String flat = s.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        return flat.length() <= 300 ? flat : flat.substring(0, 299) + "…";
    }

    /**
     * Prints the run's summary; the exit status is 2 when ledger lines were invalid (like calculate, import
     * and render): the run is complete, but records were not printed because of bad input.
     */
    private int printSummary(long runId) {
        Optional<RunStatus> status = runs.status(runId);
        if (status.isEmpty() || status.get().summary() == null) {
            System.out.println("print-run: run " + runId + " completed");
            return 0;
        }
        System.out.println(status.get().summary().describe());
        long invalid = status.get().summary().excludedByReason()
                .getOrDefault(jp.kakekin.issuance.ReasonCode.INVALID_LEDGER_LINE.name(), 0L);
        if (invalid > 0) {
            System.err.printf("print-run: %,d ledger lines were invalid (INVALID_LEDGER_LINE in exclusions.csv): exit 2%n",
                    invalid);
            return 2;
        }
        return 0;
    }

    /** One line rewritten in place on a terminal; a line every few seconds in a log. */
    private static final class ProgressLine {
        private final PrintStream out;
        private final boolean interactive = isTerminal();
        private boolean shown;
        private long lastShown;

        ProgressLine(PrintStream out) {
            this.out = out;
        }

        void show(PrintRunProgress.Phase p) {
            long now = System.nanoTime();
            if (shown && now - lastShown < (interactive ? 250_000_000L : 5_000_000_000L)) {
                return;
            }
            lastShown = now;
            long eta = p.etaSeconds();
            String unit = p.name().equals("print") ? "certificates" : "records";
            String text = "%-9s %,12d / %,d %s  %,8.0f/s  ETA %s".formatted(p.name(), p.done(), p.total(), unit,
                    p.ratePerSecond(), eta < 0 ? "--:--" : "%d:%02d".formatted(eta / 60, eta % 60));
            if (interactive) {
                out.print("\r" + text + "\u001b[K");
            } else {
                out.println(text);
            }
            out.flush();
            shown = true;
        }

        void done() {
            if (interactive && shown) {
                out.println();
            }
        }

        private static boolean isTerminal() {
            java.io.Console c = System.console();
            if (c == null) {
                return false;
            }
            try {
                // Java 22+: a console exists even when redirected; ask whether it is a terminal.
                return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
            } catch (ReflectiveOperationException e) {
                return true;
            }
        }
    }
}
