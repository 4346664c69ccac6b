package jp.kakekin.batch;

import jp.kakekin.ledger.LedgerLines;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * One pass over the ledger's bytes before anything is parsed: how many records (non-blank lines) it
 * holds — the total for the progress line and for reconciliation — and where to cut it into partitions
 * of about equal size, each starting on a line boundary, with the number of its first line.
 */
public record InputScan(long bytes, long lines, long records, long lastModified, List<Split> splits) {

    /** A partition of the input: bytes {@code [start, end)}, whose first line is {@code firstLine}. */
    public record Split(long start, long end, long firstLine) {

        /** The splits as {@link #record} keeps them in the job's context ({@link RunKeys#INPUT_SPLITS}). */
        public static java.util.List<Split> parse(String recorded) {
            java.util.List<Split> splits = new ArrayList<>();
            for (String part : recorded.split(";")) {
                String[] f = part.split(":");
                splits.add(new Split(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2])));
            }
            return splits;
        }
    }

    /**
     * The run's input as its job remembers it: on the first start, scans it and records its size, date,
     * counts and partition splits ({@link RunKeys}) in the job's context; on a restart, checks that the file
     * is the one the run started with. Every partitioned run's prepare step does this the same way.
     *
     * @param done what the partitions already made from the old file, for the refusal (e.g. "the documents
     *             already signed")
     * @return false when the context already held the scan (a restart)
     * @throws IllegalStateException when the input changed since the run started
     */
    public static boolean record(org.springframework.batch.infrastructure.item.ExecutionContext ctx, Path input,
                                 int partitions, long runId, String done) throws IOException {
        long size = Files.size(input);
        long modified = Files.getLastModifiedTime(input).toMillis();
        if (ctx.containsKey(RunKeys.INPUT_RECORDS)) {
            if (ctx.getLong(RunKeys.INPUT_BYTES) != size || ctx.getLong(RunKeys.INPUT_MODIFIED) != modified) {
                throw new IllegalStateException(("%s changed since run %d started (%,d bytes then, %,d now): %s "
                        + "came from the old file. Restore it, or start a new run into another folder.")
                        .formatted(input, runId, ctx.getLong(RunKeys.INPUT_BYTES), size, done));
            }
            return false;
        }
        InputScan scan = of(input, partitions);
        ctx.putLong(RunKeys.INPUT_BYTES, scan.bytes());
        ctx.putLong(RunKeys.INPUT_MODIFIED, scan.lastModified());
        ctx.putLong(RunKeys.INPUT_LINES, scan.lines());
        ctx.putLong(RunKeys.INPUT_RECORDS, scan.records());
        java.util.StringJoiner splits = new java.util.StringJoiner(";");
        for (Split s : scan.splits()) {
            splits.add(s.start() + ":" + s.end() + ":" + s.firstLine());
        }
        ctx.putString(RunKeys.INPUT_SPLITS, splits.toString());
        return true;
    }

    public static InputScan of(Path file, int partitions) throws IOException {
        return of(file, partitions, 1 << 20);
    }

    /** {@link #of(Path, int)} reading {@code bufferSize} bytes at a time (small in tests: lines cross reads). */
    static InputScan of(Path file, int partitions, int bufferSize) throws IOException {
        long size = Files.size(file);
        long modified = Files.getLastModifiedTime(file).toMillis();
        List<Long> starts = new ArrayList<>();
        List<Long> firstLines = new ArrayList<>();
        starts.add(0L);
        firstLines.add(1L);
        long lines = 0;
        long records = 0;
        boolean content = false;
        boolean atLineStart = true;
        long base = 0;
        int next = 1;
        long target = partitions > 1 ? size / partitions : Long.MAX_VALUE;
        ByteBuffer buf = ByteBuffer.allocate(bufferSize);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            int n;
            while ((n = ch.read(buf.clear())) > 0) {
                byte[] a = buf.array();
                int i = 0;
                while (i < n) {
                    if (atLineStart && base + i >= target && base + i > 0) {
                        starts.add(base + i);
                        firstLines.add(lines + 1);
                        next++;
                        target = next < partitions ? size * next / partitions : Long.MAX_VALUE;
                    }
                    if (content) {
                        // The rest of a line that has content only has to be skipped to its end.
                        int nl = newline(a, i, n);
                        if (nl < 0) {
                            i = n;
                            break;
                        }
                        lines++;
                        records++;
                        content = false;
                        atLineStart = true;
                        i = nl + 1;
                        continue;
                    }
                    byte b = a[i++];
                    if (b == '\n') {
                        lines++;
                        atLineStart = true;
                    } else {
                        atLineStart = false;
                        content = b != ' ' && b != '\t' && b != '\r';
                    }
                }
                base += n;
            }
        }
        if (!atLineStart) {
            lines++;
            if (content) {
                records++;
            }
        }
        List<Split> splits = new ArrayList<>(starts.size());
        for (int i = 0; i < starts.size(); i++) {
            long end = i + 1 < starts.size() ? starts.get(i + 1) : size;
            splits.add(new Split(starts.get(i), end, firstLines.get(i)));
        }
        return new InputScan(size, lines, records, modified, List.copyOf(splits));
    }

    /** The index of the first {@code '\n'} in {@code a[from, to)}, or -1 ({@link LedgerLines#newline}). */
    static int newline(byte[] a, int from, int to) {
        return LedgerLines.newline(a, from, to);
    }
}
