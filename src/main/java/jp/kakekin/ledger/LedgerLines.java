package jp.kakekin.ledger;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The one line reader of a JSON Lines ledger, for every command ({@code calculate}, {@code import},
 * {@code render}, {@code print-run}, {@code export-e-delivery}, …), so a file means the same to all of them:
 * <ul>
 * <li>A line ends at LF; a CR just before the LF belongs to the line end (CRLF files). A lone CR is not a
 * line end (JSON Lines), so line numbers are the same everywhere, and agree with the print run's byte
 * offsets; inside a line a stray CR is JSON whitespace.</li>
 * <li>A line of only spaces, tabs and CRs is blank: skipped, not a record. Any other line is a record, valid
 * or not — a line holding only U+3000 (an ideographic space) is reported, never dropped.</li>
 * <li>A line longer than the limit is never held in memory: its bytes are skipped to the line end and it
 * comes out as a {@linkplain Line#tooLong() too long} line, reported with its length.</li>
 * </ul>
 * Lines are bytes: the UTF-8 check and the parsing happen in {@link LedgerReader#parseLine}, on whichever
 * thread parses.
 */
public final class LedgerLines implements Closeable {

    /** Longest ledger line read (bytes, without the line end): a real record is a few KB. */
    public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;

    /**
     * One line as read.
     *
     * @param number    its line number (1-based)
     * @param utf8      its bytes without the line end, or null when it was longer than the limit
     * @param length    its length in bytes (without the line end), also for a line too long to keep
     * @param endOffset the byte offset just past its line end (where the next line starts)
     * @param limit     the longest line the reader kept
     */
    public record Line(long number, byte[] utf8, long length, long endOffset, int limit) {
        public boolean tooLong() {
            return utf8 == null;
        }

        /** Only spaces, tabs and CRs (or nothing): not a record. */
        public boolean blank() {
            if (utf8 == null) {
                return false;
            }
            for (byte b : utf8) {
                if (b != ' ' && b != '\t' && b != '\r') {
                    return false;
                }
            }
            return true;
        }
    }

    private final InputStream in;
    private final long end;
    private final int maxLineBytes;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private boolean eof;
    private byte[] line = new byte[8 * 1024];
    private long offset;
    private long lineNo;

    /**
     * @param in           positioned at {@code startOffset}, at the start of a line
     * @param startOffset  byte offset of {@code in}'s first byte in the file
     * @param firstLine    the number of the line starting there
     * @param end          offset to stop at (a line starting before it is read whole); Long.MAX_VALUE for all
     * @param maxLineBytes longest line kept
     */
    public LedgerLines(InputStream in, long startOffset, long firstLine, long end, int maxLineBytes) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be positive, was " + maxLineBytes);
        }
        this.in = in;
        this.offset = startOffset;
        this.lineNo = firstLine - 1;
        this.end = end;
        this.maxLineBytes = maxLineBytes;
    }

    public LedgerLines(InputStream in, int maxLineBytes) {
        this(in, 0, 1, Long.MAX_VALUE, maxLineBytes);
    }

    public static LedgerLines open(Path file, int maxLineBytes) {
        try {
            return new LedgerLines(Files.newInputStream(file), maxLineBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The next line, blank ones included; null at the end of the input (or of the range). */
    public Line next() throws IOException {
        if (offset >= end) {
            return null;
        }
        long length = 0;
        boolean any = false;
        byte last = 0;
        while (true) {
            if (pos == limit) {
                if (eof || !fill()) {
                    if (!any) {
                        return null;
                    }
                    break; // a last line without a line end
                }
            }
            any = true;
            int from = pos;
            int nl = newline(buf, from, limit);
            int i = nl < 0 ? limit : nl;
            int n = i - from;
            if (length == 0 && nl >= 0 && n <= maxLineBytes) {
                // The whole line is in the buffer (all but one line in a buffer of 64 KB): copied once, from
                // the buffer, not into the line array and out again. The same line as the path below.
                pos = i + 1;
                offset += n + 1;
                lineNo++;
                int kept = n > 0 && buf[i - 1] == '\r' ? n - 1 : n; // the CR of a CRLF belongs to the line end
                return new Line(lineNo, Arrays.copyOfRange(buf, from, from + kept), kept, offset, maxLineBytes);
            }
            if (n > 0) {
                last = buf[i - 1];
            }
            if (length + n <= maxLineBytes) {
                if (length + n > line.length) {
                    line = Arrays.copyOf(line, (int) Math.min(maxLineBytes, Math.max(line.length * 2L, length + n)));
                }
                System.arraycopy(buf, from, line, (int) length, n);
            }
            length += n;
            offset += n;
            if (i < limit) {
                pos = i + 1;
                offset++;
                break;
            }
            pos = limit;
        }
        lineNo++;
        boolean kept = length <= maxLineBytes; // every byte of it was copied
        if (length > 0 && last == '\r') {
            length--; // the CR of a CRLF belongs to the line end
        }
        byte[] bytes = kept ? Arrays.copyOf(line, (int) length) : null;
        return new Line(lineNo, bytes, length, offset, maxLineBytes);
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * The index of the first {@code '\n'} in {@code a[from, to)}, or -1. Eight bytes at a time (the classic
     * "has a zero byte" test on the word XOR newlines; its lowest flag is always a real match): the JDK has no
     * public byte-array search. A byte-by-byte loop read the ledger at ≈ 185 MB/s: 0.9 s of a 100,000-contract
     * print run's start in the prepare step's input scan ({@code InputScan}, which uses this one), and 2.8 % of
     * the calculate step here (docs/performance.md). A UTF-8 ledger has no 0x0A byte inside a multi-byte
     * character.
     */
    public static int newline(byte[] a, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long w = (long) LONGS.get(a, i) ^ NEWLINES;
            long found = (w - ONES) & ~w & HIGHS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (a[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            eof = true;
            pos = limit = 0;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    /** The number of the last line returned. */
    public long lineNumber() {
        return lineNo;
    }

    /** The byte offset where the next line starts. */
    public long offset() {
        return offset;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
