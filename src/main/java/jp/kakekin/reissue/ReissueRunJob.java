package jp.kakekin.reissue;

import jp.kakekin.batch.Partitions;
import jp.kakekin.batch.RunKeys;
import jp.kakekin.batch.RunOwnerListener;
import jp.kakekin.issuance.ReasonCode;
import jp.kakekin.report.CsvTable;
import jp.kakekin.report.RunReport;
import jp.kakekin.store.ReissueRequests;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The reissue batch ({@code reissue-run}) as a restartable Spring Batch job: prepare (the queued requests,
 * grouped by contract, fixed in the batch's work folder) → letters (partitioned on local threads: each
 * contract's letter is reissued, written and its requests closed in the chunk's transaction, so a kill
 * before a commit undoes the register's record with the requests' closing, and the restart issues that
 * letter again under the same sequence) → report (manifest.csv, exceptions.csv, summary.json through
 * {@link RunReport}) → cleanup.
 */
@Configuration(proxyBeanMethods = false)
public class ReissueRunJob {

    public static final String NAME = "reissue-run";
    static final String PREPARE = "reissue-prepare";
    static final String LETTERS = "reissue-letters";
    static final String LETTERS_WORKER = "reissue-letters-partition";
    static final String REPORT = "reissue-report";
    static final String CLEANUP = "reissue-cleanup";

    static final String WORK = ".reissue-run";
    static final String GROUPS = "groups.jsonl";
    static final String GROUP_COUNT = "reissue.groups";
    static final String REQUEST_COUNT = "reissue.requests";
    static final String LETTER_COUNT = "reissue.letters";
    static final String FAILED_COUNT = "reissue.failed";
    static final String FROM = "from";
    static final String TO = "to";

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** The requests for one contract since the last batch: one letter. */
    record Group(int index, String contractNo, List<Long> requestIds, OffsetDateTime askedAt) {
        String ids() {
            return String.join(" ", requestIds.stream().map(String::valueOf).toList());
        }
    }

    /** What became of one group: a letter (manifest row) or the reason there is none. */
    record Outcome(ReissueBatch.ManifestLine letter, ReissueBatch.ExceptionLine exception) {
    }

    static Path workDir(Path dir) {
        return dir.resolve(WORK);
    }

    @Bean
    Job reissueRun(JobRepository repository, @Qualifier("reissueRunPrepare") Step prepare,
                   @Qualifier("reissueRunLetters") Step letters, @Qualifier("reissueRunReport") Step report,
                   @Qualifier("reissueRunCleanup") Step cleanup) {
        return new JobBuilder(NAME, repository).listener(new RunOwnerListener(repository))
                .start(prepare).next(letters).next(report).next(cleanup).build();
    }

    /** First execution: the queued requests, grouped by contract (oldest first), into the batch's work folder. */
    @Bean
    Step reissueRunPrepare(JobRepository repository, PlatformTransactionManager tx, ReissueRequests requests) {
        return new StepBuilder(PREPARE, repository).tasklet((StepContribution c, ChunkContext chunk) -> {
            JobExecution job = chunk.getStepContext().getStepExecution().getJobExecution();
            ExecutionContext ctx = job.getExecutionContext();
            if (ctx.containsKey(GROUP_COUNT)) {
                return RepeatStatus.FINISHED;
            }
            Path dir = Path.of(job.getJobParameters().getString(ReissueBatch.DIRECTORY));
            Map<String, List<ReissueRequests.Request>> byContract = new LinkedHashMap<>();
            List<ReissueRequests.Request> queued = requests.queued();
            for (ReissueRequests.Request r : queued) {
                byContract.computeIfAbsent(r.contractNo(), k -> new ArrayList<>()).add(r);
            }
            Path work = workDir(dir);
            Files.createDirectories(work.resolve("parts"));
            Path tmp = work.resolve(GROUPS + ".tmp");
            int i = 0;
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                for (var e : byContract.entrySet()) {
                    w.write(JSON.writeValueAsString(new Group(i++, e.getKey(),
                            e.getValue().stream().map(ReissueRequests.Request::id).toList(),
                            e.getValue().getFirst().receivedAt())));
                    w.write('\n');
                }
            }
            Files.move(tmp, work.resolve(GROUPS), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            ctx.putInt(GROUP_COUNT, i);
            ctx.putInt(REQUEST_COUNT, queued.size());
            repository.updateExecutionContext(job);
            return RepeatStatus.FINISHED;
        }, tx).allowStartIfComplete(true).build();
    }

    @Bean
    Step reissueRunLetters(JobRepository repository, @Qualifier("reissueRunLettersPartition") Step worker,
                           @Qualifier("reissuePartitioner") Partitioner partitioner, ReissueProperties properties) {
        return Partitions.partitioned(LETTERS, LETTERS_WORKER, partitioner, worker, properties.workers(), repository,
                new StepExecutionListener() {
                }, null);
    }

