package jp.kakekin.edelivery;

import jp.kakekin.report.Exclusion;
import jp.kakekin.report.RunReport;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The delivery package of one export: {@code NAME.zip} holding one XML per delivered certificate plus
 * {@code manifest.csv} (file, contractNo, uniqueCode, sha256), {@code exclusions.csv} (every record not
 * delivered, with its reason) and {@code summary.json} (the counts), and the same files unpacked in the
 * folder {@code NAME/} beside it. The three report files are written by the one run-report writer of every
 * channel ({@link RunReport}: named columns, {@link jp.kakekin.issuance.ReasonCode}s). Written as it goes, so
 * a run of any size needs no memory for it; the ZIP is written as {@code NAME.zip.part} and only renamed
 * once complete.
 */
public final class DeliveryPackage implements Closeable {

    public static final String MANIFEST = RunReport.MANIFEST;
    public static final String EXCLUSIONS = RunReport.EXCLUSIONS;
    public static final String SUMMARY = RunReport.SUMMARY;
    static final String MANIFEST_HEADER = "file,contractNo,uniqueCode,sha256";
    static final String EXCLUSIONS_HEADER = "line,contractNo,uniqueCode,reason,detail";

    /** One delivered document: a row of {@code manifest.csv}. */
    public record ManifestRow(String file, String contractNo, String uniqueCode, String sha256) {
    }

    private final Path zip;
    private final Path part;
    private final Path directory;
    private final ZipOutputStream out;
    private final RunReport<ManifestRow, Exclusion> report;
    private final RunSummary.Counter counter = new RunSummary.Counter();
    private final FileTime time;
    private boolean finished;

    private DeliveryPackage(Path zip, Path directory, Instant time) throws IOException {
        this.zip = zip;
        this.part = zip.resolveSibling(zip.getFileName() + ".part");
        this.directory = directory;
        this.time = FileTime.from(time);
        Files.createDirectories(directory);
        this.out = new ZipOutputStream(Files.newOutputStream(part));
        this.report = RunReport.open(directory, ManifestRow.class);
    }

    /**
     * @param replace delete an earlier package of the same name first; without it an existing one is an
     *                error (a folder mixing two runs would not reconcile)
     */
    public static DeliveryPackage create(Path outDir, String name, boolean replace, Instant time) {
        Path zip = outDir.resolve(name + ".zip");
        Path dir = outDir.resolve(name);
        try {
            Files.createDirectories(outDir);
            if (Files.exists(zip) || Files.exists(dir)) {
                if (!replace) {
                    throw new FileAlreadyExistsException(zip + " or " + dir,
                            null, "an export of this name exists; choose another --out or replace it");
                }
                Files.deleteIfExists(zip);
                deleteTree(dir);
            }
            return new DeliveryPackage(zip, dir, time);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the delivery package " + zip + ": " + e.getMessage(), e);
        }
    }

    public void add(ExportOutcome outcome) {
        try {
            switch (outcome) {
                case ExportOutcome.Delivered d -> {
                    entry(d.fileName(), d.xml());
                    Files.write(directory.resolve(d.fileName()), d.xml());
                    report.manifest(new ManifestRow(d.fileName(), d.contractNo(), d.uniqueCode(), d.sha256()));
                }
                case ExportOutcome.Excluded e -> report.exclude(new Exclusion(e.line(), e.contractNo(), e.uniqueCode(),
                        e.reason(), e.detail()));
            }
            counter.add(outcome);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the delivery package " + part, e);
        }
    }

    /** Adds manifest, exclusions and summary, closes the ZIP and gives it its final name. */
    public RunSummary finish(RunParameters run, SigningKey signer) {
        RunSummary summary = counter.summary();
        try {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("form", "TEG850 v" + Teg850.VERSION);
            json.put("year", run.year());
            json.put("issue", run.issue().name());
            json.put("runDate", run.runDate().toString());
            json.put("certifiedOn", run.certifiedOn().toString());
            json.put("sakuseiDay", run.sakuseiDay().toString());
            json.put("source", run.source());
            Map<String, String> who = new LinkedHashMap<>();
            who.put("subject", signer.subject());
            who.put("sha256", signer.fingerprint());
            json.put("signer", who);
            json.put("records", summary.records());
            json.put("issued", summary.issued());
            json.put("delivered", summary.delivered());
            Map<String, Long> excluded = new LinkedHashMap<>();
            summary.excluded().forEach((k, v) -> excluded.put(k.name(), v));
            json.put("excluded", excluded);
            json.put("reconciles", summary.reconciles());
            if (report.manifestRows() != summary.delivered() || report.excluded() != summary.excludedTotal()) {
                throw new IllegalStateException("the package's tables (%d manifest rows, %d exclusions) differ from its count"
                        .formatted(report.manifestRows(), report.excluded()));
            }
            byte[] summaryBytes = report.finish(json);
            copyEntry(MANIFEST);
            copyEntry(EXCLUSIONS);
            entry(SUMMARY, summaryBytes);
            out.close();
            Files.move(part, zip, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            finished = true;
            return summary;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish the delivery package " + zip, e);
        }
    }

    public Path zip() {
        return zip;
    }

    public Path directory() {
        return directory;
    }

    /** Without {@link #finish}, the half-written ZIP is removed: an incomplete package is never left to deliver. */
    @Override
    public void close() {
        if (finished) {
            return;
        }
        try {
            report.close();
            out.close();
        } catch (IOException | RuntimeException ignored) {
            // removing the part file below is what matters
        }
        try {
            Files.deleteIfExists(part);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the incomplete " + part, e);
        }
    }

    private void entry(String name, byte[] bytes) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setLastModifiedTime(time);
        out.putNextEntry(e);
        out.write(bytes);
        out.closeEntry();
    }

    private void copyEntry(String name) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setLastModifiedTime(time);
        out.putNextEntry(e);
        try (InputStream in = Files.newInputStream(directory.resolve(name))) {
            in.transferTo(out);
        }
        out.closeEntry();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
