package jp.kakekin.print;

import jp.kakekin.batch.InputScan;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs at the start of every execution of a run (first start and each restart):
 * <ul>
 * <li>claims the output folder for this run ({@code print-run.json}), refusing a folder that holds
 * another run's files;</li>
 * <li>on the first start, scans the ledger (records, partitions); on a restart, checks the ledger is
 * the same file as when the run started (size and modification time), since the chunks already
 * written came from it.</li>
 * </ul>
 */
class PrepareTasklet implements Tasklet {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JobRepository jobRepository;
    private final int partitions;

    PrepareTasklet(JobRepository jobRepository, int partitions) {
        this.jobRepository = jobRepository;
        this.partitions = partitions;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        JobExecution job = chunkContext.getStepContext().getStepExecution().getJobExecution();
        PrintRunParameters run = PrintRunParameters.from(job.getJobParameters());
        long runId = job.getJobInstanceId();
        Path input = run.input();
        if (!Files.isRegularFile(input) || !Files.isReadable(input)) {
            throw new PrintRunException("cannot read the ledger " + input);
        }
        if (input.getFileName().toString().endsWith(".json")) {
            throw new PrintRunException(input + ": print-run reads JSON Lines (one ledger per line, .jsonl); "
                    + "a .json document cannot be split between workers");
        }
        RunFolder folder = new RunFolder(run.out());
        Files.createDirectories(run.out());
        claim(folder, runId, run);
        folder.createDirectories();

        ExecutionContext ctx = job.getExecutionContext();
        try {
            InputScan.record(ctx, input, partitions, runId, "the certificates already calculated");
        } catch (IllegalStateException changed) {
            throw new PrintRunException(changed.getMessage());
        }
        jobRepository.updateExecutionContext(job);
        return RepeatStatus.FINISHED;
    }

    /** One run per folder: two runs writing batch-00001.pdf into the same place would overwrite each other. */
    private static void claim(RunFolder folder, long runId, PrintRunParameters run) throws IOException {
        Path claim = folder.claim();
        if (Files.exists(claim)) {
            JsonNode owner = JSON.readTree(claim.toFile());
            long owned = owner.path("runId").asLong(-1);
            if (owned != runId) {
                throw new PrintRunException(("%s belongs to print run %d (%s): choose another output folder, or move "
                        + "that run's files away").formatted(run.out(), owned, claim));
            }
            return;
        }
        try (DirectoryStream<Path> batches = Files.newDirectoryStream(run.out(), "batch-*.pdf*")) {
            if (batches.iterator().hasNext()) {
                throw new PrintRunException(run.out() + " already holds batch files of another run: choose an empty folder");
            }
        }
        ObjectNode o = JSON.createObjectNode();
        o.put("runId", runId);
        o.put("job", PrintRunJob.NAME);
        o.put("year", run.year());
        o.put("issue", run.issue().name());
        o.put("input", run.input().toString());
        o.put("batchSize", run.batchSize());
        o.put("addressCutoff", run.addressCutoff().toString());
        o.put("runDate", run.runDate().toString());
        AtomicFiles.write(claim, os -> os.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(o)));
    }
}
