package jp.kakekin.render;

import java.nio.ByteBuffer;

/**
 * Shrinks an OpenPDF TrueType subset to what it needs. OpenPDF's subsetter empties the outlines of the
 * glyphs a PDF does not use but copies the font's whole {@code hmtx} table (BIZ UD Gothic: 13,900
 * glyphs, ≈ 18 KB deflated; IPAmj Mincho: 60,000 glyphs, ≈ 126 KB for one character). The metrics of
 * an empty glyph are never read — a PDF positions glyphs by its own {@code /W} widths, and a rasterizer
 * needs a glyph's metrics only to draw its outline — so they are zeroed here (deflate then stores them
 * in a few hundred bytes), and the table's checksum is brought up to date. Glyph ids stay as they are:
 * the content streams refer to them.
 */
final class FontSubsetCompactor {

    private FontSubsetCompactor() {
    }

    /** @return the font with the metrics of its empty glyphs zeroed (the same array, changed), or it unchanged if it is not a TrueType font this understands */
    static byte[] compact(byte[] font) {
        ByteBuffer b = ByteBuffer.wrap(font);
        if (font.length < 12) {
            return font;
        }
        int numTables = b.getShort(4) & 0xFFFF;
        int head = -1, hhea = -1, maxp = -1, loca = -1, hmtx = -1, hmtxLength = 0, hmtxRecord = -1;
        for (int i = 0; i < numTables; i++) {
            int record = 12 + 16 * i;
            if (record + 16 > font.length) {
                return font;
            }
            String tag = new String(font, record, 4, java.nio.charset.StandardCharsets.US_ASCII);
            int offset = b.getInt(record + 8);
            switch (tag) {
                case "head" -> head = offset;
                case "hhea" -> hhea = offset;
                case "maxp" -> maxp = offset;
                case "loca" -> loca = offset;
                case "hmtx" -> {
                    hmtx = offset;
                    hmtxLength = b.getInt(record + 12);
                    hmtxRecord = record;
                }
                default -> {
                }
            }
        }
        if (head < 0 || hhea < 0 || maxp < 0 || loca < 0 || hmtx < 0) {
            return font;
        }
        boolean longLoca = b.getShort(head + 50) != 0;
        int numGlyphs = b.getShort(maxp + 4) & 0xFFFF;
        int numberOfHMetrics = b.getShort(hhea + 34) & 0xFFFF;
        if (hmtx + hmtxLength > font.length) {
            return font;
        }
        // Glyph 0 (.notdef) keeps its metrics: some rasterizers read them for a missing glyph.
        for (int gid = 1; gid < numGlyphs; gid++) {
            long start = longLoca ? b.getInt(loca + 4 * gid) & 0xFFFFFFFFL : (b.getShort(loca + 2 * gid) & 0xFFFF) * 2L;
            long end = longLoca ? b.getInt(loca + 4 * (gid + 1)) & 0xFFFFFFFFL : (b.getShort(loca + 2 * (gid + 1)) & 0xFFFF) * 2L;
            if (start != end) {
                continue;
            }
            if (gid < numberOfHMetrics) {
                int at = hmtx + 4 * gid;
                if (at + 4 <= hmtx + hmtxLength) {
                    b.putInt(at, 0);
                }
            } else {
                int at = hmtx + 4 * numberOfHMetrics + 2 * (gid - numberOfHMetrics);
                if (at + 2 <= hmtx + hmtxLength) {
                    b.putShort(at, (short) 0);
                }
            }
        }
        b.putInt(hmtxRecord + 4, checksum(b, hmtx, hmtxLength));
        return font;
    }

    private static int checksum(ByteBuffer b, int offset, int length) {
        int sum = 0;
        int full = length / 4 * 4;
        for (int i = 0; i < full; i += 4) {
            sum += b.getInt(offset + i);
        }
        int last = 0;
        for (int i = full; i < length; i++) {
            last |= (b.get(offset + i) & 0xFF) << (24 - 8 * (i - full));
        }
        return sum + last;
    }
}
