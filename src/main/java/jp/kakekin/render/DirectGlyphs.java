package jp.kakekin.render;

import org.openpdf.text.pdf.BaseFont;
import org.openpdf.text.pdf.ByteBuffer;
import org.openpdf.text.pdf.PdfContentByte;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Writes a text operator {@code (…)Tj} for an Identity-H TrueType font as OpenPDF's
 * {@code PdfContentByte.showText(String)} does (OpenPDF 3.0.5: {@code FontDetails.convertToBytesWithGlyphs},
 * then {@code escapeAndAppendString}) — the same glyph codes, the same escapes, and the same glyphs recorded
 * for the file's font subset, in the same order — without OpenPDF's per-character lookups: OpenPDF finds each
 * character's glyph in a map with boxed keys and records it in another, which was ≈ 8% of the print workers'
 * samples (JFR, 100k print run, issue #14). Here each font's character → glyph answers are kept in arrays
 * filled on first use, and a file's subset map is asked only for a glyph not recorded yet.
 * <p>
 * Only for what that path covers: a font OpenPDF writes as Identity-H and not symbolic, no glyph layout
 * manager, no layout processor, no glyph substitution, and a text of BMP characters without surrogates or
 * variation selectors ({@link #plain}); anything else is left to OpenPDF ({@link #show} answers false).
 * One per thread ({@link #ofThisThread}): the print device's texts and the static forms' share its fonts' answers.
 */
final class DirectGlyphs {

    private static final ThreadLocal<DirectGlyphs> OF_THREAD = ThreadLocal.withInitial(DirectGlyphs::new);

    /** This thread's instance (not thread-safe: each thread draws with its own). */
    static DirectGlyphs ofThisThread() {
        return OF_THREAD.get();
    }

    private static final Class<?> FONT_DETAILS;
    private static final VarHandle STATE;
    private static final VarHandle STATE_FONT_DETAILS;
    private static final VarHandle SEPARATOR;
    private static final VarHandle FONT_TYPE;
    private static final VarHandle SYMBOLIC;
    private static final VarHandle LONG_TAG;
    private static final VarHandle TTU;
    private static final MethodHandle METRICS;
    /** OpenPDF's FontDetails.fontType of a TrueType font written as Identity-H (BaseFont.FONT_TYPE_TTUNI). */
    private static final int FONT_TYPE_TTUNI = 3;

    static {
        try {
            MethodHandles.Lookup own = MethodHandles.lookup();
            MethodHandles.Lookup content = MethodHandles.privateLookupIn(PdfContentByte.class, own);
            Class<?> graphicState = Class.forName("org.openpdf.text.pdf.PdfContentByte$GraphicState");
            FONT_DETAILS = Class.forName("org.openpdf.text.pdf.FontDetails");
            Class<?> trueTypeFont = Class.forName("org.openpdf.text.pdf.TrueTypeFont");
            Class<?> trueTypeFontUnicode = Class.forName("org.openpdf.text.pdf.TrueTypeFontUnicode");
            STATE = content.findVarHandle(PdfContentByte.class, "state", graphicState);
            SEPARATOR = content.findVarHandle(PdfContentByte.class, "separator", int.class);
            STATE_FONT_DETAILS = MethodHandles.privateLookupIn(graphicState, own).findVarHandle(graphicState, "fontDetails", FONT_DETAILS);
            MethodHandles.Lookup details = MethodHandles.privateLookupIn(FONT_DETAILS, own);
            FONT_TYPE = details.findVarHandle(FONT_DETAILS, "fontType", int.class);
            SYMBOLIC = details.findVarHandle(FONT_DETAILS, "symbolic", boolean.class);
            LONG_TAG = details.findVarHandle(FONT_DETAILS, "longTag", HashMap.class);
            TTU = details.findVarHandle(FONT_DETAILS, "ttu", trueTypeFontUnicode);
            METRICS = MethodHandles.privateLookupIn(trueTypeFont, own)
                    .findVirtual(trueTypeFont, "getMetricsTT", MethodType.methodType(int[].class, int.class))
                    .asType(MethodType.methodType(int[].class, Object.class, int.class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("OpenPDF's text drawing has changed: " + e.getMessage(), e);
        }
    }

    /** Each font's character → glyph answers, by font (a font's metrics do not depend on the file). */
    private final Map<BaseFont, Glyphs> fonts = new IdentityHashMap<>();
    /** The glyphs recorded here in each FontDetails of the current file; dropped when the file changes. */
    private final Map<Object, Used> used = new IdentityHashMap<>();
    private org.openpdf.text.pdf.PdfWriter usedFor;

    /** Whether a text is one this class writes: no surrogates (OpenPDF reads pairs), no variation selectors (IVS). */
    static boolean plain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0xD800 && (c <= 0xDFFF || c >= 0xFE00 && c <= 0xFE0F)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Writes {@code (glyph codes)Tj} for a {@link #plain} text in the content's current font, as showText(String)
     * would, and records the glyphs in the file's subset; false (nothing written) when OpenPDF must do it.
     */
    boolean show(PdfContentByte cb, String text) throws Throwable {
        Object state = STATE.get(cb);
        Object details = state == null ? null : STATE_FONT_DETAILS.get(state);
        org.openpdf.text.pdf.PdfDocument pdf = cb.getPdfDocument();
        if (details == null || pdf == null || pdf.getGlyphLayoutManager() != null) {
            return false;
        }
        org.openpdf.text.TextRenderingOptions options = pdf.getTextRenderingOptions();
        if (options.isGlyphSubstitutionEnabled() && org.openpdf.text.pdf.FopGlyphProcessor.isFopSupported()) {
            return false;
        }
        if (cb.getPdfWriter() != usedFor) {
            used.clear();
            usedFor = cb.getPdfWriter();
        }
        Used u = used.get(details);
        if (u == null) {
            u = used(details);
            used.put(details, u);
        }
        if (u == NOT_DIRECT || org.openpdf.text.pdf.LayoutProcessor.supportsFont(u.glyphs().font)) {
            return false;
        }
        Glyphs glyphs = u.glyphs();
        ByteBuffer out = cb.getInternalBuffer();
        out.append_i('(');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int g = glyphs.glyph(c);
            if (g < 0) {
                continue; // as OpenPDF: a character without a glyph is left out
            }
            if (!u.recorded(g)) {
                // OpenPDF's own entry for the subset: glyph, width, the first character drawn with it.
                int width = glyphs.width(c);
                u.longTag().computeIfAbsent(g, k -> new int[]{k, width, c});
                u.record(g);
            }
            escaped(out, (byte) (g >> 8));
            escaped(out, (byte) g);
        }
        out.append(")");
        out.append("Tj").append_i((int) SEPARATOR.get(cb));
        return true;
    }

    /** A byte of a PDF string as PdfContentByte.escapeAndAppendString writes it. */
    private static void escaped(ByteBuffer out, byte b) {
        switch (b) {
            case '\r' -> out.append("\\r");
            case '\n' -> out.append("\\n");
            case '\t' -> out.append("\\t");
            case '\b' -> out.append("\\b");
            case '\f' -> out.append("\\f");
            case '(', ')', '\\' -> out.append_i('\\').append_i(b);
            default -> out.append_i(b);
        }
    }

    @SuppressWarnings("unchecked")
    private Used used(Object details) {
        Object ttu = TTU.get(details);
        if ((int) FONT_TYPE.get(details) != FONT_TYPE_TTUNI || (boolean) SYMBOLIC.get(details) || !(ttu instanceof BaseFont font)) {
            return NOT_DIRECT;
        }
        HashMap<Integer, int[]> longTag = (HashMap<Integer, int[]>) LONG_TAG.get(details);
        if (longTag == null) {
            return NOT_DIRECT;
        }
        Glyphs glyphs = fonts.computeIfAbsent(font, Glyphs::new);
        return new Used(longTag, glyphs, new long[1024]);
    }

    private static final Used NOT_DIRECT = new Used(null, null, null);

    /** A font's glyph (and width) of each BMP character, asked of OpenPDF once each: 256 pages of 256. */
    private static final class Glyphs {
        final BaseFont font;
        /** Glyph + 1, or -1 when the font has none (OpenPDF drops the character), or 0 when not asked yet. */
        private final int[][] glyph = new int[256][];
        private final int[][] width = new int[256][];

        Glyphs(BaseFont font) {
            this.font = font;
        }

        /** The glyph of c, or -1; fills its entry (and its width) on first use. */
        int glyph(char c) throws Throwable {
            int[] page = glyph[c >>> 8];
            if (page == null) {
                page = glyph[c >>> 8] = new int[256];
                width[c >>> 8] = new int[256];
            }
            int g = page[c & 0xFF];
            if (g == 0) {
                int[] metrics = (int[]) METRICS.invokeExact((Object) font, (int) c);
                g = metrics == null ? -1 : metrics[0] + 1;
                width[c >>> 8][c & 0xFF] = metrics == null ? 0 : metrics[1];
                page[c & 0xFF] = g;
            }
            return g < 0 ? -1 : g - 1;
        }

        int width(char c) {
            return width[c >>> 8][c & 0xFF];
        }
    }

    /** A file's FontDetails of one font: its subset map and the glyphs this class has seen recorded in it. */
    private record Used(HashMap<Integer, int[]> longTag, Glyphs glyphs, long[] recorded) {
        boolean recorded(int g) {
            return (recorded[g >>> 6] & 1L << g) != 0;
        }

        void record(int g) {
            recorded[g >>> 6] |= 1L << g;
        }
    }
}
