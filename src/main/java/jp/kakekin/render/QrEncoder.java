package jp.kakekin.render;

import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.decoder.Version;

import java.nio.charset.StandardCharsets;

/**
 * The QR codes of the documents, encoded the way ZXing's {@code QRCodeWriter} encodes them with
 * {@link QrImage}'s hints (byte mode with the UTF-8 ECI, level M, mask pattern 2, 4-module quiet zone) —
 * the same modules, tested against ZXing — without its per-code allocations: ZXing builds its Reed–Solomon
 * generator polynomials anew for every code, which was most of a certificate's QR cost. The version
 * and block tables are ZXing's ({@link Version}).
 */
final class QrEncoder {

    private static final ErrorCorrectionLevel LEVEL = ErrorCorrectionLevel.M;
    private static final int MASK = 2;
    /** ECI designator of UTF-8. */
    private static final int UTF8_ECI = 26;
    private static final String ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
    /** {@link #ALPHANUMERIC}'s characters, by code: a look-up per character of a code's text, not a search. */
    private static final boolean[] IS_ALPHANUMERIC = new boolean[128];

    static {
        for (char c : ALPHANUMERIC.toCharArray()) {
            IS_ALPHANUMERIC[c] = true;
        }
    }

    private static final int[] EXP = new int[512];
    private static final int[] LOG = new int[256];

    static {
        int x = 1;
        for (int i = 0; i < 255; i++) {
            EXP[i] = x;
            LOG[x] = i;
            x <<= 1;
            if (x >= 256) {
                x ^= 0x11D;
            }
        }
        for (int i = 255; i < 512; i++) {
            EXP[i] = EXP[i - 255];
        }
    }

    private QrEncoder() {
    }

