package jp.kakekin.print;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.OptimisticLockingFailureException;

import java.util.Map;

/**
 * Executes partitions of print runs that share the job repository ({@code partitioning:
 * shared-repository}), in this JVM or any other connected to the same database: it claims a waiting
 * partition (status STARTING) by moving it to STARTED — the repository's optimistic lock lets exactly
 * one claimant win — and runs the partition's worker step on it. Everything a partition needs is in its
 * step execution context and the shared files; its progress is saved in the repository at every commit
 * as in a local run.
 */
public class PartitionWorker {

    private static final Logger log = LoggerFactory.getLogger(PartitionWorker.class);

    static final String WORKER = "print.worker";

    private final JobRepository repository;
    private final Map<String, Step> steps;

    /** @param steps the worker steps, by the name their partitions carry before {@code :} */
    PartitionWorker(JobRepository repository, Map<String, Step> steps) {
        this.repository = repository;
        this.steps = Map.copyOf(steps);
    }

    /** Claims and executes one waiting partition of any running print run; false when there was none. */
    public boolean runOne() {
        for (JobExecution running : repository.findRunningJobExecutions(PrintRunJob.NAME)) {
            if (runOne(running.getId())) {
                return true;
            }
        }
        return false;
    }

    /** Claims and executes one waiting partition of the given job execution; false when there was none. */
    boolean runOne(long jobExecutionId) {
        JobExecution job = repository.getJobExecution(jobExecutionId);
        if (job == null || !PrintRunListener.SHARED.equals(job.getExecutionContext().getString(PrintRunListener.PARTITIONING, ""))) {
            return false; // partitions of a local run belong to its own threads
        }
        for (StepExecution partition : job.getStepExecutions()) {
            if (partition.getStatus() != BatchStatus.STARTING
                    || !partition.getExecutionContext().containsKey(RunKeys.PARTITION)) {
                // Not waiting, or just created: the splitter stores a partition, then its context.
                continue;
            }
            String name = partition.getStepName();
            int colon = name.indexOf(':');
            Step step = colon < 0 ? null : steps.get(name.substring(0, colon));
            if (step == null) {
                continue;
            }
            partition.setStatus(BatchStatus.STARTED);
            try {
                repository.update(partition);
            } catch (OptimisticLockingFailureException e) {
                continue; // another worker claimed it first
            }
            partition.getExecutionContext().putString(WORKER, RunOwner.current().toString());
            log.info("print-worker {}: executing {} of run {} (execution {})", RunOwner.current(), name,
                    job.getJobInstanceId(), job.getId());
            try {
                step.execute(partition);
            } catch (JobInterruptedException e) {
                // The run was asked to stop: the partition is left STOPPED for its restart.
                log.info("print-worker {}: {} stopped", RunOwner.current(), name);
                return true;
            }
            log.info("print-worker {}: {} of run {} {}", RunOwner.current(), name, job.getJobInstanceId(),
                    partition.getStatus());
            return true;
        }
        return false;
    }
}
