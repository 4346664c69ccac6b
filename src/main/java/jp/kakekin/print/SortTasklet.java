package jp.kakekin.print;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Merges the sort runs of all partitions into one postal order and cuts it into print batches. Its
 * outputs are written whole and renamed, so a sort killed half-way is simply done again on restart.
 */
class SortTasklet implements Tasklet {

    private final JobRepository jobRepository;
    private final int fanIn;

    SortTasklet(JobRepository jobRepository, int fanIn) {
        this.jobRepository = jobRepository;
        this.fanIn = fanIn;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        JobExecution job = chunkContext.getStepContext().getStepExecution().getJobExecution();
        PrintRunParameters run = PrintRunParameters.from(job.getJobParameters());
        RunFolder folder = new RunFolder(run.out());
        List<Path> chunks;
        try (Stream<Path> files = Files.list(folder.calcDir())) {
            chunks = files.filter(p -> p.getFileName().toString().endsWith(".chunk")).sorted().toList();
        }
        ExternalMerge.Result r = new ExternalMerge(fanIn, 1 << 16).merge(chunks, folder, run.batchSize());
        ExecutionContext ctx = job.getExecutionContext();
        ctx.putLong(RunKeys.SORT_ISSUED, r.issuedInChunks());
        ctx.putLong(RunKeys.SORT_MERGED, r.merged());
        ctx.putLong(RunKeys.SORT_DUPLICATES, r.duplicates());
        ctx.putInt(RunKeys.SORT_BATCHES, r.batches());
        ctx.putInt(RunKeys.SORT_INTERMEDIATE_RUNS, r.intermediateRuns());
        jobRepository.updateExecutionContext(job);
        contribution.incrementWriteCount(r.merged());
        return RepeatStatus.FINISHED;
    }
}
