package jp.kakekin.render;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kakekin's QR encoder gives the very modules ZXing gives with the same hints (byte mode with the UTF-8
 * ECI, level M, mask 2, quiet zone): reissue URLs as printed, and random texts of every length from 1 to
 * 600 bytes (versions 1 to 21, one and several Reed–Solomon blocks, version information from 7 up),
 * ASCII and Japanese; and the image printed is those modules packed, byte for byte.
 */
class QrEncoderTest {

    @Test
    void theModulesAreZxings() {
        Random random = new Random(14);
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-_?=&/:.ABCXYZ";
        String japanese = "髙橋德﨑𠮷証明書控除額";
        int compared = 0;
        for (int length = 1; length <= 600; length += 1 + length / 20) {
            for (int k = 0; k < 3; k++) {
                StringBuilder b = new StringBuilder();
                while (b.length() < length) {
                    if (k == 2 && random.nextInt(4) == 0) {
                        b.appendCodePoint(japanese.codePointAt(japanese.offsetByCodePoints(0, random.nextInt(japanese.codePointCount(0, japanese.length())))));
                    } else {
                        b.append(alphabet.charAt(random.nextInt(alphabet.length())));
                    }
                }
                String text = b.toString();
                if (!QrEncoder.byteMode(text)) {
                    continue;
                }
                assertSame(text);
                compared++;
            }
        }
        for (int i = 0; i < 50; i++) {
            byte[] token = new byte[27];
            random.nextBytes(token);
            assertSame("https://kakekin.smrj.example.go.jp/reissue?t="
                    + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(token));
        }
        assertThat(compared).isGreaterThan(200);
        assertThat(QrEncoder.byteMode("0123")).isFalse();
        assertThat(QrEncoder.byteMode("HTTP://X.JP/A")).isFalse();
        // The table of alphanumeric-mode characters answers as the search of the mode's 45 characters did.
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            boolean alphanumeric = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:".indexOf(c) >= 0;
            assertThat(QrEncoder.byteMode(String.valueOf(c))).as("U+%04X", (int) c).isEqualTo(!alphanumeric);
            assertThat(QrEncoder.byteMode("AB" + c)).as("U+%04X", (int) c).isEqualTo(!alphanumeric);
        }
    }

    /**
     * The packing xors every data bit into its template byte as 0 or its mask (it tested each bit before):
     * for texts of every version from 1 to 40 (up to 30 blocks, the longer blocks of the second group) and
     * other quiet zones (templates made per call, rows padded at other places), the image is encode()'s
     * modules packed, byte for byte, and from version 22 up the modules are ZXing's too.
     */
    @Test
    void everyVersionPacksAsTheModulesDo() {
        Random random = new Random(1406);
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-_?=&/:.";
        java.util.Set<Integer> sides = new java.util.HashSet<>();
        java.util.List<Integer> lengths = new java.util.ArrayList<>();
        for (int length = 1; length <= 2330; length += 1 + length / 16) {
            lengths.add(length);
        }
        lengths.add(2330); // the most version 40 holds at level M
        for (int length : lengths) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < length; i++) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = b.toString();
            if (!QrEncoder.byteMode(text)) {
                continue;
            }
            for (int quietZone : new int[] {0, 1, 3, QrImage.QUIET_ZONE, 5}) {
                int[] size = new int[1];
                boolean[] modules = QrEncoder.encode(text, quietZone, size);
                int[] packedSize = new int[1];
                byte[] packed = QrEncoder.packed(text, quietZone, packedSize);
                assertThat(packedSize[0]).isEqualTo(size[0]);
                assertThat(packed).as("%d bytes, quiet zone %d", length, quietZone)
                        .isEqualTo(QrImage.bilevel(size[0], modules).getRawData());
                if (quietZone == QrImage.QUIET_ZONE) {
                    sides.add(size[0]);
                }
            }
            if (length > 600 && random.nextInt(3) == 0) {
                assertSame(text);
            }
        }
        // Versions 1 to 40: sides 21 + 4·(v − 1) and the quiet zone.
        assertThat(sides).contains(21 + 8, 177 + 8).hasSizeGreaterThan(36);
    }

    private static void assertSame(String text) {
        org.openpdf.text.Image ours = QrImage.of(text);
        org.openpdf.text.Image zxing = QrImage.zxing(text);
        int side = (int) zxing.getWidth();
        assertThat(ours.getWidth()).as(text).isEqualTo(zxing.getWidth());
        assertThat(ours.getBpc()).isEqualTo(1);
        byte[] grey = zxing.getRawData();
        byte[] bits = ours.getRawData();
        int stride = (side + 7) / 8;
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                boolean dark = (bits[y * stride + (x >> 3)] & (0x80 >> (x & 7))) == 0;
                assertThat(dark).as("%s: module %d,%d", text, x, y).isEqualTo(grey[y * side + x] == 0);
            }
        }
        // The image printed (made from a version's template) is byte for byte the modules of encode() packed,
        // the rows' padding bits included.
        int[] size = new int[1];
        boolean[] modules = QrEncoder.encode(text, QrImage.QUIET_ZONE, size);
        assertThat(bits).as(text).isEqualTo(QrImage.bilevel(size[0], modules).getRawData());
    }
}
