package jp.kakekin.ledger;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Strict UTF-8 (RFC 3629): the shortest form only (no overlong {@code C0 AF} for "/"), no surrogates, nothing
 * above U+10FFFF, no truncated sequence. Jackson decodes some invalid sequences leniently, so the ledger
 * reader checks the bytes of every line before parsing them.
 */
final class Utf8 {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGHS = 0x8080808080808080L;

    private Utf8() {
    }

    /** The index of the first byte that does not start a valid sequence, or -1 when all of it is UTF-8. */
    static int firstInvalid(byte[] b) {
        int i = 0;
        int n = b.length;
        while (i < n) {
            // Eight ASCII bytes at a time (no high bit in the word): most of a ledger line is ASCII — names,
            // dates, digits — and this check was ≈ 5 % of the calculate step byte by byte (issue #14).
            while (i + Long.BYTES <= n && ((long) LONGS.get(b, i) & HIGHS) == 0) {
                i += Long.BYTES;
            }
            if (i >= n) {
                break;
            }
            int c = b[i];
            if (c >= 0) {
                i++;
                continue;
            }
            c &= 0xFF;
            int len;
            int lo = 0x80;
            int hi = 0xBF;
            if (c >= 0xC2 && c <= 0xDF) {
                len = 2;
            } else if (c >= 0xE0 && c <= 0xEF) {
                len = 3;
                if (c == 0xE0) {
                    lo = 0xA0; // overlong below U+0800
                } else if (c == 0xED) {
                    hi = 0x9F; // surrogates U+D800..U+DFFF
                }
            } else if (c >= 0xF0 && c <= 0xF4) {
                len = 4;
                if (c == 0xF0) {
                    lo = 0x90; // overlong below U+10000
                } else if (c == 0xF4) {
                    hi = 0x8F; // above U+10FFFF
                }
            } else {
                return i; // a continuation byte, C0/C1 (always overlong) or F5..FF
            }
            if (i + len > n) {
                return i;
            }
            int second = b[i + 1] & 0xFF;
            if (second < lo || second > hi) {
                return i;
            }
            for (int k = 2; k < len; k++) {
                int cont = b[i + k] & 0xFF;
                if (cont < 0x80 || cont > 0xBF) {
                    return i;
                }
            }
            i += len;
        }
        return -1;
    }

    /** Up to {@code count} bytes from {@code from}, as hex: what an error message shows of bad bytes. */
    static String hex(byte[] b, int from, int count) {
        StringBuilder s = new StringBuilder("bytes");
        for (int i = from; i < Math.min(b.length, from + count); i++) {
            s.append(String.format(" %02X", b[i] & 0xFF));
        }
        return s.toString();
    }

    /**
     * Passes bytes through only once they are known to be strict UTF-8, counting lines, so a {@code .json}
     * ledger that is not UTF-8 stops with the line of the bad bytes (the JDK's decoder says only "Input length = 1").
     */
    static final class CheckedStream extends java.io.FilterInputStream {
        private final byte[] carry = new byte[4];
        private int carried;
        private long line = 1;

        CheckedStream(java.io.InputStream in) {
            super(in);
        }

        @Override
        public int read() throws java.io.IOException {
            byte[] one = new byte[1];
            int n;
            while ((n = read(one, 0, 1)) == 0) {
                // a multi-byte sequence is being completed
            }
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws java.io.IOException {
            if (len == 0) {
                return 0;
            }
            int n;
            while ((n = readSome(b, off, len)) == 0) {
                // only part of a multi-byte sequence so far: read on (never return 0 for len > 0)
            }
            return n;
        }

        private int readSome(byte[] b, int off, int len) throws java.io.IOException {
            // the bytes held back from the last read (an incomplete sequence) come first
            System.arraycopy(carry, 0, b, off, Math.min(carried, len));
            int have = Math.min(carried, len);
            if (have < carried) {
                System.arraycopy(carry, have, carry, 0, carried - have);
                carried -= have;
                return have;
            }
            carried = 0;
            int n = have < len ? super.read(b, off + have, len - have) : 0;
            if (n < 0) {
                if (have == 0) {
                    return -1;
                }
                check(b, off, have, true);
                return have;
            }
            int total = have + n;
            int complete = completeLength(b, off, total);
            check(b, off, complete, false);
            carried = total - complete;
            System.arraycopy(b, off + complete, carry, 0, carried);
            return complete;
        }

        /** How many bytes end on a sequence boundary (at most 3 trailing bytes of a started sequence are held). */
        private static int completeLength(byte[] b, int off, int len) {
            for (int back = 1; back <= Math.min(3, len); back++) {
                int c = b[off + len - back] & 0xFF;
                if (c < 0x80) {
                    return len; // ASCII: everything before it is complete
                }
                if (c >= 0xC0) {
                    int need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
                    return need > back ? len - back : len;
                }
            }
            return len;
        }

        private void check(byte[] b, int off, int len, boolean end) throws java.io.IOException {
            byte[] chunk = java.util.Arrays.copyOfRange(b, off, off + len);
            int bad = firstInvalid(chunk);
            for (int i = 0; i < (bad < 0 ? len : bad); i++) {
                if (chunk[i] == '\n') {
                    line++;
                }
            }
            if (bad >= 0) {
                throw new NotUtf8("line " + line + ": not UTF-8 (" + hex(chunk, bad, 4) + ")", line);
            }
        }
    }

    /** Bytes that are not UTF-8 in a stream, with the line they are on. */
    static final class NotUtf8 extends java.io.CharConversionException {
        final long line;

        NotUtf8(String message, long line) {
            super(message);
            this.line = line;
        }
    }
}
