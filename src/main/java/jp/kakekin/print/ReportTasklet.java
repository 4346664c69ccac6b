package jp.kakekin.print;

import jp.kakekin.issuance.ReasonCode;
import jp.kakekin.report.Exclusion;
import jp.kakekin.report.RunReport;

import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.RandomAccessFileOrArray;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes the run's report with jp.kakekin.report's {@link RunReport}: {@code manifest.csv} (batch and page
 * order), {@code exclusions.csv} (ledger line order, then the duplicates found by the sort and the failures
 * found while rendering) and {@code summary.json} (with the register counts of every batch),
 * and checks that the counts reconcile from the files themselves — pages are counted in the PDFs — so
 * that a record lost or printed twice anywhere on the way fails the run instead of passing unnoticed.
 */
class ReportTasklet implements Tasklet {

    private final PrintRunProgress progress;

    ReportTasklet(PrintRunProgress progress) {
        this.progress = progress;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        JobExecution job = chunkContext.getStepContext().getStepExecution().getJobExecution();
        PrintRunParameters run = PrintRunParameters.from(job.getJobParameters());
        RunSummary summary = report(new RunFolder(run.out()), run, job.getJobInstanceId(), job.getExecutionContext());
        summary.excludedByReason().forEach((r, n) -> progress.excluded(ReasonCode.valueOf(r), n));
        if (!summary.reconciled()) {
            throw new PrintRunException("print run " + summary.runId() + " does not reconcile: "
                    + String.join("; ", summary.problems()));
        }
        return RepeatStatus.FINISHED;
    }

    /** Writes the run's report (manifest.csv, exclusions.csv, summary.json) and returns its summary. */
    RunSummary report(RunFolder folder, PrintRunParameters run, long runId, ExecutionContext ctx) throws IOException {
        @SuppressWarnings("unchecked")
        Class<Record> type = (Class<Record>) (Class<?>) ManifestRow.type(run.issue());
        try (RunReport<Record, Exclusion> report = RunReport.open(folder.out(), type)) {
            return report(report, folder, run, runId, ctx);
        }
    }

