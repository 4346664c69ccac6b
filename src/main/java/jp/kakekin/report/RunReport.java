package jp.kakekin.report;

import jp.kakekin.issuance.ReasonCode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The report of one run — a print run, an e-私書箱 run, a reissue batch: {@code manifest.csv} (one row per
 * document issued, the channel's own row record), {@code exclusions.csv} (one row per record that was not,
 * with its {@link ReasonCode}) and {@code summary.json} (the channel's counts), in the run's folder. One
 * writer for every channel: named columns and quoting by Jackson's CSV module ({@link CsvTable}), the
 * summary by Jackson's JSON mapper, nothing hand-rolled.
 *
 * <p>Usage:
 * <pre>{@code
 * try (RunReport<MyManifestRow, Exclusion> report = RunReport.open(dir, MyManifestRow.class)) {
 *     report.manifest(new MyManifestRow(...));           // or report.appendManifest(part, row -> check(row))
 *     report.exclude(new Exclusion(line, no, code, ReasonCode.NO_ADDRESS, null));
 *     report.finish(new MySummary(report.manifestRows(), report.excludedByReason(), ...));
 * }
 * }</pre>
 * A partitioned step writes its rows into <em>parts</em> ({@link CsvTable#openPart}), one per chunk or
 * batch, and the report step appends them in order ({@link #appendManifest}, {@link #appendExclusions}),
 * reading each row back as its record — so the report checks what was written, not what was meant.
 *
 * <p>Every file appears whole or not at all: the tables are written as {@code NAME.tmp} and renamed, all
 * three in {@link #finish} (the summary last); {@link #close} without {@code finish} removes the
 * {@code .tmp} files. The report counts what it wrote ({@link #manifestRows}, {@link #excludedByReason}),
 * so a summary's counts come from the files, not from a separate tally.
 *
 * @param <M> the manifest's row record
 * @param <X> the exclusion's row record ({@link Exclusion} unless the channel names its rows otherwise)
 */
public final class RunReport<M extends Record, X extends Record & RunReport.Excluded> implements Closeable {

    public static final String MANIFEST = "manifest.csv";
    public static final String EXCLUSIONS = "exclusions.csv";
    public static final String SUMMARY = "summary.json";
    public static final String TMP = ".tmp";

    /** An exclusion row: it names its reason code (the report counts by it). */
    public interface Excluded {
        ReasonCode reason();
    }

    /** Indented; a record's properties in the order of its components (Jackson 3 sorts them otherwise). */
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY).build();

    private final Path dir;
    private final Path manifestFile;
    private final Path exclusionsFile;
    private final Class<M> manifestRow;
    private final Class<X> exclusionRow;
    private final Table<M> manifest;
    private final Table<X> exclusions;
    private final EnumMap<ReasonCode, Long> byReason = new EnumMap<>(ReasonCode.class);
    private long manifestRows;
    private long excluded;
    private boolean finished;

    private RunReport(Path dir, Class<M> manifestRow, String manifestName, Class<X> exclusionRow, String exclusionsName) {
        this.dir = dir;
        this.manifestRow = manifestRow;
        this.exclusionRow = exclusionRow;
        this.manifestFile = dir.resolve(manifestName);
        this.exclusionsFile = dir.resolve(exclusionsName);
        try {
            Files.createDirectories(dir);
            this.manifest = new Table<>(manifestRow, tmp(manifestFile));
            Table<X> x;
            try {
                x = new Table<>(exclusionRow, tmp(exclusionsFile));
            } catch (IOException | RuntimeException e) {
                manifest.abandon();
                throw e;
            }
            this.exclusions = x;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the report in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A report in {@code dir}: {@code manifest.csv} of {@code manifestRow}, {@code exclusions.csv} of {@link Exclusion}. */
    public static <M extends Record> RunReport<M, Exclusion> open(Path dir, Class<M> manifestRow) {
        return new RunReport<>(dir, manifestRow, MANIFEST, Exclusion.class, EXCLUSIONS);
    }

    /** A report whose tables have other names or whose exclusion rows are the channel's own. */
    public static <M extends Record, X extends Record & Excluded> RunReport<M, X> open(Path dir, Class<M> manifestRow,
            String manifestName, Class<X> exclusionRow, String exclusionsName) {
        return new RunReport<>(dir, manifestRow, manifestName, exclusionRow, exclusionsName);
    }

    /** Adds one issued document to the manifest. */
    public void manifest(M row) {
        manifest.table.write(row);
        manifestRows++;
    }

    /** Adds one record that was not issued to the exclusions. */
    public void exclude(X row) {
        exclusions.table.write(row);
        byReason.merge(row.reason(), 1L, Long::sum);
        excluded++;
    }

    /**
     * Appends a manifest part ({@link CsvTable#openPart} of the same row record), each row read back and
     * handed to {@code check} first (e.g. to compare a row's batch and page with where it must be).
     *
     * @return the rows appended
     * @throws IllegalArgumentException a row that does not read back, naming the part, line and column
     */
    public long appendManifest(Path part, Consumer<? super M> check) {
        return appendManifest(readManifest(part), check);
    }

    /** A manifest part read back as its rows, to be appended with {@link #appendManifest(ManifestPart, Consumer)}. */
    public record ManifestPart<M>(Path file, List<M> rows) {
    }

    /**
     * Reads a manifest part back as its rows without appending them. It touches nothing of the report, so a
     * channel may read the next parts on another thread while this one appends (the print run's report step:
     * reading the rows back was half its time, docs/performance.md).
     *
     * @throws IllegalArgumentException a row that does not read back, naming the part, line and column
     */
    public ManifestPart<M> readManifest(Path part) {
        List<M> list = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(part, StandardCharsets.UTF_8);
             CsvTable.Rows<M> rows = CsvTable.read(manifestRow, in, part.toString(), false)) {
            while (rows.hasNext()) {
                list.add(rows.next());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + part + ": " + e.getMessage(), e);
        }
        return new ManifestPart<>(part, list);
    }

    /** Appends a part read by {@link #readManifest}, each row handed to {@code check} first. @return the rows appended */
    public long appendManifest(ManifestPart<M> part, Consumer<? super M> check) {
        for (M row : part.rows()) {
            check.accept(row);
            manifest(row);
        }
        return part.rows().size();
    }

    /** Appends an exclusions part ({@link CsvTable#openPart} of the exclusion row). @return the rows appended */
    public long appendExclusions(Path part) {
        long n = 0;
        try (BufferedReader in = Files.newBufferedReader(part, StandardCharsets.UTF_8);
             CsvTable.Rows<X> rows = CsvTable.read(exclusionRow, in, part.toString(), false)) {
            while (rows.hasNext()) {
                exclude(rows.next());
                n++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + part + ": " + e.getMessage(), e);
        }
        return n;
    }

    public long manifestRows() {
        return manifestRows;
    }

    public long excluded() {
        return excluded;
    }

    /** The exclusions so far by reason code, in {@link ReasonCode} order (only the codes that occurred). */
    public Map<ReasonCode, Long> excludedByReason() {
        return Collections.unmodifiableMap(new EnumMap<>(byReason));
    }

    /**
     * Closes the tables, writes {@code summary} as {@code summary.json} (Jackson: a record's components, a
     * map's entries, in order; indented) and puts the three files in place. Call it once; the report is
     * closed afterwards.
     *
     * @param summary the channel's counts, a record or a map; null: no {@code summary.json}
     * @return the bytes of {@code summary.json} (empty when none), e.g. to copy them into a ZIP
     */
    public byte[] finish(Object summary) {
        if (finished) {
            throw new IllegalStateException("the report in " + dir + " is finished already");
        }
        try {
            manifest.finish(manifestFile);
            exclusions.finish(exclusionsFile);
            byte[] json = summary == null ? new byte[0] : summaryBytes(summary);
            if (summary != null) {
                writeAtomically(dir.resolve(SUMMARY), json);
            }
            finished = true;
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish the report in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Without {@link #finish}: the {@code .tmp} tables are removed, nothing half-written is left. */
    @Override
    public void close() {
        if (!finished) {
            finished = true;
            manifest.abandon();
            exclusions.abandon();
        }
    }

    /** {@code summary} as {@code summary.json} is written: Jackson, indented, ending in a line break. */
    public static byte[] summaryBytes(Object summary) {
        byte[] json = JSON.writeValueAsBytes(Objects.requireNonNull(summary));
        byte[] out = java.util.Arrays.copyOf(json, json.length + 1);
        out[json.length] = '\n';
        return out;
    }

    /** Writes a summary on its own (a channel that rewrites its summary later, e.g. a run being voided). */
    public static void writeSummary(Path file, Object summary) {
        try {
            writeAtomically(file, summaryBytes(summary));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a {@code summary.json} back as the channel's summary type. */
    public static <S> S readSummary(Path file, Class<S> type) {
        return JSON.readValue(file.toFile(), type);
    }

    /** Writes {@code bytes} as {@code NAME.tmp}, forced to disk, and renames it: the file appears whole or not at all. */
    public static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path tmp = tmp(target);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream out = Channels.newOutputStream(ch);
            out.write(bytes);
            out.flush();
            ch.force(false);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static Path tmp(Path target) {
        return target.resolveSibling(target.getFileName() + TMP);
    }

    /** One table being written under its {@code .tmp} name. */
    private static final class Table<R extends Record> {
        private final Path tmp;
        private final FileChannel channel;
        private final Writer writer;
        private final CsvTable<R> table;

        Table(Class<R> row, Path tmp) throws IOException {
            this.tmp = tmp;
            this.channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            this.writer = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel),
                    StandardCharsets.UTF_8), 1 << 16);
            this.table = CsvTable.open(row, writer);
        }

        void finish(Path target) throws IOException {
            table.flush();
            channel.force(false);
            table.close(); // closes the writer and the channel
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }

        void abandon() {
            try {
                table.close();
            } catch (RuntimeException ignored) {
                // removing the file is what matters
            }
            try {
                channel.close();
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + tmp, e);
            }
        }
    }
}
