package jp.kakekin.print;

import io.micrometer.core.instrument.MeterRegistry;
import jp.kakekin.batch.LedgerLine;
import jp.kakekin.batch.LedgerLineReader;
import jp.kakekin.batch.Partitions;
import jp.kakekin.batch.RemotePartitioning;
import jp.kakekin.issuance.Issuer;
import jp.kakekin.document.CertificateViews;
import jp.kakekin.render.CertificatePdf;
import jp.kakekin.document.StatementViews;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.transaction.PlatformTransactionManager;
import jp.kakekin.store.IssuedDocuments;



/**
 * The {@code print-run} job: prepare → calculate (partitioned) → sort → print and register (partitioned) → report →
 * cleanup. Each step is restartable from the job repository: a completed step is skipped, a partition
 * resumes after its last commit, and every file is written under a temporary name and renamed.
 */
@Configuration(proxyBeanMethods = false)
public class PrintRunJob {

    public static final String NAME = "print-run";
    static final String PREPARE = "prepare";
    static final String CALCULATE = "calculate";
    static final String CALCULATE_WORKER = "calculate-partition";
    static final String SORT = "sort";
    static final String PRINT = "print";
    static final String PRINT_WORKER = "print-partition";
    static final String REPORT = "report";
    static final String CLEANUP = "cleanup";

    @Bean
    PrintRunProgress printRunProgress(ObjectProvider<MeterRegistry> meters) {
        return new PrintRunProgress(meters.getIfAvailable());
    }

    /** The renderer (jp.kakekin.render); lazy like it, so nothing loads fonts until a run prints. */
    @Bean
    @Lazy
    CertificatePrinter certificatePrinter(CertificateViews views, StatementViews statements, CertificatePdf pdf) {
        return new RenderedCertificatePrinter(views, statements, pdf);
    }

    @Bean
    PrintRunListener printRunListener(JobRepository jobRepository, PrintRunProgress progress, PrintRunProperties properties) {
        return new PrintRunListener(jobRepository, progress, properties);
    }

    @Bean
    Job printRun(JobRepository jobRepository, PrintRunListener listener,
                 @Qualifier("printRunPrepare") Step prepare, @Qualifier("printRunCalculate") Step calculate,
                 @Qualifier("printRunSort") Step sort, @Qualifier("printRunPrint") Step print,
                 @Qualifier("printRunReport") Step report,
                 @Qualifier("printRunCleanup") Step cleanup) {
        return new JobBuilder(NAME, jobRepository).listener(listener)
                .start(prepare).next(calculate).next(sort).next(print).next(report).next(cleanup)
                .build();
    }

    @Bean
    Step printRunPrepare(JobRepository jobRepository, PlatformTransactionManager tx, PrintRunProperties properties) {
        return new StepBuilder(PREPARE, jobRepository)
                .tasklet(new PrepareTasklet(jobRepository, properties.workers()), tx)
                .allowStartIfComplete(true)
                .build();
    }

    @Bean
    Step printRunCalculate(JobRepository jobRepository, @Qualifier("printRunCalculatePartition") Step worker,
                           LedgerPartitioner ledgerPartitioner, PrintRunProperties properties, PrintRunListener listener,
                           @Qualifier(PrintRunRemote.BEAN) ObjectProvider<RemotePartitioning> remote) {
        return Partitions.partitioned(CALCULATE, CALCULATE_WORKER, ledgerPartitioner, worker, properties.workers(),
                jobRepository, listener, remote(properties, remote));
    }

    @Bean
    Step printRunCalculatePartition(JobRepository jobRepository, PlatformTransactionManager tx,
                                    PrintRunProperties properties, LedgerLineReader ledgerLineReader,
                                    CertificateProcessor certificateProcessor, SortRunWriter sortRunWriter,
                                    ListableBeanFactory beans,
                                    @Qualifier(PrintRunRemote.BEAN) ObjectProvider<RemotePartitioning> remote) {
        return Partitions.workerStep(CALCULATE_WORKER, jobRepository, beans, remote(properties, remote))
                .<LedgerLine, Outcome>chunk(properties.chunkSize())
                .transactionManager(tx)
                .reader(ledgerLineReader)
                .processor(certificateProcessor)
                .writer(sortRunWriter)
                .build();
    }

    @Bean
    @StepScope
    LedgerPartitioner ledgerPartitioner(@Value("#{jobExecutionContext['" + RunKeys.INPUT_SPLITS + "']}") String splits) {
        return new LedgerPartitioner(splits);
    }

    @Bean
    @StepScope
    LedgerLineReader ledgerLineReader(@Value("#{stepExecution}") StepExecution step, PrintRunProgress progress,
                                      jp.kakekin.config.LedgerProperties ledger) {
        ExecutionContext ctx = step.getExecutionContext();
        PrintRunParameters run = PrintRunParameters.from(step.getJobParameters());
        return new LedgerLineReader(run.input(), ctx.getLong(RunKeys.START), ctx.getLong(RunKeys.END),
                ctx.getLong(RunKeys.FIRST_LINE), ledger.maxLineBytesOrDefault(),
                progress.current(step.getJobExecutionId(), CALCULATE));
    }

    @Bean
    @StepScope
    CertificateProcessor certificateProcessor(@Value("#{stepExecution}") StepExecution step, Issuer issuer,
                                              CertificatePrinter printer) {
        return new CertificateProcessor(issuer, PrintRunParameters.from(step.getJobParameters()), printer);
    }

