package jp.kakekin.edelivery;

import jp.kakekin.issuance.ReasonCode;
import jp.kakekin.batch.InputScan;
import jp.kakekin.batch.RunKeys;
import jp.kakekin.issuance.JapanClock;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import tools.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The steps of the e-私書箱 run that are not partitioned: prepare, assemble (the package) and cleanup. */
final class EDeliveryRunTasklets {

    private EDeliveryRunTasklets() {
    }

    static final String CLAIM = "run.json";
    static final String CHUNKS = "chunks";
    /** Counts of the assembled package, in the job's context (the runs list reads them). */
    static final String RECORDS = "edelivery.records";
    static final String DELIVERED = "edelivery.delivered";
    static final String EXCLUDED = "edelivery.excluded";
    static final String ISSUED = "edelivery.issued";

    /**
     * Every execution: claims the package's name in the output folder for this run (an existing package of
     * another run is refused unless {@code --replace}); on the first, scans the ledger (records, partitions),
     * on a restart checks it is the same file.
     */
    static Tasklet prepare(JobRepository repository, int partitions, int maxLineBytes) {
        return (StepContribution contribution, ChunkContext chunk) -> {
            JobExecution job = chunk.getStepContext().getStepExecution().getJobExecution();
            EDeliveryRunParameters run = EDeliveryRunParameters.from(job.getJobParameters());
            long runId = job.getJobInstanceId();
            Path input = run.input();
            if (!Files.isRegularFile(input) || !Files.isReadable(input)) {
                throw new IllegalStateException("cannot read the ledger " + input);
            }
            if (input.getFileName().toString().endsWith(".json")) {
                throw new IllegalStateException(input + ": an e-私書箱 run reads JSON Lines (one ledger per line, .jsonl); "
                        + "a .json document cannot be split between workers");
            }
            claim(run, runId);
            ExecutionContext ctx = job.getExecutionContext();
            if (!InputScan.record(ctx, input, partitions, runId, "the documents already signed")) {
                return RepeatStatus.FINISHED;
            }
            RepeatedContracts.scan(input, run.workDir().resolve(RepeatedContracts.FILE), maxLineBytes);
            repository.updateExecutionContext(job);
            return RepeatStatus.FINISHED;
        };
    }

