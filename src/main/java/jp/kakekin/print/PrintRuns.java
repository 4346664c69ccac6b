package jp.kakekin.print;

import jp.kakekin.batch.RunLauncher;
import jp.kakekin.batch.RunOwner;
import jp.kakekin.batch.LedgerLineReader;
import jp.kakekin.batch.RunShutdown;

import jp.kakekin.issuance.JapanClock;
import jp.kakekin.store.IssuedDocuments;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.transaction.support.TransactionTemplate;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Starts, resumes and reports print runs. A run is the Spring Batch job instance named by its
 * parameters ({@link PrintRunParameters}); its id (the instance id) is the run id in every manifest.
 * Launching the same parameters again:
 * <ul>
 * <li>after a completed run does nothing and says so;</li>
 * <li>after a failed or stopped execution restarts it: completed steps are skipped, partitions resume
 * after their last commit;</li>
 * <li>after a process that was killed (its execution still says STARTED in the repository) marks that
 * execution FAILED with {@link JobOperator#recover} and restarts it — when the owner process is known
 * to be gone (same host, pid no longer alive) or when the operator says so ({@code recover});</li>
 * <li>while another process is still executing it refuses.</li>
 * </ul>
 */
@Service
public class PrintRuns {

    private final JobOperator operator;
    private final JobRepository repository;
    private final Job job;
    private final PrintRunProgress progress;
    private final RunShutdown shutdown;
    private final RunLauncher launcher;
    private final ObjectProvider<IssuedDocuments> documents;
    private final ObjectProvider<TransactionTemplate> tx;
    private final JapanClock clock;

    /** Non-identifying job parameter: who launched the run. */
    static final String STARTED_BY = "startedBy";

    public PrintRuns(JobOperator operator, JobRepository repository,
                     @org.springframework.beans.factory.annotation.Qualifier("printRun") Job printRun, PrintRunProgress progress,
                     RunShutdown shutdown, RunLauncher launcher, ObjectProvider<IssuedDocuments> documents,
                     ObjectProvider<TransactionTemplate> tx, JapanClock clock) {
        this.documents = documents;
        this.tx = tx;
        this.clock = clock;
        this.operator = operator;
        this.repository = repository;
        this.job = printRun;
        this.progress = progress;
        this.shutdown = shutdown;
        this.launcher = launcher;
    }

    public enum Outcome {STARTED, RESTARTED, RECOVERED_AND_RESTARTED, ALREADY_COMPLETE}

    /** @param execution the execution started (live: its status changes as the run goes on), or the last one */
    public record Launch(long runId, JobExecution execution, Outcome outcome, String note) {
    }

    /**
     * @param recover also recover an execution whose owner cannot be checked from here (another host):
     *                the operator vouches that it is dead
     * @throws RunInProgressException when the run is being executed by a live process
     */
    public Launch launch(PrintRunParameters run, boolean recover) throws Exception {
        return launch(run, recover, System.getProperty("user.name"));
    }

    /** @param startedBy who starts it, recorded with the run (not part of its identity) */
    public Launch launch(PrintRunParameters run, boolean recover, String startedBy) throws Exception {
        if (!run.trial() && !jp.kakekin.issuance.Finality.isFinal(run.dataCutoff(), clock.today())) {
            throw new PrintRunException("the %d %s run is not final: its data cutoff %s has not passed in Japan"
                    .formatted(run.year(), run.issue(), run.dataCutoff()));
        }
        JobParameters params = run.toJobParameters();
        JobInstance instance = repository.getJobInstance(PrintRunJob.NAME, params);
        if (instance != null && documents.getIfAvailable() != null
                && documents.getObject().voidOf(RunKeys.runName(instance.getInstanceId())).isPresent()) {
            throw new PrintRunException(("run %d was voided: start a new run (another --out or --run-date) "
                    + "to issue its documents again").formatted(instance.getInstanceId()));
        }
        // Start, restart, or recover and restart: the same for every bulk job (batch.RunLauncher).
        RunLauncher.Launch l;
        try {
            l = launcher.launch(job, params, new org.springframework.batch.core.job.parameters.JobParametersBuilder(params)
                    .addString(STARTED_BY, startedBy == null ? "unknown" : startedBy, false).toJobParameters(), recover);
        } catch (RunLauncher.InProgress e) {
            throw new RunInProgressException(e.runId(), e.executionId(), e.status(), e.owner());
        } catch (RunLauncher.NotRestartable e) {
            throw new PrintRunException(e.getMessage());
        }
        return new Launch(l.runId(), l.execution(), Outcome.valueOf(l.outcome().name()), l.note());
    }

    /**
     * The run date of the newest unfinished run with otherwise the same parameters: a restart that does
     * not repeat {@code --run-date} must resume that run, not start a new one dated today.
     */
    public Optional<LocalDate> unfinishedRunDate(PrintRunParameters run) {
        for (JobInstance instance : repository.getJobInstances(PrintRunJob.NAME, 0, 200)) {
            JobExecution last = repository.getLastJobExecution(instance);
            if (last == null || last.getStatus() == BatchStatus.COMPLETED || last.getStatus() == BatchStatus.ABANDONED) {
                continue;
            }
            PrintRunParameters p;
            try {
                p = PrintRunParameters.from(last.getJobParameters());
            } catch (RuntimeException e) {
                continue;
            }
            if (p.sameRunAs(run)) {
                return Optional.of(p.runDate());
            }
        }
        return Optional.empty();
    }

    /** Current state of a run, from the job repository, the live progress and the files it wrote. */
    public Optional<RunStatus> status(long runId) {
        JobInstance instance = repository.getJobInstance(runId);
        if (instance == null || !PrintRunJob.NAME.equals(instance.getJobName())) {
            return Optional.empty();
        }
        JobExecution last = repository.getJobExecution(repository.getLastJobExecution(instance).getId());
        PrintRunParameters run = PrintRunParameters.from(last.getJobParameters());
        var ctx = last.getExecutionContext();
        long records = ctx.getLong(RunKeys.INPUT_RECORDS, -1);
        long calculated = 0;
        for (int i = 0; ; i++) {
            StepExecution s = repository.getLastStepExecution(instance, PrintRunJob.CALCULATE_WORKER + ":p" + i);
            if (s == null) {
                break;
            }
            calculated += s.getExecutionContext().getLong(LedgerLineReader.RECORDS, 0);
        }
        RunFolder folder = new RunFolder(run.out());
        RunSummary summary = Files.exists(folder.summary()) ? RunSummary.read(folder.summary()) : null;
        int batches = ctx.getInt(RunKeys.SORT_BATCHES, -1);
        List<RunStatus.Step> steps = new ArrayList<>();
        for (String name : List.of(PrintRunJob.PREPARE, PrintRunJob.CALCULATE, PrintRunJob.SORT, PrintRunJob.PRINT,
                PrintRunJob.REPORT, PrintRunJob.CLEANUP)) {
            StepExecution s = repository.getLastStepExecution(instance, name);
            if (s != null) {
                steps.add(new RunStatus.Step(name, s.getStatus().name(), s.getStartTime(), s.getEndTime()));
            }
        }
        RunStatus.Live live = progress.of(last.getId())
                .map(p -> new RunStatus.Live(p.name(), p.done(), p.total(), p.ratePerSecond(), p.etaSeconds()))
                .orElse(null);
        String exit = last.getExitStatus().getExitDescription();
        return Optional.of(new RunStatus(runId, last.getId(), repository.getJobExecutions(instance).size(),
                last.getStatus().name(), last.getExitStatus().getExitCode(),
                exit == null || exit.isEmpty() ? null : firstLine(exit), RunStatus.Parameters.of(run), last.getStartTime(), last.getEndTime(),
                records, calculated, ctx.getLong(RunKeys.SORT_MERGED, -1), batches,
                summary != null ? summary.batches() : countPrintedBatches(folder), steps, live, summary));
    }

    private static int countPrintedBatches(RunFolder folder) {
        if (!Files.isDirectory(folder.printDir())) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder.printDir())) {
            return (int) files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("batch-") && n.endsWith(".csv") && !n.endsWith(".excluded.csv")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /**
     * One line of the run list ({@code runs}, {@code GET /api/v1/runs}).
     *
     * @param state     the job's status, or VOID for a voided run
     * @param startedBy who launched it (OS user of the command, operator of the API)
     * @param registered documents of the run in the register now (0 once voided)
     */
    public record RunListing(long runId, String issue, int year, LocalDate runDate, boolean trial, String state,
                             Long issued, Long excluded, long registered, String startedBy, String out,
                             String voidReason) {
    }

    /** Every print run, newest first. */
    public java.util.List<RunListing> list() {
        java.util.List<RunListing> all = new ArrayList<>();
        for (JobInstance instance : repository.getJobInstances(PrintRunJob.NAME, 0, 10_000)) {
            JobExecution last = repository.getLastJobExecution(instance);
            if (last == null) {
                continue;
            }
            PrintRunParameters p;
            try {
                p = PrintRunParameters.from(last.getJobParameters());
            } catch (RuntimeException e) {
                continue;
            }
            RunFolder folder = new RunFolder(p.out());
            RunSummary summary = Files.exists(folder.summary()) ? RunSummary.read(folder.summary()) : null;
            String run = RunKeys.runName(instance.getInstanceId());
            IssuedDocuments register = documents.getIfAvailable();
            Optional<IssuedDocuments.RunVoid> voided = register == null ? Optional.empty() : register.voidOf(run);
            all.add(new RunListing(instance.getInstanceId(), p.issue().name(), p.year(), p.runDate(), p.trial(),
                    voided.isPresent() ? "VOID" : last.getStatus().name(),
                    summary == null ? null : summary.issued(), summary == null ? null : summary.excluded(),
                    register == null ? 0 : register.countOfRun(run),
                    last.getJobParameters().getString(STARTED_BY), p.out().toString(),
                    voided.map(IssuedDocuments.RunVoid::reason).orElse(null)));
        }
        all.sort(java.util.Comparator.comparingLong(RunListing::runId).reversed());
        return all;
    }

    /**
     * Voids a finished run (audited): its documents leave the register, so they no longer count as issued
     * and a new run issues them again; its folder gets a VOID.txt saying who, when and why.
     *
     * @throws PrintRunException when there is no such run, it is running, or it is void already
     */
    public IssuedDocuments.RunVoid voidRun(long runId, String reason, String actor) {
        if (reason == null || reason.isBlank()) {
            throw new PrintRunException("a void needs a reason");
        }
        JobInstance instance = repository.getJobInstance(runId);
        if (instance == null || !PrintRunJob.NAME.equals(instance.getJobName())) {
            throw new PrintRunException("no print run " + runId);
        }
        JobExecution last = repository.getLastJobExecution(instance);
        if (last.getStatus().isRunning()) {
            throw new PrintRunException("run %d is %s: stop it before voiding it".formatted(runId, last.getStatus()));
        }
        IssuedDocuments register = documents.getIfAvailable();
        if (register == null) {
            throw new PrintRunException("no store: nothing of run " + runId + " was registered");
        }
        IssuedDocuments.RunVoid voided;
        try {
            voided = tx.getObject().execute(s -> register.voidRun(RunKeys.runName(runId), reason.strip(),
                    actor, clock.now()));
        } catch (IllegalStateException e) {
            throw new PrintRunException(e.getMessage());
        }
        PrintRunParameters p = PrintRunParameters.from(last.getJobParameters());
        try {
            Files.createDirectories(p.out());
            Files.writeString(p.out().resolve("VOID.txt"), """
                    VOID: print run %d (%d %s, run date %s) was voided on %s by %s.
                    Reason: %s
                    %d documents left the register of issued documents; none of this folder's pages is valid.
                    A new run (another --out or --run-date) issues them again.
                    """.formatted(runId, p.year(), p.issue(), p.runDate(), voided.voidedAt(), actor, voided.reason(),
                    voided.documents()), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("run " + runId + " is void in the register, but " + p.out()
                    + " could not be marked: " + e.getMessage(), e);
        }
        return voided;
    }

    /** The live progress of an execution of this JVM (for the CLI's progress line). */
    public Optional<PrintRunProgress.Phase> progress(long executionId) {
        return progress.of(executionId);
    }

    /**
     * Whether the execution is over as far as the job repository is concerned: its end time is stored by
     * the job's very last update, so a caller that waits for this may close the application safely.
     */
    public boolean finished(long executionId) {
        JobExecution stored = repository.getJobExecution(executionId);
        return stored != null && stored.getEndTime() != null && !stored.getStatus().isRunning();
    }
}