    @Bean
    Step reissueRunLettersPartition(JobRepository repository, PlatformTransactionManager tx, ListableBeanFactory beans,
                                    @Qualifier("reissueGroupReader") ItemStreamReader<Group> reader,
                                    @Qualifier("reissueLetterProcessor") ItemProcessor<Group, Outcome> processor,
                                    @Qualifier("reissuePartWriter") ItemStreamWriter<Outcome> writer) {
        // A few letters per commit: a letter is a PDF render and a register record.
        return Partitions.workerStep(LETTERS_WORKER, repository, beans, null)
                .<Group, Outcome>chunk(20)
                .transactionManager(tx)
                .reader(reader)
                .processor(processor)
                .writer(writer)
                .build();
    }

    /** Contiguous ranges of groups, one per partition. */
    @Bean
    @StepScope
    Partitioner reissuePartitioner(@Value("#{jobExecutionContext['" + GROUP_COUNT + "']}") Integer groups) {
        return gridSize -> {
            Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
            int n = Math.max(1, Math.min(gridSize, groups));
            for (int p = 0; p < n; p++) {
                ExecutionContext ctx = new ExecutionContext();
                ctx.putInt(RunKeys.PARTITION, p);
                ctx.putInt(FROM, (int) ((long) groups * p / n));
                ctx.putInt(TO, (int) ((long) groups * (p + 1) / n));
                partitions.put("p" + p, ctx);
            }
            return partitions;
        };
    }

    @Bean
    @StepScope
    GroupReader reissueGroupReader(@Value("#{stepExecution}") StepExecution step) {
        Path dir = Path.of(step.getJobParameters().getString(ReissueBatch.DIRECTORY));
        return new GroupReader(workDir(dir).resolve(GROUPS), step.getExecutionContext().getInt(FROM),
                step.getExecutionContext().getInt(TO));
    }

    /**
     * The groups [from, to) of the batch, resuming at the saved position. A named class, not an anonymous
     * ItemStreamReader: a step-scoped bean whose declared type is an interface makes Spring Batch warn on
     * every start of every command (and those warnings went to standard output, mixed into generate-ledger's).
     * Not final: the step scope proxies it with CGLIB.
     */
    static class GroupReader implements ItemStreamReader<Group> {
        private final Path file;
        private final int from;
        private final int to;
        private List<Group> groups;
        private int next;

        GroupReader(Path file, int from, int to) {
            this.file = file;
            this.from = from;
            this.to = to;
        }

