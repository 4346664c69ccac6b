package jp.kakekin.calculation;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a byte stream into lines without decoding them, so that the single reading thread only looks for
 * line ends and the UTF-8 decoding happens on the worker threads with the parsing. Line ends are those of
 * {@link java.io.BufferedReader#readLine()}: LF, CR LF or a lone CR; a last line without one still counts.
 */
final class RawLines implements Closeable {

    private final InputStream in;
    private final byte[] buf = new byte[1 << 20];
    private int pos;
    private int limit;
    private byte[] partial = new byte[4096];
    private int partialLength;
    private boolean skipLf;
    private boolean eof;

    RawLines(InputStream in) {
        this.in = in;
    }

    /** Up to {@code max} lines; empty at the end of the stream. */
    List<byte[]> next(int max) throws IOException {
        List<byte[]> lines = new ArrayList<>(max);
        while (lines.size() < max) {
            if (pos == limit) {
                if (eof || !fill()) {
                    if (partialLength > 0) {
                        lines.add(Arrays.copyOf(partial, partialLength));
                        partialLength = 0;
                    }
                    break;
                }
            }
            if (skipLf) {
                skipLf = false;
                if (buf[pos] == '\n') {
                    pos++;
                    continue;
                }
            }
            int start = pos;
            int end = start;
            while (end < limit && buf[end] != '\n' && buf[end] != '\r') {
                end++;
            }
            if (end == limit) {
                append(start, end);
                pos = limit;
                continue;
            }
            byte[] line;
            if (partialLength == 0) {
                line = Arrays.copyOfRange(buf, start, end);
            } else {
                append(start, end);
                line = Arrays.copyOf(partial, partialLength);
                partialLength = 0;
            }
            lines.add(line);
            skipLf = buf[end] == '\r';
            pos = end + 1;
        }
        return lines;
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

    private void append(int from, int to) {
        int n = to - from;
        if (partialLength + n > partial.length) {
            partial = Arrays.copyOf(partial, Math.max(partial.length * 2, partialLength + n));
        }
        System.arraycopy(buf, from, partial, partialLength, n);
        partialLength += n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
