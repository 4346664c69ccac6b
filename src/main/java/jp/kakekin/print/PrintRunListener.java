package jp.kakekin.print;

import jp.kakekin.batch.RunOwner;

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
        PrintRunProgress.Phase phase = switch (step.getStepName()) {
            case PrintRunJob.CALCULATE -> progress.begin(execution, PrintRunJob.CALCULATE, ctx.getLong(RunKeys.INPUT_RECORDS, 0));
            case PrintRunJob.PRINT -> progress.begin(execution, PrintRunJob.PRINT, ctx.getLong(RunKeys.SORT_MERGED, 0));
            default -> null;
        };
        if (phase != null && properties.isRemote()) {
            followRemotePartitions(step, phase);
        }
    }

    /**
     * Remote partitions count their progress in other JVMs: this JVM's progress line and metrics follow
     * what they commit to the job repository (records read; batches written × batch size, at most the total).
     */
    private void followRemotePartitions(StepExecution manager, PrintRunProgress.Phase phase) {
        String prefix = (manager.getStepName().equals(PrintRunJob.CALCULATE) ? PrintRunJob.CALCULATE_WORKER : PrintRunJob.PRINT_WORKER) + ":";
        boolean print = manager.getStepName().equals(PrintRunJob.PRINT);
        long batchSize = PrintRunParameters.from(manager.getJobParameters()).batchSize();
        long interval = properties.remote().pollInterval().toMillis();
        Thread.ofVirtual().name("print-progress-" + manager.getId()).start(() -> {
            long reported = 0;
            boolean first = true;
            while (true) {
                try {
                    Thread.sleep(interval);
                    JobExecution job = jobRepository.getJobExecution(manager.getJobExecutionId());
                    if (job == null) {
                        return;
                    }
                    long done = 0;
                    for (StepExecution p : job.getStepExecutions()) {
                        if (p.getStepName().startsWith(prefix)) {
                            done += print ? p.getWriteCount() * batchSize : p.getReadCount();
                        }
                    }
                    done = Math.min(done, phase.total());
                    if (first) {
                        phase.resume(done); // work of earlier executions (a restart)
                        first = false;
                    } else if (done > reported) {
                        phase.add(done - reported);
                    }
                    reported = Math.max(reported, done);
                    StepExecution stored = jobRepository.getStepExecution(manager.getId());
                    if (stored == null || !stored.getStatus().isRunning()) {
                        return;
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // The repository may be busy or restarting: the line just stays where it is for a while.
                }
            }
        });
    }
}
