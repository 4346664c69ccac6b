package jp.kakekin.print;

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

    public PrintRuns(JobOperator operator, JobRepository repository, Job printRun, PrintRunProgress progress,
                     RunShutdown shutdown) {
        this.operator = operator;
        this.repository = repository;
        this.job = printRun;
        this.progress = progress;
        this.shutdown = shutdown;
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
        JobParameters params = run.toJobParameters();
        shutdown.launched(); // SIGTERM from now on stops the run cleanly
        JobInstance instance = repository.getJobInstance(PrintRunJob.NAME, params);
        if (instance == null) {
            JobExecution e = operator.start(job, params);
            return new Launch(e.getJobInstanceId(), e, Outcome.STARTED, null);
        }
        JobExecution last = repository.getJobExecution(repository.getLastJobExecution(instance).getId());
        BatchStatus status = last.getStatus();
        if ((status == BatchStatus.STOPPED || status == BatchStatus.FAILED)
                && last.getStepExecutions().stream().anyMatch(s -> s.getStatus().isRunning())) {
            // Stopped (SIGTERM) but the process exited before every step had recorded its stop: its steps
            // still say STARTED, which Spring Batch takes for a running execution. Same case as a kill.
            status = BatchStatus.STARTED;
        }
        switch (status) {
            case COMPLETED:
                return new Launch(instance.getInstanceId(), last, Outcome.ALREADY_COMPLETE,
                        "run %d completed on %s".formatted(instance.getInstanceId(), last.getEndTime()));
            case STARTING, STARTED, STOPPING: {
                Optional<RunOwner> owner = RunOwner.parse(last.getExecutionContext().containsKey(RunKeys.OWNER)
                        ? last.getExecutionContext().getString(RunKeys.OWNER) : null);
                boolean dead = owner.map(o -> o.isThisHost() && !o.isAlive()).orElse(false);
                if (!dead && !recover) {
                    throw new RunInProgressException(instance.getInstanceId(), last.getId(), status,
                            owner.map(RunOwner::toString).orElse("an unknown process"));
                }
                JobExecution recovered = operator.recover(last);
                JobExecution e = operator.restart(recovered);
                return new Launch(instance.getInstanceId(), e, Outcome.RECOVERED_AND_RESTARTED,
                        "execution %d (%s, owner %s) was left %s by a process that is gone; marked FAILED and restarted"
                                .formatted(last.getId(), status, owner.map(RunOwner::toString).orElse("unknown"), status));
            }
            case FAILED, STOPPED: {
                JobExecution e = operator.restart(last);
                return new Launch(instance.getInstanceId(), e, Outcome.RESTARTED,
                        "execution %d had %s; restarted".formatted(last.getId(), status));
            }
            default:
                throw new PrintRunException("run %d is %s and cannot be restarted: start a new run (another run date or output folder)"
                        .formatted(instance.getInstanceId(), status));
        }
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
                PrintRunJob.REGISTER, PrintRunJob.REPORT, PrintRunJob.CLEANUP)) {
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
