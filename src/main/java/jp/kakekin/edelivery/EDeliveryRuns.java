package jp.kakekin.edelivery;

import jp.kakekin.batch.LedgerLineReader;
import jp.kakekin.batch.RunKeys;
import jp.kakekin.batch.RunLauncher;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts, resumes and reports e-私書箱 runs ({@link EDeliveryRunJob}); the run id is the job instance id. The
 * same parameters again resume a run that failed, was stopped (SIGTERM) or killed, and do nothing after a
 * completed one ({@link RunLauncher}).
 */
@Service
public class EDeliveryRuns {

    private final RunLauncher launcher;
    private final JobRepository repository;
    private final Job job;

    private final org.springframework.beans.factory.ObjectProvider<jp.kakekin.store.IssuedDocuments> documents;

    public EDeliveryRuns(RunLauncher launcher, JobRepository repository, @Qualifier("eDeliveryRun") Job eDeliveryRun,
                         org.springframework.beans.factory.ObjectProvider<jp.kakekin.store.IssuedDocuments> documents) {
        this.documents = documents;
        this.launcher = launcher;
        this.repository = repository;
        this.job = eDeliveryRun;
    }

    public RunLauncher.Launch launch(EDeliveryRunParameters run, boolean recover, String startedBy) throws Exception {
        JobInstance instance = repository.getJobInstance(EDeliveryRunJob.NAME, run.identifying());
        if (instance != null && documents.getIfAvailable() != null
                && documents.getObject().voidOf(EDeliveryRunCatalog.runName(instance.getInstanceId())).isPresent()) {
            throw new IllegalStateException(("run %d was voided: start a new run (another --out or --run-date)")
                    .formatted(instance.getInstanceId()));
        }
        return launcher.launch(job, run.identifying(), run.toJobParameters(startedBy), recover);
    }

    public boolean finished(long executionId) {
        return launcher.finished(executionId);
    }

    /**
     * The run date (and sakuseiDay) of the newest unfinished run with otherwise the same parameters: a restart
     * that does not repeat {@code --run-date} resumes it instead of starting a new run dated today.
     */
    public Optional<EDeliveryRunParameters> unfinished(EDeliveryRunParameters run) {
        for (JobInstance instance : repository.getJobInstances(EDeliveryRunJob.NAME, 0, 200)) {
            JobExecution last = repository.getLastJobExecution(instance);
            if (last == null || last.getStatus() == BatchStatus.COMPLETED || last.getStatus() == BatchStatus.ABANDONED) {
                continue;
            }
            try {
                EDeliveryRunParameters p = EDeliveryRunParameters.from(last.getJobParameters());
                if (p.sameRunAs(run)) {
                    return Optional.of(p);
                }
            } catch (RuntimeException ignored) {
                // not a run of this build
            }
        }
        return Optional.empty();
    }

    /** Records done and to do, from what the partitions committed to the job repository (local or remote alike). */
    public record Progress(long done, long total) {
    }

    public Progress progress(long runId) {
        JobInstance instance = repository.getJobInstance(runId);
        if (instance == null) {
            return new Progress(0, 0);
        }
        JobExecution last = repository.getJobExecution(repository.getLastJobExecution(instance).getId());
        long total = last.getExecutionContext().getLong(RunKeys.INPUT_RECORDS, 0);
        long done = 0;
        for (int i = 0; ; i++) {
            StepExecution s = repository.getLastStepExecution(instance, EDeliveryRunJob.EXPORT_WORKER + ":p" + i);
            if (s == null) {
                break;
            }
            done += s.getExecutionContext().getLong(LedgerLineReader.RECORDS, 0);
        }
        return new Progress(done, total);
    }

    /**
     * One e-私書箱 run of the runs list ({@code runs}, {@code GET /api/v1/runs}).
     *
     * @param delivered null until the package is assembled
     */
    public record Listing(long runId, String issue, int year, LocalDate runDate, String state, Long delivered,
                          Long excluded, String startedBy, Path out, Path zip, LocalDateTime started) {
    }

    /** Every e-私書箱 run, newest first. */
    public List<Listing> list() {
        List<Listing> all = new ArrayList<>();
        for (JobInstance instance : repository.getJobInstances(EDeliveryRunJob.NAME, 0, 10_000)) {
            JobExecution last = repository.getLastJobExecution(instance);
            if (last == null) {
                continue;
            }
            EDeliveryRunParameters p;
            try {
                p = EDeliveryRunParameters.from(last.getJobParameters());
            } catch (RuntimeException e) {
                continue;
            }
            var ctx = last.getExecutionContext();
            all.add(new Listing(instance.getInstanceId(),
                    p.issue() == jp.kakekin.calc.DocumentKind.NOVEMBER_CERTIFICATE ? "NOVEMBER" : "FEBRUARY", p.year(),
                    p.runDate(), last.getStatus().name(),
                    ctx.containsKey(EDeliveryRunTasklets.DELIVERED) ? ctx.getLong(EDeliveryRunTasklets.DELIVERED) : null,
                    ctx.containsKey(EDeliveryRunTasklets.EXCLUDED) ? ctx.getLong(EDeliveryRunTasklets.EXCLUDED) : null,
                    last.getJobParameters().getString(EDeliveryRunParameters.STARTED_BY), p.out(),
                    p.out().resolve(p.run().packageName() + ".zip"), last.getStartTime()));
        }
        all.sort(java.util.Comparator.comparingLong(Listing::runId).reversed());
        return all;
    }
}