    @Bean
    @StepScope
    SortRunWriter sortRunWriter(@Value("#{stepExecution}") StepExecution step, IssuedDocuments register) {
        PrintRunParameters run = PrintRunParameters.from(step.getJobParameters());
        return new SortRunWriter(new RunFolder(run.out()), step.getExecutionContext().getString(RunKeys.PARTITION),
                register, RunKeys.runName(step.getJobExecution().getJobInstanceId()));
    }

    @Bean
    Step printRunSort(JobRepository jobRepository, PlatformTransactionManager tx, PrintRunProperties properties) {
        return new StepBuilder(SORT, jobRepository)
                .tasklet(new SortTasklet(jobRepository, properties.mergeFanIn()), tx)
                .build();
    }

    @Bean
    Step printRunPrint(JobRepository jobRepository, @Qualifier("printRunPrintPartition") Step worker,
                       BatchPartitioner batchPartitioner, PrintRunProperties properties, PrintRunListener listener,
                       @Qualifier(PrintRunRemote.BEAN) ObjectProvider<RemotePartitioning> remote) {
        return Partitions.partitioned(PRINT, PRINT_WORKER, batchPartitioner, worker, properties.workers(),
                jobRepository, listener, remote(properties, remote));
    }

    @Bean
    Step printRunPrintPartition(JobRepository jobRepository, PlatformTransactionManager tx,
                                BatchSliceReader batchSliceReader, BatchPrintingProcessor batchPrintingProcessor,
                                PrintedBatchWriter printedBatchWriter, PrintRunProperties properties,
                                ListableBeanFactory beans,
                                @Qualifier(PrintRunRemote.BEAN) ObjectProvider<RemotePartitioning> remote) {
        // One batch per transaction: a batch is the unit that is published, and resumed after a kill.
        return Partitions.workerStep(PRINT_WORKER, jobRepository, beans, remote(properties, remote))
                .<BatchSlice, PrintedSlice>chunk(1)
                .transactionManager(tx)
                .reader(batchSliceReader)
                .processor(batchPrintingProcessor)
                .writer(printedBatchWriter)
                .build();
    }

    @Bean
    @StepScope
    BatchPartitioner batchPartitioner(@Value("#{jobExecutionContext['" + RunKeys.SORT_BATCHES + "']}") Integer batches) {
        return new BatchPartitioner(batches);
    }

    @Bean
    @StepScope
    BatchSliceReader batchSliceReader(@Value("#{stepExecution}") StepExecution step, PrintRunProgress progress) {
        PrintRunParameters run = PrintRunParameters.from(step.getJobParameters());
        ExecutionContext ctx = step.getExecutionContext();
        return new BatchSliceReader(new RunFolder(run.out()), ctx.getInt(RunKeys.PARTITION), ctx.getInt(RunKeys.PARTITIONS),
                progress.current(step.getJobExecutionId(), PRINT));
    }

    @Bean
    @StepScope
    BatchPrintingProcessor batchPrintingProcessor(@Value("#{stepExecution}") StepExecution step,
                                                  CertificatePrinter printer) {
        PrintRunParameters run = PrintRunParameters.from(step.getJobParameters());
        return new BatchPrintingProcessor(new RunFolder(run.out()), printer, run.runDate(), run.trial());
    }

    /**
     * Publishes each printed batch and registers its documents in the store's register, in the batch's
     * transaction, from the documents in memory (docs/print-run.md) — on every worker of the print step.
     */
    @Bean
    @StepScope
    PrintedBatchWriter printedBatchWriter(@Value("#{stepExecution}") StepExecution step, PrintRunProgress progress,
                                          IssuedDocuments register,
                                          ObjectProvider<jp.kakekin.archive.IssuedDocumentArchiver> archive,
                                          ObjectProvider<jp.kakekin.store.ContractStore> contracts) {
        PrintRunParameters run = PrintRunParameters.from(step.getJobParameters());
        jp.kakekin.archive.IssuedDocumentArchiver a = archive.getIfAvailable();
        // Archive copies (docs/archive.md) need the store's register to record them in; a trial has neither.
        PrintArchiver archiver = run.trial() || a == null || !register.available() ? null
                : new PrintArchiver(a, contracts.getIfAvailable());
        // A trial registers nothing: it never blocks the real run.
        return new PrintedBatchWriter(new RunFolder(run.out()), step.getJobExecution().getJobInstanceId(), run,
                progress.current(step.getJobExecutionId(), PRINT), run.trial() ? null : register, archiver);
    }

    @Bean
    Step printRunReport(JobRepository jobRepository, PlatformTransactionManager tx, PrintRunProgress progress) {
        return new StepBuilder(REPORT, jobRepository).tasklet(new ReportTasklet(progress), tx).build();
    }

    @Bean
    Step printRunCleanup(JobRepository jobRepository, PlatformTransactionManager tx, PrintRunProperties properties) {
        return new StepBuilder(CLEANUP, jobRepository).tasklet(new CleanupTasklet(properties.keepWorkFiles()), tx).build();
    }

    private static jp.kakekin.batch.RemotePartitioning remote(PrintRunProperties properties,
                                                             ObjectProvider<jp.kakekin.batch.RemotePartitioning> remote) {
        return properties.isRemote() ? remote.getObject() : null;
    }
}
