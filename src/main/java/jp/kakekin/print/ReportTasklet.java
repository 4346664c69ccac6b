package jp.kakekin.print;

import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.RandomAccessFileOrArray;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes {@code manifest.csv} (batch and page order), {@code exclusions.csv} (ledger line order, then
 * the duplicates found by the sort and the failures found while rendering) and {@code summary.json},
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
        AtomicFiles.write(new RunFolder(run.out()).summary(), os -> os.write(summary.toJsonBytes()));
        summary.excludedByReason().forEach((r, n) -> progress.excluded(ExclusionReason.valueOf(r), n));
        if (!summary.reconciled()) {
            throw new PrintRunException("print run " + summary.runId() + " does not reconcile: "
                    + String.join("; ", summary.problems()));
        }
        return RepeatStatus.FINISHED;
    }

    RunSummary report(RunFolder folder, PrintRunParameters run, long runId, ExecutionContext ctx) throws IOException {
        List<String> problems = new ArrayList<>();
        Map<ExclusionReason, Long> byReason = new EnumMap<>(ExclusionReason.class);

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
        long excluded = 0;
        long manifestRows = 0;
        long pages = 0;
        long pdfBytes = 0;
        int batchFiles = 0;
        Map<String, Long> fullLayouts = new java.util.TreeMap<>();
        Path exclusionsTmp = AtomicFiles.tmp(folder.exclusions());
        Path manifestTmp = AtomicFiles.tmp(folder.manifest());
        try (Writer exclusions = new OutputStreamWriter(Files.newOutputStream(exclusionsTmp), StandardCharsets.UTF_8);
             Writer manifest = new OutputStreamWriter(Files.newOutputStream(manifestTmp), StandardCharsets.UTF_8)) {
            exclusions.write(Exclusion.CSV_HEADER + "\n");
            for (Chunk c : chunks) {
                long n = copyExclusions(RunFolder.exclusionsOf(c.file), exclusions, byReason);
                excluded += n;
                if (n != c.header.excluded()) {
                    problems.add("%s: %,d exclusions expected, %,d found".formatted(c.file.getFileName(), c.header.excluded(), n));
                }
            }
            long duplicates = copyExclusions(folder.duplicates(), exclusions, byReason);
            excluded += duplicates;
            if (index.count() + duplicates != issuedInChunks) {
                problems.add("the sort received %,d certificates but wrote %,d and excluded %,d duplicates"
                        .formatted(issuedInChunks, index.count(), duplicates));
            }

            manifest.write(ManifestRow.header(run.issue()) + "\n");
            long renderExcluded = 0;
            for (int b = 1; b <= index.batches(); b++) {
                Path part = folder.manifestPart(b);
                if (!Files.exists(part)) {
                    problems.add("batch %d was never completed".formatted(b));
                    continue;
                }
                long rows = copyManifest(part, manifest, b, problems);
                readLayoutCounts(folder.layoutCounts(b), fullLayouts);
                manifestRows += rows;
                long failed = copyExclusions(folder.renderExclusions(b), exclusions, byReason);
                renderExcluded += failed;
                if (rows + failed != index.size(b)) {
                    problems.add("batch %d: %,d certificates, %,d printed and %,d excluded".formatted(b, index.size(b), rows, failed));
                }
                Path pdf = folder.batchPdf(b);
                if (Files.exists(pdf)) {
                    batchFiles++;
                    pdfBytes += Files.size(pdf);
                    int n = pageCount(pdf);
                    pages += n;
                    if (n != rows) {
                        problems.add("%s has %,d pages but %,d manifest rows".formatted(pdf.getFileName(), n, rows));
                    }
                } else if (rows > 0) {
                    problems.add("%s is missing but has %,d manifest rows".formatted(pdf.getFileName(), rows));
                }
            }
            excluded += renderExcluded;
        }
        try (DirectoryStream<Path> tmp = Files.newDirectoryStream(folder.out(), "*" + AtomicFiles.TMP)) {
            for (Path t : tmp) {
                if (!t.equals(exclusionsTmp) && !t.equals(manifestTmp)) {
                    problems.add("a partial file was left behind: " + t.getFileName());
                }
            }
        }
        long issued = manifestRows;
        if (records != issued + excluded) {
            problems.add("%,d records read but %,d issued + %,d excluded".formatted(records, issued, excluded));
        }
        if (issued != pages) {
            problems.add("%,d certificates issued but %,d pages printed".formatted(issued, pages));
        }
        AtomicFiles.publish(exclusionsTmp, folder.exclusions());
        AtomicFiles.publish(manifestTmp, folder.manifest());
        Map<String, Long> reasons = new LinkedHashMap<>();
        byReason.forEach((r, n) -> reasons.put(r.name(), n));
        Map<String, Long> register = new LinkedHashMap<>();
        register.put("registered", ctx.getLong(IssueRecordWriter.REGISTERED, 0));
        register.put("notInStore", ctx.getLong(IssueRecordWriter.NOT_IN_STORE, 0));
        register.put("issuedElsewhere", ctx.getLong(IssueRecordWriter.ELSEWHERE, 0));
        register.put("noStore", ctx.getLong(IssueRecordWriter.NO_STORE, 0));
        register.put("trial", ctx.getLong(IssueRecordWriter.TRIAL, 0));
        long accounted = register.values().stream().mapToLong(Long::longValue).sum();
        if (accounted != manifestRows) {
            problems.add("%,d manifest rows but %,d issue records accounted for".formatted(manifestRows, accounted));
        }
        // Archive copies (docs/archive.md): counted apart, they are not issue records.
        register.put("archived", ctx.getLong(IssueRecordWriter.ARCHIVED, 0));
        register.put("archivedWithXml", ctx.getLong(IssueRecordWriter.ARCHIVED_WITH_XML, 0));
        return new RunSummary(runId, run.year(), run.issue().name(), run.input().toString(), run.out().toString(),
                ctx.getLong(RunKeys.INPUT_LINES), records, issued, excluded, reasons, index.batches(), batchFiles,
                manifestRows, pages, pdfBytes, register, problems, fullLayouts);
    }

    /** Adds a printed batch's "reason count" lines (pages laid out in full); a batch printed before they were written has none. */
    private static void readLayoutCounts(Path file, Map<String, Long> into) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int space = line.lastIndexOf(' ');
            if (space > 0) {
                into.merge(line.substring(0, space), Long.parseLong(line.substring(space + 1)), Long::sum);
            }
        }
    }

    private record Chunk(Path file, ChunkFile.Header header) {
    }

    private static long copyExclusions(Path part, Writer to, Map<ExclusionReason, Long> byReason) throws IOException {
        long n = 0;
        try (BufferedReader in = Files.newBufferedReader(part, StandardCharsets.UTF_8)) {
            List<String> row;
            while ((row = Csv.read(in)) != null) {
                ExclusionReason reason = ExclusionReason.valueOf(row.get(3));
                byReason.merge(reason, 1L, Long::sum);
                to.write(Csv.row(row.toArray(String[]::new)));
                n++;
            }
        }
        return n;
    }

    private static long copyManifest(Path part, Writer to, int batch, List<String> problems) throws IOException {
        long n = 0;
        String file = RunFolder.batchFileName(batch);
        try (BufferedReader in = Files.newBufferedReader(part, StandardCharsets.UTF_8)) {
            List<String> row;
            while ((row = Csv.read(in)) != null) {
                n++;
                if (!row.get(ManifestRow.BATCH_FILE).equals(file) || Long.parseLong(row.get(ManifestRow.PAGE)) != n) {
                    problems.add("%s: row %d names %s page %s".formatted(part.getFileName(), n,
                            row.get(ManifestRow.BATCH_FILE), row.get(ManifestRow.PAGE)));
                }
                to.write(Csv.row(row.toArray(String[]::new)));
            }
        }
        return n;
    }

    /** Pages of a finished PDF, from its page tree (the content streams are not read). */
    static int pageCount(Path pdf) throws IOException {
        PdfReader reader = new PdfReader(new RandomAccessFileOrArray(pdf.toString(), false, true), null);
        try {
            return reader.getNumberOfPages();
        } finally {
            reader.close();
        }
    }
}
