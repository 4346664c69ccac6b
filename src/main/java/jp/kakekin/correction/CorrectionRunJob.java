package jp.kakekin.correction;

import jp.kakekin.batch.RunOwnerListener;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The corrections run ({@code corrections-run}) as a Spring Batch job of one step, so that it has a run id in
 * the runs list ({@code runs}, {@code GET /api/v1/runs}, kind {@code corrections}), who started it, its state
 * and counts, and can be voided ({@link CorrectionRuns}). The step is {@link CorrectionRun#run}: it keeps its
 * own transactions (the register in one transaction once the PDFs are written), so the step itself runs
 * without one.
 */
@Configuration(proxyBeanMethods = false)
public class CorrectionRunJob {

    public static final String NAME = "corrections-run";
    static final String STEP = "corrections";

    /** Counts in the job execution context (the runs list reads them). */
    static final String CORRECTED = "corrections.corrected";
    static final String UNCHANGED = "corrections.unchanged";
    static final String EXCLUDED = "corrections.excluded";
    static final String REGISTERED = "corrections.registered";
    static final String RECONCILED = "corrections.reconciled";

    @Bean
    Job correctionsRun(JobRepository repository, @Qualifier("correctionsRunStep") Step step) {
        return new JobBuilder(NAME, repository).listener(new RunOwnerListener(repository)).start(step).build();
    }

    @Bean
    Step correctionsRunStep(JobRepository repository, ObjectProvider<CorrectionRun> run,
                            ObjectProvider<ElectronicCopies> electronic) {
        return new StepBuilder(STEP, repository).tasklet((StepContribution c, ChunkContext chunk) -> {
            JobExecution job = chunk.getStepContext().getStepExecution().getJobExecution();
            CorrectionRun.Parameters p = CorrectionRuns.parameters(job.getJobParameters())
                    .withRun(CorrectionRuns.runName(job.getJobInstanceId()));
            CorrectionSummary summary;
            try {
                summary = run.getObject().run(p, electronic.getIfAvailable(() -> ElectronicCopies.NONE));
            } catch (CorrectionRun.AlreadyRun done) {
                // finished before the job could record it (a restart after the report was written)
                summary = CorrectionRuns.readSummary(done.summary());
            }
            ExecutionContext ctx = job.getExecutionContext();
            ctx.putLong(CORRECTED, summary.corrected());
            ctx.putLong(UNCHANGED, summary.unchanged());
            ctx.putLong(EXCLUDED, summary.excluded());
            ctx.putLong(REGISTERED, summary.registered());
            ctx.putString(RECONCILED, String.valueOf(summary.reconciled()));
            repository.updateExecutionContext(job);
            return RepeatStatus.FINISHED;
        }, new ResourcelessTransactionManager()).build();
    }
}
