package jp.kakekin.ledger;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LedgerLines} gives the lines of the byte-by-byte definition below — number, bytes (CR of a CRLF
 * dropped), length, end offset, too long or not — both when a line lies whole in its buffer (the one-copy
 * path) and when it crosses reads (of 1 to 40 bytes), whatever the line ends, blank lines, a missing final
 * newline, multi-byte characters and lines at, under and over the limit.
 */
class LedgerLinesTest {

    private static final String[] PIECES = {"a", "{\"k\":1}", " ", "\t", "\r", "\r\n", "\n", "\n", "長崎", "\u3000",
            "0123456789abcdef", "\u00e9", "\n\n"};

    @Test
    void linesAreTheByteByByteDefinitionsWholeInTheBufferOrAcrossReads() throws IOException {
        Random random = new Random(14);
        for (int round = 0; round < 3_000; round++) {
            StringBuilder b = new StringBuilder();
            int pieces = random.nextInt(40);
            for (int i = 0; i < pieces; i++) {
                b.append(PIECES[random.nextInt(PIECES.length)]);
            }
            byte[] file = b.toString().getBytes(StandardCharsets.UTF_8);
            int limit = 1 + random.nextInt(40);
            List<String> expected = reference(file, limit);
            assertThat(read(new ByteArrayInputStream(file), limit)).as("whole, %s, limit %d", b, limit)
                    .isEqualTo(expected);
            assertThat(read(chunked(file, random), limit)).as("in chunks, %s, limit %d", b, limit).isEqualTo(expected);
        }
    }

    @Test
    void newlineIsTheFirstLineFeedOrMinusOne() {
        Random random = new Random(6);
        for (int round = 0; round < 2_000; round++) {
            byte[] a = new byte[random.nextInt(40)];
            for (int i = 0; i < a.length; i++) {
                a[i] = (byte) (random.nextInt(8) == 0 ? '\n' : random.nextInt(256));
            }
            int from = a.length == 0 ? 0 : random.nextInt(a.length);
            int to = from + random.nextInt(a.length - from + 1);
            int expected = -1;
            for (int i = from; i < to; i++) {
                if (a[i] == '\n') {
                    expected = i;
                    break;
                }
            }
            assertThat(LedgerLines.newline(a, from, to)).as("%s [%d, %d)", Arrays.toString(a), from, to)
                    .isEqualTo(expected);
        }
    }

    private static List<String> read(InputStream in, int limit) throws IOException {
        List<String> out = new ArrayList<>();
        try (LedgerLines lines = new LedgerLines(in, limit)) {
            for (LedgerLines.Line l; (l = lines.next()) != null; ) {
                out.add(describe(l.number(), l.utf8(), l.length(), l.endOffset(), l.tooLong()));
            }
        }
        return out;
    }

    /** The definition: a line ends at LF (its CR, if any, with it); a last line without LF only if not empty. */
    private static List<String> reference(byte[] file, int limit) {
        List<String> out = new ArrayList<>();
        long number = 0;
        int start = 0;
        for (int i = 0; i <= file.length; i++) {
            boolean lf = i < file.length && file[i] == '\n';
            if (!lf && !(i == file.length && i > start)) {
                continue;
            }
            int raw = i - start;
            int length = raw > 0 && file[i - 1] == '\r' ? raw - 1 : raw;
            boolean tooLong = raw > limit;
            out.add(describe(++number, tooLong ? null : Arrays.copyOfRange(file, start, start + length), length,
                    lf ? i + 1 : i, tooLong));
            start = i + 1;
        }
        return out;
    }

    private static String describe(long number, byte[] utf8, long length, long endOffset, boolean tooLong) {
        return "%d %s %d %d %s".formatted(number, utf8 == null ? null : Arrays.toString(utf8), length, endOffset,
                tooLong);
    }

    /** Reads of 1 to 40 bytes: lines cross the reader's fills. */
    private static InputStream chunked(byte[] file, Random random) {
        return new InputStream() {
            int pos;

            @Override
            public int read() {
                return pos < file.length ? file[pos++] & 0xFF : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= file.length) {
                    return -1;
                }
                int n = Math.min(Math.min(len, 1 + random.nextInt(40)), file.length - pos);
                System.arraycopy(file, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }
}
