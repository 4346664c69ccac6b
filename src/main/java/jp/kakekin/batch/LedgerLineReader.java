package jp.kakekin.batch;

import jp.kakekin.ledger.LedgerLines;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads the lines of one partition of a JSON Lines ledger, the bytes {@code [start, end)}, which begin on a
 * line boundary, with the ledger's one line reader ({@link LedgerLines}: LF line ends, CRLF allowed, lines
 * longer than the limit skipped without being held in memory). Its position (byte offset, line number) is
 * saved at every commit, so a restarted partition resumes after the last committed chunk. Blank lines (only
 * spaces, tabs, CRs) are skipped, as {@link InputScan} counts them; every other line is passed on, never
 * dropped.
 */
public class LedgerLineReader implements ItemStreamReader<LedgerLine> {

    public static final String OFFSET = "reader.offset";
    public static final String LINE = "reader.line";
    public static final String RECORDS = "reader.records";

    private final Path file;
    private final long start;
    private final long end;
    private final long firstLine;
    private final int maxLineBytes;
    private final Progress progress;

    private FileChannel channel;
    private LedgerLines lines;
    private long offset;
    private long line;
    private long records;

    public LedgerLineReader(Path file, long start, long end, long firstLine, Progress progress) {
        this(file, start, end, firstLine, LedgerLines.DEFAULT_MAX_LINE_BYTES, progress);
    }

    /**
     * @param firstLine    the number of the line that starts at {@code start}
     * @param maxLineBytes the longest line read ({@code kakekin.ledger.max-line-bytes})
     */
    public LedgerLineReader(Path file, long start, long end, long firstLine, int maxLineBytes,
                     Progress progress) {
        this.file = file;
        this.start = start;
        this.end = end;
        this.firstLine = firstLine;
        this.maxLineBytes = maxLineBytes;
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
            lines = new LedgerLines(Channels.newInputStream(channel), offset, line + 1, end, maxLineBytes);
        } catch (IOException e) {
            throw new ItemStreamException("cannot read " + file, e);
        }
    }

    @Override
    public LedgerLine read() {
        try {
            for (LedgerLines.Line l; (l = lines.next()) != null; ) {
                offset = l.endOffset();
                line = l.number();
                if (l.blank()) {
                    continue;
                }
                records++;
                if (progress != null) {
                    progress.add(1);
                }
                return new LedgerLine(l);
            }
            return null;
        } catch (IOException e) {
            throw new ItemStreamException("cannot read " + file + " after line " + line, e);
        }
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
            lines = null;
        }
    }
}
