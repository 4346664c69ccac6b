package jp.kakekin.render;

import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shrinks an OpenPDF TrueType subset to what it needs. OpenPDF's subsetter empties the outlines of the
 * glyphs a PDF does not use but copies the font's whole {@code hmtx} table (BIZ UD Gothic: 13,900
 * glyphs, ≈ 18 KB deflated; IPAmj Mincho: 60,000 glyphs, ≈ 126 KB for one character). The metrics of
 * an empty glyph are never read — a PDF positions glyphs by its own {@code /W} widths, and a rasterizer
 * needs a glyph's metrics only to draw its outline — so they are zeroed here (deflate then stores them
 * in a few hundred bytes), and the table's checksum is brought up to date. Glyph ids stay as they are:
 * the content streams refer to them.
 * <p>
 * Glyphs that are empty in the original font (spaces: U+0020, U+3000…) are used with an empty outline,
 * so an empty outline in a subset does not mean "left out": their metrics are kept, or the widths in the
 * font program would contradict the PDF's {@code /W} (PDF/A 6.2.11.5, checked by veraPDF on the archive
 * copies). The original's empty glyphs are recorded when {@link FontLibrary} loads a font, keyed by the
 * checksum of its {@code hmtx} table, which a subset copies unchanged (a key derived from the content, so
 * two directories holding different files never share an entry).
 */
final class FontSubsetCompactor {

    /** hmtx checksum of an original font → its glyphs whose outline is empty in the original. */
    private static final Map<Integer, BitSet> EMPTY_IN_ORIGINAL = new ConcurrentHashMap<>();

    private FontSubsetCompactor() {
    }

    /** Records the glyphs that are empty in an original font, so that a subset of it keeps their metrics. */
    static void registerOriginal(byte[] font) {
        Tables t = Tables.of(font);
        if (t == null) {
            return;
        }
        BitSet empty = new BitSet(t.numGlyphs);
        for (int gid = 0; gid < t.numGlyphs; gid++) {
            if (t.outlineEmpty(gid)) {
                empty.set(gid);
            }
        }
        EMPTY_IN_ORIGINAL.put(checksum(ByteBuffer.wrap(font), t.hmtx, t.hmtxLength), empty);
    }

    /** @return the font with the metrics of its left-out glyphs zeroed (the same array, changed), or it unchanged if it is not a TrueType font this understands or not one {@link #registerOriginal registered} */
    static byte[] compact(byte[] font) {
        Tables t = Tables.of(font);
        if (t == null) {
            return font;
        }
        ByteBuffer b = ByteBuffer.wrap(font);
        BitSet emptyInOriginal = EMPTY_IN_ORIGINAL.get(checksum(b, t.hmtx, t.hmtxLength));
        if (emptyInOriginal == null) {
            return font; // an unknown original: which empty glyphs are used cannot be told, so nothing is dropped
        }
        // Glyph 0 (.notdef) keeps its metrics: some rasterizers read them for a missing glyph.
        for (int gid = 1; gid < t.numGlyphs; gid++) {
            // The last long metric's advance is also the advance of every glyph after it (hmtx keeps only
            // their side bearings): IPAmj Mincho has few long metrics, so zeroing it zeroed every 外字's width.
            if (!t.outlineEmpty(gid) || emptyInOriginal.get(gid) || gid == t.numberOfHMetrics - 1) {
                continue;
            }
            if (gid < t.numberOfHMetrics) {
                int at = t.hmtx + 4 * gid;
                if (at + 4 <= t.hmtx + t.hmtxLength) {
                    b.putInt(at, 0);
                }
            } else {
                int at = t.hmtx + 4 * t.numberOfHMetrics + 2 * (gid - t.numberOfHMetrics);
                if (at + 2 <= t.hmtx + t.hmtxLength) {
                    b.putShort(at, (short) 0);
                }
            }
        }
        b.putInt(t.hmtxRecord + 4, checksum(b, t.hmtx, t.hmtxLength));
        return font;
    }

    /** Where the tables this needs are in a TrueType font; null if it is not one this understands. */
    private record Tables(ByteBuffer b, int loca, boolean longLoca, int hmtx, int hmtxLength, int hmtxRecord,
                          int numGlyphs, int numberOfHMetrics) {

        static Tables of(byte[] font) {
            if (font.length < 12) {
                return null;
            }
            ByteBuffer b = ByteBuffer.wrap(font);
            int numTables = b.getShort(4) & 0xFFFF;
            int head = -1, hhea = -1, maxp = -1, loca = -1, hmtx = -1, hmtxLength = 0, hmtxRecord = -1;
            for (int i = 0; i < numTables; i++) {
                int record = 12 + 16 * i;
                if (record + 16 > font.length) {
                    return null;
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
            if (head < 0 || hhea < 0 || maxp < 0 || loca < 0 || hmtx < 0 || hmtx + hmtxLength > font.length) {
                return null;
            }
            return new Tables(b, loca, b.getShort(head + 50) != 0, hmtx, hmtxLength, hmtxRecord,
                    b.getShort(maxp + 4) & 0xFFFF, b.getShort(hhea + 34) & 0xFFFF);
        }

        boolean outlineEmpty(int gid) {
            long start = longLoca ? b.getInt(loca + 4 * gid) & 0xFFFFFFFFL : (b.getShort(loca + 2 * gid) & 0xFFFF) * 2L;
            long end = longLoca ? b.getInt(loca + 4 * (gid + 1)) & 0xFFFFFFFFL : (b.getShort(loca + 2 * (gid + 1)) & 0xFFFF) * 2L;
            return start == end;
        }
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