    /** Whether ZXing would encode the text in byte mode (otherwise use ZXing itself). */
    static boolean byteMode(String text) {
        boolean digits = true;
        boolean alphanumeric = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            digits &= c >= '0' && c <= '9';
            alphanumeric &= c < 128 && IS_ALPHANUMERIC[c];
        }
        return !text.isEmpty() && !digits && !alphanumeric;
    }

    /**
     * The code's modules with the quiet zone, row by row: true is dark; {@code size} is the side in
     * modules. Null when the text is too long for any version.
     */
    static boolean[] encode(String text, int quietZone, int[] size) {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        Version version = version(data);
        if (version == null) {
            return null;
        }
        byte[] codewords = codewords(data, version);
        int dim = version.getDimensionForVersion();
        byte[] m = functionPatterns(version);
        // Data, in two-column zigzag from the bottom right, mask 2: (x % 3) == 0.
        int dataBits = codewords.length * 8;
        int[] positions = dataPositions(m, dim);
        for (int bitIndex = 0; bitIndex < positions.length; bitIndex++) {
            int xx = positions[bitIndex] % dim;
            boolean bit = bitIndex < dataBits && (codewords[bitIndex >> 3] >> (7 - (bitIndex & 7)) & 1) != 0;
            if (xx % 3 == 0) {
                bit = !bit;
            }
            m[positions[bitIndex]] = (byte) (bit ? 1 : 0);
        }
        int side = dim + 2 * quietZone;
        boolean[] out = new boolean[side * side];
        for (int yy = 0; yy < dim; yy++) {
            for (int xx = 0; xx < dim; xx++) {
                out[(yy + quietZone) * side + xx + quietZone] = m[yy * dim + xx] == 1;
            }
        }
        size[0] = side;
        return out;
    }

    /**
     * The same modules as {@link #encode}, packed as {@link QrImage} stores them: one bit per module, rows
     * padded to the byte with 1s, 0 dark. Everything but the data bits is the same for every code of a
     * version — finder, timing and alignment patterns, format and version information, and where each data
     * bit goes with its mask — so it is laid out once per version ({@link Template}) and a code is that
     * image with the modules of its 1 bits flipped (placing every module per code, then packing the
     * modules, was ≈ 7% of the print workers' samples). Null when the text is too long for any version.
     */
    static byte[] packed(String text, int quietZone, int[] size) {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        Version version = version(data);
        if (version == null) {
            return null;
        }
        byte[] codewords = codewords(data, version);
        Template t = template(version, quietZone);
        byte[] out = t.base().clone();
        int[] at = t.dataBits();
        int n = Math.min(codewords.length, at.length >> 3);
        // Codeword by codeword, every bit xor-ed in as 0 or its mask: half the data bits are 1 in no
        // pattern, so testing each bit was a branch the processor mispredicted every other time (the
        // module-by-module test was ≈ 3.6% of the print workers' samples).
        for (int j = 0; j < n; j++) {
            int c = codewords[j] & 0xFF;
            int k = j << 3;
            for (int b = 7; b >= 0; b--, k++) {
                int p = at[k];
                out[p >>> 3] ^= (byte) ((c >> b & 1) << (p & 7));
            }
        }
        size[0] = t.side();
        return out;
    }

    /**
     * A version's packed image with every data bit 0 (masked), and where each data bit goes, in placement
     * order: the bit's byte in the image times 8 plus the bit's shift in the byte (0 the least significant).
     */
    private record Template(int side, byte[] base, int[] dataBits) {
    }

    /** Templates of the usual quiet zone, by version number. */
    private static final Template[] TEMPLATES = new Template[41];

    private static Template template(Version version, int quietZone) {
        int v = version.getVersionNumber();
        if (quietZone == QrImage.QUIET_ZONE) {
            Template t = TEMPLATES[v];
            if (t == null) {
                t = newTemplate(version, quietZone);
                // Racing threads make equal templates; any of them may stay (a record of final fields).
                TEMPLATES[v] = t;
            }
            return t;
        }
        return newTemplate(version, quietZone);
    }

    /**
     * The modules that carry data (those the function patterns leave free, -1 in {@code m}), in the order
     * the bits go in: two-column zigzag from the bottom right, skipping the timing column — one placement
     * for encode() and the templates.
     */
    private static int[] dataPositions(byte[] m, int dim) {
        int[] positions = new int[dim * dim];
        int count = 0;
        int direction = -1;
        int y = dim - 1;
        for (int x = dim - 1; x > 0; x -= 2) {
            if (x == 6) {
                x--;
            }
            while (y >= 0 && y < dim) {
                for (int i = 0; i < 2; i++) {
                    if (m[y * dim + x - i] == -1) {
                        positions[count++] = y * dim + x - i;
                    }
                }
                y += direction;
            }
            direction = -direction;
            y += direction;
        }
        return java.util.Arrays.copyOf(positions, count);
    }

    private static Template newTemplate(Version version, int quietZone) {
        int dim = version.getDimensionForVersion();
        byte[] m = functionPatterns(version);
        int side = dim + 2 * quietZone;
        int stride = (side + 7) / 8;
        // The placement of encode(); a data bit 0 is dark where mask 2 ((x % 3) == 0) flips it.
        int[] positions = dataPositions(m, dim);
        int[] order = new int[positions.length];
        for (int k = 0; k < positions.length; k++) {
            int xx = positions[k] % dim;
            int yy = positions[k] / dim;
            order[k] = ((yy + quietZone) * stride + ((xx + quietZone) >> 3)) * 8 + (7 - ((xx + quietZone) & 7));
            m[positions[k]] = (byte) (xx % 3 == 0 ? 1 : 0);
        }
        int count = order.length;
        byte[] base = new byte[stride * side];
        java.util.Arrays.fill(base, (byte) 0xFF);
        for (int yy = 0; yy < dim; yy++) {
            for (int xx = 0; xx < dim; xx++) {
                if (m[yy * dim + xx] == 1) {
                    int x = xx + quietZone;
                    base[(yy + quietZone) * stride + (x >> 3)] &= (byte) ~(0x80 >> (x & 7));
                }
            }
        }
        return new Template(side, base, java.util.Arrays.copyOf(order, count));
    }

    /** The smallest version that holds the data in byte mode with the UTF-8 ECI, or null. */
    private static Version version(byte[] data) {
        int headerBits = 4 + 8 + 4;
        Version version = chooseVersion(headerBits + 8 + data.length * 8);
        if (version == null) {
            return null;
        }
        return chooseVersion(headerBits + countBits(version) + data.length * 8);
    }

    /** The data and error correction codewords of the version, interleaved. */
    private static byte[] codewords(byte[] data, Version version) {
        Version.ECBlocks ecBlocks = version.getECBlocksForLevel(LEVEL);
        int total = version.getTotalCodewords();
        int dataBytes = total - ecBlocks.getTotalECCodewords();
        // Byte mode after the UTF-8 ECI: 0111, 00011010 (26), 0100, then the count in 8 or 16 bits — whole bytes,
        // so the data bytes follow byte-aligned and are copied, not appended bit by bit.
        byte[] bytes = new byte[dataBytes];
        int k = 0;
        bytes[k++] = 0x71;
        bytes[k++] = (byte) 0xA4;
        if (countBits(version) == 16) {
            bytes[k++] = (byte) (data.length >> 8);
        }
        bytes[k++] = (byte) data.length;
        System.arraycopy(data, 0, bytes, k, data.length);
        k += data.length;
        // Terminator (four zero bits) and zeros to the byte: one zero byte when there is room; then the pad bytes.
        if (k < dataBytes) {
            bytes[k++] = 0;
        }
        for (int i = 0; k < dataBytes; i++) {
            bytes[k++] = (byte) ((i & 1) == 0 ? 0xEC : 0x11);
        }
        return interleave(bytes, total, dataBytes, ecBlocks.getNumBlocks());
    }

    /** The version's modules with its function patterns and format and version information set; -1 elsewhere. */
    private static byte[] functionPatterns(Version version) {
        int dim = version.getDimensionForVersion();
        byte[] m = new byte[dim * dim];
        java.util.Arrays.fill(m, (byte) -1);
        finder(m, dim, 0, 0);
        finder(m, dim, dim - 7, 0);
        finder(m, dim, 0, dim - 7);
        set(m, dim, 8, dim - 8, 1);
        if (version.getVersionNumber() >= 2) {
            int[] centers = version.getAlignmentPatternCenters();
            for (int cy : centers) {
                for (int cx : centers) {
                    if (m[cy * dim + cx] == -1) {
                        for (int dy = -2; dy <= 2; dy++) {
                            for (int dx = -2; dx <= 2; dx++) {
                                int ring = Math.max(Math.abs(dx), Math.abs(dy));
                                set(m, dim, cx + dx, cy + dy, ring == 1 ? 0 : 1);
                            }
                        }
                    }
                }
            }
        }
        for (int i = 8; i < dim - 8; i++) {
            int bit = (i + 1) % 2;
            if (m[6 * dim + i] == -1) {
                set(m, dim, i, 6, bit);
            }
            if (m[i * dim + 6] == -1) {
                set(m, dim, 6, i, bit);
            }
        }
        typeInfo(m, dim);
        if (version.getVersionNumber() >= 7) {
            int info = version.getVersionNumber() << 12 | bch(version.getVersionNumber(), 0x1F25);
            int bitIndex = 17;
            for (int i = 0; i < 6; i++) {
                for (int j = 0; j < 3; j++) {
                    // LSB first, as ZXing places them.
                    int bit = info >> (17 - bitIndex--) & 1;
                    set(m, dim, i, dim - 11 + j, bit);
                    set(m, dim, dim - 11 + j, i, bit);
                }
            }
        }
        return m;
    }

    private static int countBits(Version version) {
        return version.getVersionNumber() <= 9 ? 8 : 16;
    }

    private static Version chooseVersion(int bits) {
        for (int v = 1; v <= 40; v++) {
            Version version = Version.getVersionForNumber(v);
            int dataBytes = version.getTotalCodewords() - version.getECBlocksForLevel(LEVEL).getTotalECCodewords();
            if (dataBytes >= (bits + 7) / 8) {
                return version;
            }
        }
        return null;
    }

    /**
     * The blocks' data codewords, then their check bytes, interleaved: each byte is written where it goes,
     * with no copy of a block (level M's blocks of a version all have the same number of check bytes).
     */
    private static byte[] interleave(byte[] data, int total, int dataBytes, int blocks) {
        int group2 = total % blocks;
        int group1 = blocks - group2;
        int data1 = dataBytes / blocks;
        int ec = total / blocks - data1;
        byte[] out = new byte[total];
        int[] remainder = new int[data1 + 1 + ec];
        int offset = 0;
        for (int b = 0; b < blocks; b++) {
            int n = b < group1 ? data1 : data1 + 1;
            for (int i = 0; i < data1; i++) {
                out[i * blocks + b] = data[offset + i];
            }
            if (n > data1) {
                // Only the longer blocks (the second group) have a last data byte.
                out[data1 * blocks + b - group1] = data[offset + data1];
            }
            ecBytes(data, offset, n, ec, remainder, out, dataBytes + b, blocks);
            offset += n;
        }
        return out;
    }

    /**
     * Reed–Solomon check bytes: the remainder of data·x^n divided by the generator of degree n, written to
     * {@code out} at {@code at}, {@code at + stride}, …. The remainder after the j-th data byte is
     * {@code r[j + 1 .. j + n]}: dividing moves it one place on instead of shifting it (r, cleared here, holds
     * at least len + n).
     */
    private static void ecBytes(byte[] data, int from, int len, int n, int[] r, byte[] out, int at, int stride) {
        int[] products = PRODUCTS[n];
        java.util.Arrays.fill(r, 0, len + n, 0);
        for (int j = 0; j < len; j++) {
            int factor = (data[from + j] & 0xFF) ^ r[j];
            if (factor != 0) {
                int row = factor * n;
                for (int i = 0; i < n; i++) {
                    r[j + 1 + i] ^= products[row + i];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            out[at + i * stride] = (byte) r[len + i];
        }
    }

    /**
     * For each degree of level M's blocks: factor × the generator's coefficients, for every factor (row
     * {@code factor * n}) — made at start, so a code's check bytes are one table row per data byte, not two
     * logarithm look-ups per coefficient.
     */
    private static final int[][] PRODUCTS = new int[70][];

    static {
        for (int v = 1; v <= 40; v++) {
            int n = Version.getVersionForNumber(v).getECBlocksForLevel(LEVEL).getECCodewordsPerBlock();
            if (PRODUCTS[n] == null) {
                int[] g = generator(n);
                int[] products = new int[256 * n];
                for (int factor = 1; factor < 256; factor++) {
                    for (int i = 0; i < n; i++) {
                        products[factor * n + i] = g[i] == 0 ? 0 : EXP[LOG[factor] + LOG[g[i]]];
                    }
                }
                PRODUCTS[n] = products;
            }
        }
    }

    /** (x - α^0)(x - α^1)…(x - α^(n-1)), coefficients after the leading 1, highest degree first. */
    private static int[] generator(int n) {
        int[] poly = {1};
        for (int d = 0; d < n; d++) {
            int[] next = new int[poly.length + 1];
            for (int i = 0; i < poly.length; i++) {
                next[i] ^= poly[i];
                if (poly[i] != 0) {
                    next[i + 1] ^= EXP[LOG[poly[i]] + d];
                }
            }
            poly = next;
        }
        return java.util.Arrays.copyOfRange(poly, 1, poly.length);
    }

    private static void finder(byte[] m, int dim, int x0, int y0) {
        for (int dy = -1; dy <= 7; dy++) {
            for (int dx = -1; dx <= 7; dx++) {
                int x = x0 + dx;
                int y = y0 + dy;
                if (x < 0 || y < 0 || x >= dim || y >= dim) {
                    continue;
                }
                int ring = Math.max(Math.abs(dx - 3), Math.abs(dy - 3));
                set(m, dim, x, y, ring == 4 || ring == 2 ? 0 : 1);
            }
        }
    }

    private static final int[][] TYPE_INFO_COORDINATES = {{8, 0}, {8, 1}, {8, 2}, {8, 3}, {8, 4}, {8, 5}, {8, 7}, {8, 8},
            {7, 8}, {5, 8}, {4, 8}, {3, 8}, {2, 8}, {1, 8}, {0, 8}};

    private static void typeInfo(byte[] m, int dim) {
        int info = LEVEL.getBits() << 3 | MASK;
        int bits = (info << 10 | bch(info, 0x537)) ^ 0x5412;
        for (int i = 0; i < 15; i++) {
            int bit = bits >> i & 1;
            set(m, dim, TYPE_INFO_COORDINATES[i][0], TYPE_INFO_COORDINATES[i][1], bit);
            if (i < 8) {
                set(m, dim, dim - i - 1, 8, bit);
            } else {
                set(m, dim, 8, dim - 7 + (i - 8), bit);
            }
        }
    }

    private static int bch(int value, int poly) {
        int msb = 31 - Integer.numberOfLeadingZeros(poly);
        value <<= msb;
        while (31 - Integer.numberOfLeadingZeros(value) >= msb) {
            value ^= poly << (31 - Integer.numberOfLeadingZeros(value) - msb);
        }
        return value;
    }

    private static void set(byte[] m, int dim, int x, int y, int v) {
        m[y * dim + x] = (byte) v;
    }
}
