package jp.kakekin.ledger;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Utf8#firstInvalid} skips ASCII eight bytes at a time: it must find the same first bad byte as the
 * byte-by-byte definition below, wherever a bad or multi-byte sequence falls against the eight-byte words
 * (runs of ASCII of every length, then valid, overlong, surrogate, truncated and out-of-range sequences).
 */
class Utf8Test {

    private static final int[][] SEQUENCES = {{'a'}, {'{'}, {0x7F}, {0xC3, 0xA9}, {0xE9, 0x95, 0xB7}, {0xF0, 0x9F, 0x98, 0x80},
            {0xC0, 0xAF}, {0xE0, 0x80, 0xAF}, {0xED, 0xA0, 0x80}, {0xF4, 0x90, 0x80, 0x80}, {0x80}, {0xFF}, {0xE9, 0x95},
            {0xF0, 0x9F}};

    @Test
    void sameFirstInvalidByteAsTheByteByByteDefinition() {
        Random random = new Random(14);
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[0];
            int pieces = random.nextInt(12);
            for (int p = 0; p < pieces; p++) {
                int ascii = random.nextInt(20);
                int at = b.length;
                b = Arrays.copyOf(b, at + ascii);
                Arrays.fill(b, at, at + ascii, (byte) 'x');
                // mostly valid sequences, now and then a bad one
                int[] s = SEQUENCES[random.nextInt(4) == 0 ? random.nextInt(SEQUENCES.length) : random.nextInt(6)];
                at = b.length;
                b = Arrays.copyOf(b, at + s.length);
                for (int k = 0; k < s.length; k++) {
                    b[at + k] = (byte) s[k];
                }
            }
            assertThat(Utf8.firstInvalid(b)).as(Arrays.toString(b)).isEqualTo(byteByByte(b));
        }
    }

    /** The definition, as firstInvalid was written before the ASCII words. */
    private static int byteByByte(byte[] b) {
        int i = 0;
        while (i < b.length) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                i++;
                continue;
            }
            int len;
            int lo = 0x80;
            int hi = 0xBF;
            if (c >= 0xC2 && c <= 0xDF) {
                len = 2;
            } else if (c >= 0xE0 && c <= 0xEF) {
                len = 3;
                lo = c == 0xE0 ? 0xA0 : lo;
                hi = c == 0xED ? 0x9F : hi;
            } else if (c >= 0xF0 && c <= 0xF4) {
                len = 4;
                lo = c == 0xF0 ? 0x90 : lo;
                hi = c == 0xF4 ? 0x8F : hi;
            } else {
                return i;
            }
            if (i + len > b.length || (b[i + 1] & 0xFF) < lo || (b[i + 1] & 0xFF) > hi) {
                return i;
            }
            for (int k = 2; k < len; k++) {
                if ((b[i + k] & 0xFF) < 0x80 || (b[i + k] & 0xFF) > 0xBF) {
                    return i;
                }
            }
            i += len;
        }
        return -1;
    }
}
