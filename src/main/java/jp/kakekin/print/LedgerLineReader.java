package jp.kakekin.print;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads the lines of one partition of a JSON Lines ledger: the bytes {@code [start, end)}, which begin
 * on a line boundary. Its position (byte offset, line number) is saved at every commit, so a restarted
 * partition resumes after the last committed chunk. Blank lines (only spaces, tabs, CR) are skipped, as
 * the ledger reader does; every other line is passed on as bytes, never dropped.
 */
class LedgerLineReader implements ItemStreamReader<LedgerLine> {

    static final String OFFSET = "reader.offset";
    static final String LINE = "reader.line";
    static final String RECORDS = "reader.records";

    private final Path file;
    private final long start;
    private final long end;
    private final long firstLine;
    private final PrintRunProgress.Phase progress;

    private FileChannel channel;
    private final ByteBuffer window = ByteBuffer.allocate(1 << 16);
    private long offset;
    private long line;
    private long records;
    private byte[] buf = new byte[8 * 1024];

    /**
     * @param firstLine the number of the line that starts at {@code start}
     */
    LedgerLineReader(Path file, long start, long end, long firstLine, PrintRunProgress.Phase progress) {
        this.file = file;
        this.start = start;
        this.end = end;
        this.firstLine = firstLine;
        this.progress = progress;
    }

    @Override
    public void open(ExecutionContext ctx) {
        offset = ctx.getLong(OFFSET, start);
        line = ctx.getLong(LINE, firstLine - 1);
        records = ctx.getLong(RECORDS, 0);
        if (progress != null) {
            progress.resume(records);
        }
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
            channel.position(offset);
            window.clear().flip();
        } catch (IOException e) {
            throw new ItemStreamException("cannot read " + file, e);
        }
    }

    @Override
    public LedgerLine read() {
        try {
            while (offset < end) {
                int len = 0;
                boolean lineBreak = false;
                while (!lineBreak) {
                    if (!window.hasRemaining()) {
                        window.clear();
                        int n = channel.read(window);
                        window.flip();
                        if (n <= 0) {
                            break;
                        }
                    }
                    byte[] a = window.array();
                    int from = window.position();
                    int limit = window.limit();
                    int i = from;
                    while (i < limit && a[i] != '\n') {
                        i++;
                    }
                    int n = i - from;
                    if (len + n > buf.length) {
                        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
                    }
                    System.arraycopy(a, from, buf, len, n);
                    len += n;
                    lineBreak = i < limit;
                    window.position(lineBreak ? i + 1 : limit);
                    offset += lineBreak ? n + 1 : n;
                }
                if (!lineBreak && len == 0) {
                    return null;
                }
                line++;
                if (blank(buf, len)) {
                    continue;
                }
                if (buf[len - 1] == '\r') {
                    len--;
                }
                records++;
                if (progress != null) {
                    progress.add(1);
                }
                return new LedgerLine(line, Arrays.copyOf(buf, len));
            }
            return null;
        } catch (IOException e) {
            throw new ItemStreamException("cannot read " + file + " after line " + line, e);
        }
    }

    /** Only spaces, tabs and CRs: not a record (the same rule as {@link InputScan}). */
    private static boolean blank(byte[] b, int len) {
        for (int i = 0; i < len; i++) {
            if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
                return false;
            }
        }
        return true;
    }

    @Override
    public void update(ExecutionContext ctx) {
        ctx.putLong(OFFSET, offset);
        ctx.putLong(LINE, line);
        ctx.putLong(RECORDS, records);
    }

    @Override
    public void close() {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            throw new ItemStreamException("cannot close " + file, e);
        } finally {
            channel = null;
        }
    }
}
