package jp.kakekin.print;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Records which process executes the run (so a restart can tell a run whose process died from one
 * still running) and how its partitions run, and opens the progress phases of the calculate and print
 * steps.
 */
class PrintRunListener implements JobExecutionListener, StepExecutionListener {

    /** How this execution's partitions run (local threads or remote workers), for whoever reads the repository. */
    static final String PARTITIONING = "print.partitioning";

    private final JobRepository jobRepository;
    private final PrintRunProgress progress;
    private final PrintRunProperties properties;

    PrintRunListener(JobRepository jobRepository, PrintRunProgress progress, PrintRunProperties properties) {
        this.jobRepository = jobRepository;
        this.progress = progress;
        this.properties = properties;
    }

    @Override
    public void beforeJob(JobExecution job) {
        job.getExecutionContext().putString(RunKeys.OWNER, RunOwner.current().toString());
        job.getExecutionContext().putString(PARTITIONING, properties.partitioning().name().toLowerCase(java.util.Locale.ROOT));
        jobRepository.updateExecutionContext(job);
    }

    @Override
    public void afterJob(JobExecution job) {
        progress.end(job.getId());
    }

    @Override
    public void beforeStep(StepExecution step) {
        ExecutionContext ctx = step.getJobExecution().getExecutionContext();
        long execution = step.getJobExecutionId();
        switch (step.getStepName()) {
            case PrintRunJob.CALCULATE -> progress.begin(execution, PrintRunJob.CALCULATE, ctx.getLong(RunKeys.INPUT_RECORDS, 0));
            case PrintRunJob.PRINT -> progress.begin(execution, PrintRunJob.PRINT, ctx.getLong(RunKeys.SORT_MERGED, 0));
            default -> {
            }
        }
    }
}