    private RunSummary report(RunReport<Record, Exclusion> report, RunFolder folder, PrintRunParameters run, long runId,
                              ExecutionContext ctx) throws IOException {
        List<String> problems = new ArrayList<>();

        // Every record of the ledger is in exactly one committed chunk.
        List<Chunk> chunks = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder.calcDir())) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".chunk")).toList()) {
                chunks.add(new Chunk(p, ChunkFile.header(p)));
            }
        }
        chunks.sort(Comparator.comparingLong(c -> c.header.firstLine()));
        long records = 0;
        long issuedInChunks = 0;
        for (int i = 0; i < chunks.size(); i++) {
            ChunkFile.Header h = chunks.get(i).header;
            records += h.records();
            issuedInChunks += h.issued();
            if (h.records() != h.issued() + h.excluded()) {
                problems.add("%s: %,d records but %,d issued + %,d excluded".formatted(chunks.get(i).file.getFileName(),
                        h.records(), h.issued(), h.excluded()));
            }
            if (i > 0 && chunks.get(i - 1).header.lastLine() >= h.firstLine()) {
                problems.add("chunks %s and %s overlap".formatted(chunks.get(i - 1).file.getFileName(),
                        chunks.get(i).file.getFileName()));
            }
        }
        long expected = ctx.getLong(RunKeys.INPUT_RECORDS);
        if (records != expected) {
            problems.add("the ledger has %,d records but the calculate step accounted for %,d".formatted(expected, records));
        }

        SortedIndex index = SortedIndex.read(folder.sortedIndex());
        long pages = 0;
        long pdfBytes = 0;
        int batchFiles = 0;
        Map<String, Long> fullLayouts = new java.util.TreeMap<>();
        for (Chunk c : chunks) {
            long n = report.appendExclusions(RunFolder.exclusionsOf(c.file));
            if (n != c.header.excluded()) {
                problems.add("%s: %,d exclusions expected, %,d found".formatted(c.file.getFileName(), c.header.excluded(), n));
            }
        }
        long duplicates = report.appendExclusions(folder.duplicates());
        if (index.count() + duplicates != issuedInChunks) {
            problems.add("the sort received %,d certificates but wrote %,d and excluded %,d duplicates"
                    .formatted(issuedInChunks, index.count(), duplicates));
        }

        RegisterCounts register = RegisterCounts.NONE;
        // The batch files are read back for their page counts on the other threads while this one assembles
        // the manifest (both were this step's time, one after the other, on one core).
        int batches = index.batches();
        java.util.concurrent.CompletableFuture<int[]> pageCounts = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> java.util.stream.IntStream.rangeClosed(1, batches).parallel().map(b -> {
                    Path pdf = folder.batchPdf(b);
                    try {
                        return Files.exists(pdf) ? pageCount(pdf) : -1;
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }).toArray());
        long[] rowsOfBatch = new long[batches + 1];
        boolean[] completed = new boolean[batches + 1];
        // The manifest parts are read back (as records, CSV parsed) a few batches ahead on one more thread
        // while this one checks and writes them: the reading was half of this step's time, on one core.
        try (PartsAhead<Record> ahead = new PartsAhead<>(report, folder, batches)) {
            for (int b = 1; b <= batches; b++) {
                Path part = folder.manifestPart(b);
                RunReport.ManifestPart<Record> read = ahead.take(b);
                if (read == null) {
                    problems.add("batch %d was never completed".formatted(b));
                    continue;
                }
                completed[b] = true;
                String file = RunFolder.batchFileName(b);
                long[] n = {0};
                long rows = report.appendManifest(read, r -> {
                    ManifestRow row = (ManifestRow) r;
                    n[0]++;
                    if (!row.batchFile().equals(file) || row.page() != n[0]) {
                        problems.add("%s: row %d names %s page %d".formatted(part.getFileName(), n[0], row.batchFile(),
                                row.page()));
                    }
                });
                readLayoutCounts(folder.layoutCounts(b), fullLayouts);
                long failed = report.appendExclusions(folder.renderExclusions(b));
                if (rows + failed != index.size(b)) {
                    problems.add("batch %d: %,d certificates, %,d printed and %,d excluded".formatted(b, index.size(b), rows, failed));
                }
                Path counts = folder.registerPart(b);
                if (Files.exists(counts)) {
                    RegisterCounts c = RegisterCounts.read(counts);
                    register = register.plus(c);
                    if (c.accounted() != rows) {
                        problems.add("batch %d: %,d manifest rows but %,d issue records accounted for".formatted(b, rows,
                                c.accounted()));
                    }
                } else {
                    problems.add("batch %d has no register counts".formatted(b));
                }
                rowsOfBatch[b] = rows;
            }
        }
        int[] counts;
        try {
            counts = pageCounts.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof java.io.UncheckedIOException io) {
                throw io.getCause();
            }
            throw e;
        }
        for (int b = 1; b <= batches; b++) {
            if (!completed[b]) {
                continue;
            }
            Path pdf = folder.batchPdf(b);
            long rows = rowsOfBatch[b];
            if (counts[b - 1] >= 0) {
                batchFiles++;
                pdfBytes += Files.size(pdf);
                int pdfPages = counts[b - 1];
                pages += pdfPages;
                if (pdfPages != rows) {
                    problems.add("%s has %,d pages but %,d manifest rows".formatted(pdf.getFileName(), pdfPages, rows));
                }
            } else if (rows > 0) {
                problems.add("%s is missing but has %,d manifest rows".formatted(pdf.getFileName(), rows));
            }
        }
        try (DirectoryStream<Path> tmp = Files.newDirectoryStream(folder.out(), "*" + AtomicFiles.TMP)) {
            for (Path t : tmp) {
                String name = t.getFileName().toString();
                if (!name.equals(RunReport.MANIFEST + RunReport.TMP) && !name.equals(RunReport.EXCLUSIONS + RunReport.TMP)
                        && !name.equals(RunReport.SUMMARY + RunReport.TMP)) {
                    problems.add("a partial file was left behind: " + t.getFileName());
                }
            }
        }
        long manifestRows = report.manifestRows();
        long excluded = report.excluded();
        long issued = manifestRows;
        if (records != issued + excluded) {
            problems.add("%,d records read but %,d issued + %,d excluded".formatted(records, issued, excluded));
        }
        if (issued != pages) {
            problems.add("%,d certificates issued but %,d pages printed".formatted(issued, pages));
        }
        if (register.accounted() != manifestRows) {
            problems.add("%,d manifest rows but %,d issue records accounted for".formatted(manifestRows, register.accounted()));
        }
        Map<String, Long> reasons = new LinkedHashMap<>();
        report.excludedByReason().forEach((r, n) -> reasons.put(r.name(), n));
        RunSummary summary = new RunSummary(runId, run.year(), run.issue().name(), run.input().toString(),
                run.out().toString(), ctx.getLong(RunKeys.INPUT_LINES), records, issued, excluded, reasons,
                index.batches(), batchFiles, manifestRows, pages, pdfBytes, register.asMap(), problems, fullLayouts);
        report.finish(summary);
        return summary;
    }

    /** Adds a printed batch's "reason count" lines (pages laid out in full); a batch printed before they were written has none. */
    private static void readLayoutCounts(Path file, Map<String, Long> into) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        for (String line : Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8)) {
            int space = line.lastIndexOf(' ');
            if (space > 0) {
                into.merge(line.substring(0, space), Long.parseLong(line.substring(space + 1)), Long::sum);
            }
        }
    }

    private record Chunk(Path file, ChunkFile.Header header) {
    }

    /**
     * Pages of a finished PDF, from its page tree (the content streams are not parsed). The file is read
     * into memory in one call (a batch is ≈ 1 MB): OpenPDF's plain random access reads its xref table and
     * objects a byte per system call, which made this step 5.9 s of a 100,000-contract run.
     */
    static int pageCount(Path pdf) throws IOException {
        PdfReader reader = new PdfReader(new RandomAccessFileOrArray(Files.readAllBytes(pdf)), null);
        try {
            return reader.getNumberOfPages();
        } finally {
            reader.close();
        }
    }
    /**
     * Reads manifest parts a few batches ahead of the step's thread, on a thread of its own (a daemon: a
     * failed step does not wait for it). At most {@link #WINDOW} parts are held, so memory stays flat
     * however many batches a run has. A part that does not exist reads as null (the batch was never completed).
     */
    private static final class PartsAhead<M extends Record> implements AutoCloseable {

        static final int WINDOW = 8;

        private final RunReport<M, ?> report;
        private final RunFolder folder;
        private final int batches;
        private final java.util.concurrent.ExecutorService reader = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "report-read-ahead");
            t.setDaemon(true);
            return t;
        });
        private final java.util.ArrayDeque<java.util.concurrent.Future<RunReport.ManifestPart<M>>> queued =
                new java.util.ArrayDeque<>();
        private int next = 1;
        private int taken;

        PartsAhead(RunReport<M, ?> report, RunFolder folder, int batches) {
            this.report = report;
            this.folder = folder;
            this.batches = batches;
            fill();
        }

        /** Batch {@code b}'s part (batches are taken in order 1, 2, …), or null when it does not exist. */
        RunReport.ManifestPart<M> take(int b) throws IOException {
            java.util.concurrent.Future<RunReport.ManifestPart<M>> f = queued.poll();
            if (f == null || b != ++taken) {
                throw new IllegalStateException("batch " + b + " taken out of order");
            }
            fill();
            try {
                return f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("reading the manifest part of batch " + b);
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(e.getCause());
            }
        }

        /** Stops the reader; parts still queued are not read (the step failed, or is done with them). */
        @Override
        public void close() {
            reader.shutdownNow();
        }

        private void fill() {
            while (queued.size() < WINDOW && next <= batches) {
                Path part = folder.manifestPart(next);
                queued.add(reader.submit(() -> Files.exists(part) ? report.readManifest(part) : null));
                next++;
            }
        }
    }
}
