package jp.kakekin.batch;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

import java.util.Optional;

/**
 * Starts or resumes a run of any bulk job the way the print run does (docs/print-run.md, "Restart"): the
 * same identifying parameters name the same run. A completed run is not run again; a failed or stopped one
 * is restarted (completed steps skipped, partitions resumed after their last commit); one left STARTED by a
 * process that is gone (kill -9: same host, pid no longer alive, or the operator says so with
 * {@code recover}) is marked FAILED ({@link JobOperator#recover}) and restarted; one still executed by a live
 * process is refused.
 */
@org.springframework.stereotype.Component
public final class RunLauncher {

    public enum Outcome {STARTED, RESTARTED, RECOVERED_AND_RESTARTED, ALREADY_COMPLETE}

    /** @param execution the execution started (live), or the completed one */
    public record Launch(long runId, JobExecution execution, Outcome outcome, String note) {
    }

    /** The run is being executed by a live process (or one that cannot be checked from here). */
    public static final class InProgress extends RuntimeException {
        private final long runId;
        private final long executionId;
        private final BatchStatus status;
        private final String owner;

        InProgress(long runId, long executionId, BatchStatus status, String owner) {
            super(("run %d (execution %d) is %s in %s; if that process is dead (another host), start it again with "
                    + "--recover").formatted(runId, executionId, status, owner));
            this.runId = runId;
            this.executionId = executionId;
            this.status = status;
            this.owner = owner;
        }

        public long runId() {
            return runId;
        }

        public long executionId() {
            return executionId;
        }

        public BatchStatus status() {
            return status;
        }

        public String owner() {
            return owner;
        }
    }

    /** The run's last execution is in a state Spring Batch does not restart (ABANDONED, UNKNOWN). */
    public static final class NotRestartable extends IllegalStateException {
        NotRestartable(String message) {
            super(message);
        }
    }

    private final JobOperator operator;
    private final JobRepository repository;
    private final RunShutdown shutdown;

    public RunLauncher(JobOperator operator, JobRepository repository, RunShutdown shutdown) {
        this.operator = operator;
        this.repository = repository;
        this.shutdown = shutdown;
    }

    /**
     * @param identifying the run's identity
     * @param full        the same plus non-identifying parameters (who started it, …), for a first start
     */
    public Launch launch(Job job, JobParameters identifying, JobParameters full, boolean recover) throws Exception {
        shutdown.launched(); // SIGTERM from now on stops the run cleanly
        JobInstance instance = repository.getJobInstance(job.getName(), identifying);
        if (instance == null) {
            JobExecution e = operator.start(job, full);
            return new Launch(e.getJobInstanceId(), e, Outcome.STARTED, null);
        }
        JobExecution last = repository.getJobExecution(repository.getLastJobExecution(instance).getId());
        BatchStatus status = last.getStatus();
        if ((status == BatchStatus.STOPPED || status == BatchStatus.FAILED)
                && last.getStepExecutions().stream().anyMatch(s -> s.getStatus().isRunning())) {
            status = BatchStatus.STARTED; // stopped, but the process exited before every step recorded it: as a kill
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
                    throw new InProgress(instance.getInstanceId(), last.getId(), status,
                            owner.map(RunOwner::toString).orElse("an unknown process"));
                }
                JobExecution e = operator.restart(operator.recover(last));
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
                throw new NotRestartable(("run %d is %s and cannot be restarted: start a new run (another run date or "
                        + "output folder)").formatted(instance.getInstanceId(), status));
        }
    }

    /** Whether the execution has ended in the repository (the job and every step). */
    public boolean finished(long executionId) {
        JobExecution e = repository.getJobExecution(executionId);
        return e == null || !e.getStatus().isRunning() && e.getStepExecutions().stream().noneMatch(s -> s.getStatus().isRunning());
    }
}