        @Override
        public void open(ExecutionContext ctx) {
            next = ctx.getInt("reader.next", from);
            groups = new ArrayList<>();
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                for (String l; (l = in.readLine()) != null; ) {
                    Group g = JSON.readValue(l, Group.class);
                    if (g.index() >= from && g.index() < to) {
                        groups.add(g);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Group read() {
            return next < to ? groups.get(next++ - from) : null;
        }

        @Override
        public void update(ExecutionContext ctx) {
            ctx.putInt("reader.next", next);
        }
    }

    @Bean
    @StepScope
    LetterProcessor reissueLetterProcessor(@Value("#{stepExecution}") StepExecution step, ReissueBatch batch) {
        return new LetterProcessor(batch, step.getJobParameters().getString(ReissueBatch.BATCH_ID),
                Path.of(step.getJobParameters().getString(ReissueBatch.DIRECTORY)));
    }

    /** One letter per group (a named class for the same reason as GroupReader; not final: step scope proxies it). */
    static class LetterProcessor implements ItemProcessor<Group, Outcome> {
        private final ReissueBatch batch;
        private final String batchId;
        private final Path dir;

        LetterProcessor(ReissueBatch batch, String batchId, Path dir) {
            this.batch = batch;
            this.batchId = batchId;
            this.dir = dir;
        }

        @Override
        public Outcome process(Group group) throws Exception {
            return batch.letter(group, batchId, dir);
        }
    }

    /** Each chunk's rows as parts of the two tables (report.CsvTable), written whole and renamed. */
    @Bean
    @StepScope
    PartWriter reissuePartWriter(@Value("#{stepExecution}") StepExecution step) {
        return new PartWriter(workDir(Path.of(step.getJobParameters().getString(ReissueBatch.DIRECTORY))).resolve("parts"),
                step.getExecutionContext().getInt(RunKeys.PARTITION));
    }

    /** Each chunk's rows as parts of the two tables (a named class for the same reason as GroupReader). */
    static class PartWriter implements ItemStreamWriter<Outcome> {
        private final Path parts;
        private final int partition;
        private int chunks;

        PartWriter(Path parts, int partition) {
            this.parts = parts;
            this.partition = partition;
        }

        @Override
        public void open(ExecutionContext ctx) {
            chunks = ctx.getInt("writer.chunks", 0);
        }

        @Override
        public void write(Chunk<? extends Outcome> items) throws IOException {
            String name = "p%04d-%06d".formatted(partition, chunks + 1);
            List<ReissueBatch.ManifestLine> letters = new ArrayList<>();
            List<ReissueBatch.ExceptionLine> exceptions = new ArrayList<>();
            for (Outcome o : items) {
                if (o.letter() != null) {
                    letters.add(o.letter());
                } else {
                    exceptions.add(o.exception());
                }
            }
            writePart(parts.resolve(name + ".manifest.csv"), ReissueBatch.ManifestLine.class, letters);
            writePart(parts.resolve(name + ".exceptions.csv"), ReissueBatch.ExceptionLine.class, exceptions);
            chunks++;
        }

        @Override
        public void update(ExecutionContext ctx) {
            ctx.putInt("writer.chunks", chunks);
        }
    }

    private static <R extends Record> void writePart(Path target, Class<R> type, List<R> rows) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
             Writer w = new OutputStreamWriter(Channels.newOutputStream(ch), StandardCharsets.UTF_8)) {
            try (CsvTable<R> table = CsvTable.openPart(type, w)) {
                rows.forEach(table::write);
                table.flush();
                ch.force(false);
            }
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The batch's report from the committed parts, in group order (letters numbered 1, 2, … in that order);
     * fails unless every request of the batch is in it exactly once.
     */
    @Bean
    Step reissueRunReport(JobRepository repository, PlatformTransactionManager tx) {
        return new StepBuilder(REPORT, repository).tasklet((StepContribution c, ChunkContext chunk) -> {
            JobExecution job = chunk.getStepContext().getStepExecution().getJobExecution();
            ExecutionContext ctx = job.getExecutionContext();
            Path dir = Path.of(job.getJobParameters().getString(ReissueBatch.DIRECTORY));
            String batchId = job.getJobParameters().getString(ReissueBatch.BATCH_ID);
            Path parts = workDir(dir).resolve("parts");
            List<Path> files;
            try (Stream<Path> list = Files.list(parts)) {
                files = list.filter(f -> f.toString().endsWith(".csv")).sorted(Comparator.comparing(Path::toString)).toList();
            }
            int letters = 0;
            long requests = 0;
            long failed = 0;
            EnumMap<ReasonCode, Long> byReason = new EnumMap<>(ReasonCode.class);
            try (RunReport<ReissueBatch.ManifestLine, ReissueBatch.ExceptionLine> report = RunReport.open(dir,
                    ReissueBatch.ManifestLine.class, ReissueBatch.MANIFEST, ReissueBatch.ExceptionLine.class,
                    ReissueBatch.EXCEPTIONS)) {
                for (Path f : files) {
                    boolean manifest = f.getFileName().toString().endsWith(".manifest.csv");
                    try (BufferedReader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                        if (manifest) {
                            try (CsvTable.Rows<ReissueBatch.ManifestLine> rows = CsvTable.read(ReissueBatch.ManifestLine.class,
                                    in, f.toString(), false)) {
                                while (rows.hasNext()) {
                                    ReissueBatch.ManifestLine l = rows.next();
                                    report.manifest(l.numbered(++letters));
                                    requests += l.requestIds().split(" ").length;
                                }
                            }
                        } else {
                            try (CsvTable.Rows<ReissueBatch.ExceptionLine> rows = CsvTable.read(ReissueBatch.ExceptionLine.class,
                                    in, f.toString(), false)) {
                                while (rows.hasNext()) {
                                    ReissueBatch.ExceptionLine l = rows.next();
                                    report.exclude(l);
                                    long n = l.requestIds().split(" ").length;
                                    failed += n;
                                    requests += n;
                                    byReason.merge(l.reason(), n, Long::sum);
                                }
                            }
                        }
                    }
                }
                long expected = ctx.getInt(REQUEST_COUNT);
                Map<String, Object> summary = new LinkedHashMap<>();
                summary.put("batchId", batchId);
                summary.put("requests", expected);
                summary.put("letters", letters);
                summary.put("failed", failed);
                Map<String, Long> reasons = new LinkedHashMap<>();
                byReason.forEach((k, v) -> reasons.put(k.name(), v));
                summary.put("failedByReason", reasons);
                summary.put("reconciled", requests == expected);
                if (requests != expected) {
                    throw new IllegalStateException("batch %s does not reconcile: %d requests taken, %d in manifest.csv and exceptions.csv"
                            .formatted(batchId, expected, requests));
                }
                report.finish(summary);
            }
            ctx.putInt(LETTER_COUNT, letters);
            ctx.putLong(FAILED_COUNT, failed);
            repository.updateExecutionContext(job);
            return RepeatStatus.FINISHED;
        }, tx).build();
    }

    @Bean
    Step reissueRunCleanup(JobRepository repository, PlatformTransactionManager tx) {
        return new StepBuilder(CLEANUP, repository).tasklet((StepContribution c, ChunkContext chunk) -> {
            Path dir = Path.of(chunk.getStepContext().getStepExecution().getJobParameters().getString(ReissueBatch.DIRECTORY));
            Path work = workDir(dir);
            if (Files.exists(work)) {
                try (Stream<Path> walk = Files.walk(work)) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
            return RepeatStatus.FINISHED;
        }, tx).build();
    }
}
