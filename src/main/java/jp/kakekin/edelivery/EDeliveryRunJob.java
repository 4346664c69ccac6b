package jp.kakekin.edelivery;

import jp.kakekin.batch.LedgerLine;
import jp.kakekin.batch.LedgerLineReader;
import jp.kakekin.batch.Partitions;
import jp.kakekin.batch.RemotePartitioning;
import jp.kakekin.batch.InputScan;
import jp.kakekin.batch.RunKeys;
import jp.kakekin.batch.RunOwnerListener;
import jp.kakekin.issuance.Issuer;
import jp.kakekin.issuance.JapanClock;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The e-私書箱 run as a restartable Spring Batch job, {@code e-delivery-run}: prepare → export (partitioned
 * by byte ranges of the ledger, local threads or remote workers like the print run) → assemble (duplicate
 * check across the run, the package) → cleanup. A partition resumes after its last commit; the package is
 * written only from committed chunks, so every record is in it exactly once whatever was killed when.
 */
@Configuration(proxyBeanMethods = false)
public class EDeliveryRunJob {

    public static final String NAME = "e-delivery-run";
    static final String PREPARE = "e-delivery-prepare";
    static final String EXPORT = "e-delivery-export";
    static final String EXPORT_WORKER = "e-delivery-partition";
    static final String ASSEMBLE = "e-delivery-assemble";
    static final String CLEANUP = "e-delivery-cleanup";

    @Bean
    Job eDeliveryRun(JobRepository repository, @Qualifier("eDeliveryRunPrepare") Step prepare,
                     @Qualifier("eDeliveryRunExport") Step export, @Qualifier("eDeliveryRunAssemble") Step assemble,
                     @Qualifier("eDeliveryRunCleanup") Step cleanup) {
        return new JobBuilder(NAME, repository).listener(new RunOwnerListener(repository))
                .start(prepare).next(export).next(assemble).next(cleanup).build();
    }

    @Bean
    Step eDeliveryRunPrepare(JobRepository repository, PlatformTransactionManager tx, EDeliveryRunProperties properties,
                             jp.kakekin.config.LedgerProperties ledger) {
        return new StepBuilder(PREPARE, repository).tasklet(EDeliveryRunTasklets.prepare(repository, properties.workers(),
                        ledger.maxLineBytesOrDefault()), tx)
                .allowStartIfComplete(true).build();
    }

    @Bean
    Step eDeliveryRunExport(JobRepository repository, @Qualifier("eDeliveryRunExportPartition") Step worker,
                            @Qualifier("eDeliveryPartitioner") Partitioner partitioner, EDeliveryRunProperties properties,
                            @Qualifier(EDeliveryRunRemote.BEAN) ObjectProvider<RemotePartitioning> remote) {
        return Partitions.partitioned(EXPORT, EXPORT_WORKER, partitioner, worker, properties.workers(), repository,
                new StepExecutionListener() {
                }, properties.isRemote() ? remote.getObject() : null);
    }

    @Bean
    Step eDeliveryRunExportPartition(JobRepository repository, PlatformTransactionManager tx,
                                     EDeliveryRunProperties properties, ListableBeanFactory beans,
                                     @Qualifier("eDeliveryLedgerReader") ItemStreamReader<LedgerLine> reader,
                                     @Qualifier("eDeliveryExportProcessor") ItemProcessor<LedgerLine, StagedOutcome> processor,
                                     @Qualifier("eDeliveryChunkWriter") ItemStreamWriter<StagedOutcome> writer,
                                     @Qualifier(EDeliveryRunRemote.BEAN) ObjectProvider<RemotePartitioning> remote) {
        return Partitions.workerStep(EXPORT_WORKER, repository, beans, properties.isRemote() ? remote.getObject() : null)
                .<LedgerLine, StagedOutcome>chunk(properties.chunkSize())
                .transactionManager(tx)
                .reader(reader)
                .processor(processor)
                .writer(writer)
                .build();
    }

    /** The byte ranges found by the prepare step's scan, one partition each ({@code p0}, {@code p1}, …: stable names). */
    @Bean
    @StepScope
    Partitioner eDeliveryPartitioner(@Value("#{jobExecutionContext['" + RunKeys.INPUT_SPLITS + "']}") String splits) {
        return gridSize -> {
            Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
            List<InputScan.Split> parts = InputScan.Split.parse(splits);
            for (int i = 0; i < parts.size(); i++) {
                ExecutionContext ctx = new ExecutionContext();
                ctx.putInt(RunKeys.PARTITION, i);
                ctx.putLong(RunKeys.START, parts.get(i).start());
                ctx.putLong(RunKeys.END, parts.get(i).end());
                ctx.putLong(RunKeys.FIRST_LINE, parts.get(i).firstLine());
                partitions.put("p" + i, ctx);
            }
            return partitions;
        };
    }

    @Bean
    @StepScope
    LedgerLineReader eDeliveryLedgerReader(@Value("#{stepExecution}") StepExecution step,
                                                       jp.kakekin.config.LedgerProperties ledger) {
        ExecutionContext ctx = step.getExecutionContext();
        EDeliveryRunParameters run = EDeliveryRunParameters.from(step.getJobParameters());
        return new LedgerLineReader(run.input(), ctx.getLong(RunKeys.START), ctx.getLong(RunKeys.END),
                ctx.getLong(RunKeys.FIRST_LINE), ledger.maxLineBytesOrDefault(), null);
    }

    @Bean
    @StepScope
    ExportProcessor eDeliveryExportProcessor(@Value("#{stepExecution}") StepExecution step,
                                                                     Issuer issuer, EDeliveryService service) {
        EDeliveryRunParameters run = EDeliveryRunParameters.from(step.getJobParameters());
        java.util.Set<String> repeated;
        try {
            repeated = RepeatedContracts.read(run.workDir().resolve(RepeatedContracts.FILE));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new ExportProcessor(issuer, service.unarchivedExporter(), service.archive(), repeated, run);
    }

    @Bean
    @StepScope
    StagedChunkWriter eDeliveryChunkWriter(@Value("#{stepExecution}") StepExecution step) {
        EDeliveryRunParameters run = EDeliveryRunParameters.from(step.getJobParameters());
        return new StagedChunkWriter(run.workDir().resolve(EDeliveryRunTasklets.CHUNKS),
                step.getExecutionContext().getInt(RunKeys.PARTITION));
    }

    @Bean
    Step eDeliveryRunAssemble(JobRepository repository, PlatformTransactionManager tx, EDeliveryService service,
                              JapanClock clock) {
        return new StepBuilder(ASSEMBLE, repository).tasklet(EDeliveryRunTasklets.assemble(repository, service, clock), tx)
                .build();
    }

    @Bean
    Step eDeliveryRunCleanup(JobRepository repository, PlatformTransactionManager tx, EDeliveryRunProperties properties) {
        return new StepBuilder(CLEANUP, repository).tasklet(EDeliveryRunTasklets.cleanup(properties.keepWorkFiles()), tx)
                .build();
    }
}