    private static void claim(EDeliveryRunParameters run, long runId) throws IOException {
        Path work = run.workDir();
        Path claim = work.resolve(CLAIM);
        if (Files.exists(claim)) {
            JsonNode owner = StagedChunkWriter.JSON.readTree(claim.toFile());
            long owned = owner.path("runId").asLong(-1);
            if (owned != runId) {
                throw new IllegalStateException(("%s belongs to e-私書箱 run %d: choose another --out, or move that run's "
                        + "files away").formatted(work, owned));
            }
            return;
        }
        String name = run.run().packageName();
        Path zip = run.out().resolve(name + ".zip");
        if (!run.replace() && (Files.exists(zip) || Files.exists(run.out().resolve(name)))) {
            throw new IllegalStateException(zip + " or " + run.out().resolve(name)
                    + ": an export of this name exists; choose another --out or replace it (--replace)");
        }
        Files.createDirectories(work.resolve(CHUNKS));
        Path tmp = work.resolve(CLAIM + ".tmp");
        Files.writeString(tmp, "{\"runId\": %d, \"job\": \"%s\", \"package\": \"%s\"}%n".formatted(runId,
                EDeliveryRunJob.NAME, name), StandardCharsets.UTF_8);
        Files.move(tmp, claim, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The package, from the partitions' chunk files in ledger order (partition by partition, chunk by chunk):
     * the duplicate check across the whole run (only the first certificate of a contract is delivered, as
     * {@link EDeliveryRun}), then {@link DeliveryPackage}. Written again from the start if the process dies
     * in it. The run fails unless every record of the ledger is in it exactly once and the counts reconcile.
     */
    static Tasklet assemble(JobRepository repository, EDeliveryService service, JapanClock clock) {
        return (StepContribution contribution, ChunkContext chunk) -> {
            // Looked up when the step runs, not when the job is built: every command's start builds the jobs,
            // and the archive pulls in the renderer and the register.
            DeliveryArchive archive = service.archive();
            JobExecution job = chunk.getStepContext().getStepExecution().getJobExecution();
            EDeliveryRunParameters run = EDeliveryRunParameters.from(job.getJobParameters());
            ExecutionContext ctx = job.getExecutionContext();
            int partitions = InputScan.Split.parse(ctx.getString(RunKeys.INPUT_SPLITS)).size();
            Path chunks = run.workDir().resolve(CHUNKS);
            EDeliveryRun.Seen seen = new EDeliveryRun.Seen();
            RunSummary summary;
            long lastLine = 0;
            try (DeliveryPackage pkg = DeliveryPackage.create(run.out(), run.run().packageName(), true, clock.instant())) {
                for (int p = 0; p < partitions; p++) {
                    for (Path file : chunkFiles(chunks, p)) {
                        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                            for (String l; (l = in.readLine()) != null; ) {
                                StagedOutcome o = StagedChunkWriter.JSON.readValue(l, StagedOutcome.class);
                                if (o.line() <= lastLine) {
                                    throw new IllegalStateException("%s: line %d comes after line %d: the chunk files overlap"
                                            .formatted(file, o.line(), lastLine));
                                }
                                lastLine = o.line();
                                ExportOutcome outcome = o.certificate() && !seen.add(o.contractNo())
                                        ? new ExportOutcome.Excluded(o.line(), o.contractNo(), null,
                                        ReasonCode.DUPLICATE_CONTRACT, "contract " + o.contractNo() + " came earlier in the run")
                                        : o.outcome();
                                if (outcome instanceof ExportOutcome.Delivered d && !o.archived()) {
                                    archive.archive(d); // a repeated contract's first delivered document
                                }
                                pkg.add(outcome);
                            }
                        }
                    }
                }
                summary = pkg.finish(run.run(), service.exporter().signer().key());
            }
            long records = ctx.getLong(RunKeys.INPUT_RECORDS);
            if (summary.records() != records || !summary.reconciles()) {
                throw new IllegalStateException(("the package does not reconcile: %,d records in the ledger, %,d in the "
                        + "package (%,d delivered + %,d excluded)").formatted(records, summary.records(), summary.delivered(),
                        summary.excludedTotal()));
            }
            ctx.putLong(RECORDS, summary.records());
            ctx.putLong(DELIVERED, summary.delivered());
            ctx.putLong(EXCLUDED, summary.excludedTotal());
            ctx.putLong(ISSUED, summary.issued());
            repository.updateExecutionContext(job);
            return RepeatStatus.FINISHED;
        };
    }

    static List<Path> chunkFiles(Path chunks, int partition) throws IOException {
        String prefix = StagedChunkWriter.prefix(partition);
        try (Stream<Path> files = Files.list(chunks)) {
            return files.filter(f -> {
                String n = f.getFileName().toString();
                return n.startsWith(prefix) && n.endsWith(".jsonl");
            }).sorted(Comparator.comparing(f -> f.getFileName().toString())).toList();
        }
    }

    /** Removes the work folder of a completed run (its package is complete). */
    static Tasklet cleanup(boolean keep) {
        return (StepContribution contribution, ChunkContext chunk) -> {
            if (!keep) {
                EDeliveryRunParameters run = EDeliveryRunParameters.from(
                        chunk.getStepContext().getStepExecution().getJobExecution().getJobParameters());
                Path work = run.workDir();
                if (Files.exists(work)) {
                    try (Stream<Path> walk = Files.walk(work)) {
                        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                            Files.deleteIfExists(p);
                        }
                    }
                }
            }
            return RepeatStatus.FINISHED;
        };
    }
}
