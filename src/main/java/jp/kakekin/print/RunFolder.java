package jp.kakekin.print;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a run puts things. The output folder receives the batch PDFs, {@code manifest.csv},
 * {@code exclusions.csv}, {@code summary.json} and {@code print-run.json} (which run owns the folder);
 * intermediate files live under {@code .print-run/} and are removed when the run completes.
 */
record RunFolder(Path out) {

    static final String WORK = ".print-run";

    Path work() {
        return out.resolve(WORK);
    }

    Path calcDir() {
        return work().resolve("calc");
    }

    Path sortDir() {
        return work().resolve("sort");
    }

    Path printDir() {
        return work().resolve("print");
    }

    static String batchFileName(int batch) {
        return "batch-%05d.pdf".formatted(batch);
    }

    Path batchPdf(int batch) {
        return out.resolve(batchFileName(batch));
    }

    /** The manifest rows of one printed batch (a part of manifest.csv, written last of the batch's files). */
    Path manifestPart(int batch) {
        return printDir().resolve("batch-%05d.csv".formatted(batch));
    }

    /** What the print step registered of one batch ({@link RegisterCounts}), written with its manifest part. */
    Path registerPart(int batch) {
        return printDir().resolve("batch-%05d.register.json".formatted(batch));
    }

    Path renderExclusions(int batch) {
        return printDir().resolve("batch-%05d.excluded.csv".formatted(batch));
    }

    /** How many pages of one printed batch were laid out in full instead of filled, by reason ("reason n" lines). */
    Path layoutCounts(int batch) {
        return printDir().resolve("batch-%05d.layouts".formatted(batch));
    }

    Path chunk(String partition, int seq) {
        return calcDir().resolve("%s-%06d.chunk".formatted(partition, seq));
    }

    Path chunkExclusions(String partition, int seq) {
        return calcDir().resolve("%s-%06d.excluded.csv".formatted(partition, seq));
    }

    static Path exclusionsOf(Path chunk) {
        String name = chunk.getFileName().toString();
        return chunk.resolveSibling(name.substring(0, name.length() - ".chunk".length()) + ".excluded.csv");
    }

    Path sorted() {
        return sortDir().resolve("sorted.bin");
    }

    Path sortedIndex() {
        return sortDir().resolve("sorted.idx");
    }

    Path duplicates() {
        return sortDir().resolve("duplicates.csv");
    }

    Path manifest() {
        return out.resolve("manifest.csv");
    }

    Path exclusions() {
        return out.resolve("exclusions.csv");
    }

    Path summary() {
        return out.resolve("summary.json");
    }

    Path claim() {
        return out.resolve("print-run.json");
    }

    void createDirectories() throws IOException {
        Files.createDirectories(calcDir());
        Files.createDirectories(sortDir());
        Files.createDirectories(printDir());
    }
}
