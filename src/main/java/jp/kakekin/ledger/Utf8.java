package jp.kakekin.ledger;

/**
 * Strict UTF-8 (RFC 3629): the shortest form only (no overlong {@code C0 AF} for "/"), no surrogates, nothing
 * above U+10FFFF, no truncated sequence. Jackson decodes some invalid sequences leniently, so the ledger
 * reader checks the bytes of every line before parsing them.
 */
final class Utf8 {

    private Utf8() {
    }

    /** The index of the first byte that does not start a valid sequence, or -1 when all of it is UTF-8. */
    static int firstInvalid(byte[] b) {
        int i = 0;
        int n = b.length;
        while (i < n) {
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
}
