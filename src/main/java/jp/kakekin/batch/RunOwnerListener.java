package jp.kakekin.batch;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Records which process executes a run ({@link RunKeys#OWNER}), so that a restart can tell a run whose
 * process died (kill -9) from one still running, and SIGTERM ({@link RunShutdown}) finds the runs it must stop.
 */
public class RunOwnerListener implements JobExecutionListener {

    private final JobRepository repository;

    public RunOwnerListener(JobRepository repository) {
        this.repository = repository;
    }

    @Override
    public void beforeJob(JobExecution job) {
        job.getExecutionContext().putString(RunKeys.OWNER, RunOwner.current().toString());
        repository.updateExecutionContext(job);
    }
}
