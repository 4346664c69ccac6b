package jp.kakekin.batch;

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
    }

    public static InputScan of(Path file, int partitions) throws IOException {
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
        long pos = 0;
        int next = 1;
        long target = partitions > 1 ? size / partitions : Long.MAX_VALUE;
        ByteBuffer buf = ByteBuffer.allocate(1 << 20);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            while (ch.read(buf.clear()) > 0) {
                buf.flip();
                byte[] a = buf.array();
                int n = buf.limit();
                for (int i = 0; i < n; i++, pos++) {
                    if (atLineStart && pos >= target && pos > 0) {
                        starts.add(pos);
                        firstLines.add(lines + 1);
                        next++;
                        target = next < partitions ? size * next / partitions : Long.MAX_VALUE;
                    }
                    byte b = a[i];
                    if (b == '\n') {
                        lines++;
                        if (content) {
                            records++;
                        }
                        content = false;
                        atLineStart = true;
                    } else {
                        atLineStart = false;
                        content |= b != ' ' && b != '\t' && b != '\r';
                    }
                }
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
}
