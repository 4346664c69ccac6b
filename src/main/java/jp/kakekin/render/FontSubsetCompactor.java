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
    /** hmtx checksums of the originals whose subsets are written without hinting. */
    private static final java.util.Set<Integer> UNHINTED = ConcurrentHashMap.newKeySet();

    private FontSubsetCompactor() {
    }

    /** Records the glyphs that are empty in an original font, so that a subset of it keeps their metrics. */
    static void registerOriginal(byte[] font) {
        registerOriginal(font, false);
    }

    /**
     * @param withoutHinting its subsets are written without their hinting programs ({@link #stripHinting}):
     *                       the BIZ UD fonts (SIL Open Font License)
     */
    static void registerOriginal(byte[] font, boolean withoutHinting) {
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
        int key = checksum(ByteBuffer.wrap(font), t.hmtx, t.hmtxLength);
        EMPTY_IN_ORIGINAL.put(key, empty);
        if (withoutHinting) {
            UNHINTED.add(key);
        }
    }

    /**
     * A subset of a {@link #registerOriginal registered} font without hinting when so registered: the
     * glyphs' instructions and the {@code fpgm}, {@code prep} and {@code cvt} tables, about a fifth of a
     * BIZ UD subset. Hinting adjusts outlines to a screen's pixel grid at small sizes; printers and PDF
     * viewers draw the outlines as they are, and the glyphs, their metrics and the PDF's widths do not
     * change. Anything else (an unknown font, composite glyphs) is returned as it is.
     */
    static byte[] stripHinting(byte[] font) {
        Tables t = Tables.of(font);
        if (t == null || !UNHINTED.contains(checksum(ByteBuffer.wrap(font), t.hmtx, t.hmtxLength))) {
            return font;
        }
        ByteBuffer b = ByteBuffer.wrap(font);
        int numTables = b.getShort(4) & 0xFFFF;
        java.util.TreeMap<String, int[]> tables = new java.util.TreeMap<>();
        for (int i = 0; i < numTables; i++) {
            int record = 12 + 16 * i;
            String tag = new String(font, record, 4, java.nio.charset.StandardCharsets.US_ASCII);
            tables.put(tag, new int[]{b.getInt(record + 8), b.getInt(record + 12)});
        }
        if (!tables.containsKey("glyf") || !tables.containsKey("head")) {
            return font;
        }
        int glyf = tables.get("glyf")[0];
        int n = t.numGlyphs;
        byte[] glyphs = new byte[tables.get("glyf")[1] + 4 * n + 4];
        int size = 0;
        long[] offsets = new long[n + 1];
        for (int gid = 0; gid < n; gid++) {
            offsets[gid] = size;
            long start = t.locaOffset(gid);
            long end = t.locaOffset(gid + 1);
            if (end <= start) {
                continue;
            }
            int from = glyf + (int) start;
            int length = (int) (end - start);
            if (from + length > font.length || length < 10) {
                return font;
            }
            short contours = b.getShort(from);
            if (contours < 0) {
                System.arraycopy(font, from, glyphs, size, length); // composite: as it is
                size += length;
            } else {
                int at = from + 10 + 2 * contours;
                if (at + 2 > from + length) {
                    return font;
                }
                int instructions = b.getShort(at) & 0xFFFF;
                if (at + 2 + instructions > from + length) {
                    return font;
                }
                System.arraycopy(font, from, glyphs, size, at - from);
                size += at - from;
                glyphs[size++] = 0;
                glyphs[size++] = 0;
                int rest = from + length - (at + 2 + instructions);
                System.arraycopy(font, at + 2 + instructions, glyphs, size, rest);
                size += rest;
            }
            while (size % (t.longLoca ? 4 : 2) != 0) {
                glyphs[size++] = 0;
            }
        }
        offsets[n] = size;
        if (!t.longLoca && offsets[n] / 2 > 0xFFFF) {
            return font;
        }
        ByteBuffer loca = ByteBuffer.allocate((n + 1) * (t.longLoca ? 4 : 2));
        for (long o : offsets) {
            if (t.longLoca) {
                loca.putInt((int) o);
            } else {
                loca.putShort((short) (o / 2));
            }
        }
        Map<String, byte[]> out = new java.util.TreeMap<>();
        for (Map.Entry<String, int[]> e : tables.entrySet()) {
            String tag = e.getKey();
            switch (tag) {
                case "fpgm", "prep", "cvt " -> {
                }
                case "glyf" -> out.put(tag, java.util.Arrays.copyOf(glyphs, size));
                case "loca" -> out.put(tag, loca.array());
                default -> out.put(tag, java.util.Arrays.copyOfRange(font, e.getValue()[0], e.getValue()[0] + e.getValue()[1]));
            }
        }
        return assemble(b.getInt(0), out);
    }

    /** A TrueType file of these tables (tag order), each 4-byte aligned, checksums and head's adjustment set. */
    private static byte[] assemble(int version, Map<String, byte[]> tables) {
        int count = tables.size();
        int size = 12 + 16 * count;
        for (byte[] table : tables.values()) {
            size += (table.length + 3) & ~3;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        int power = Integer.highestOneBit(count);
        out.putInt(version).putShort((short) count).putShort((short) (power * 16))
                .putShort((short) (31 - Integer.numberOfLeadingZeros(power))).putShort((short) (count * 16 - power * 16));
        int offset = 12 + 16 * count;
        int headAt = -1;
        for (Map.Entry<String, byte[]> e : tables.entrySet()) {
            byte[] table = e.getValue();
            if (e.getKey().equals("head")) {
                table = table.clone();
                ByteBuffer.wrap(table).putInt(8, 0);
                headAt = offset;
            }
            out.put(e.getKey().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.putInt(checksum(ByteBuffer.wrap(table), 0, table.length)).putInt(offset).putInt(table.length);
            int record = out.position();
            out.position(offset);
            out.put(table);
            offset += (table.length + 3) & ~3;
            out.position(record);
        }
        if (headAt >= 0) {
            out.putInt(headAt + 8, 0xB1B0AFBA - checksum(out, 0, size));
        }
        return out.array();
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

        long locaOffset(int gid) {
            return longLoca ? b.getInt(loca + 4 * gid) & 0xFFFFFFFFL : (b.getShort(loca + 2 * gid) & 0xFFFF) * 2L;
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
