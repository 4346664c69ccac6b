package jp.kakekin.render;

import org.openpdf.text.Image;
import org.openpdf.text.Rectangle;
import org.openpdf.text.pdf.PdfContentByte;
import org.xhtmlrenderer.css.constants.IdentValue;
import org.xhtmlrenderer.css.parser.FSColor;
import org.xhtmlrenderer.css.value.FontSpecification;
import org.xhtmlrenderer.pdf.ITextFSFont;
import org.xhtmlrenderer.pdf.ITextFSImage;
import org.xhtmlrenderer.pdf.ITextOutputDevice;

import java.util.List;
import java.util.Map;

/**
 * A layout compiled once and filled many times: what Flying Saucer laid out for one document of a
 * template and shape, split into the part that is the same for every holder — painted once into a
 * one-page PDF, imported as a form XObject into each file that uses it — and the lines that print
 * the holder's fields (slots), kept with the exact positions, fonts, sizes and colours Flying Saucer
 * drew them with.
 * <p>
 * Filling draws those lines with the document's values through Flying Saucer's own text drawing, so
 * a filled page is the page Flying Saucer would have drawn, provided the layout would not move: a
 * line that is its block's only line ({@link Line#flex()}) takes any value that fits its width — it
 * is realigned as the block says (left, right, centre); a line within a paragraph takes only a value
 * of the same width and character classes as the one compiled (a contract number, a unique code), so
 * the paragraph breaks where it broke. Anything else — a value that would wrap, a character only the
 * fallback font has, a field in a line that cannot be refilled and whose value differs ({@link #baked()})
 * — is not filled: the document gets a full layout ({@link #whyNot}).
 *
 * @param key       the marked XHTML this layout was compiled from
 * @param baked     fields printed in the static part, by marker index, with the value they were compiled with
 * @param staticPdf the one-page PDF of everything but the lines and the QR code
 * @param lines     the lines drawn when filling
 * @param qr        the QR code, or null
 * @param title     the document title with markers, or null
 */
record CompiledLayout(String key, Rectangle pageSize, int left, int top, Map<Integer, String> baked, byte[] staticPdf,
                      List<Line> lines, Qr qr, List<Box> boxes, String title, String fallbackShape,
                      PdfFile.StaticForm staticForm) {

    /**
     * Which fields hold characters only the fallback font has, one character per field: {@code -} none,
     * {@code m} mixed with primary ones, {@code f} fallback only; empty when no field has any (the usual
     * case). A line holding a fallback-font run may be taller, so a layout fills only documents of its
     * own shape.
     */
    static String fallbackShape(CertificateTemplates.Marked doc, FontLibrary fonts) {
        String shape = doc.fallbackShape()[0];
        if (shape == null) {
            shape = fallbackShape(doc.values(), fonts);
            doc.fallbackShape()[0] = shape;
        }
        return shape;
    }

    static String fallbackShape(List<String> values, FontLibrary fonts) {
        // Most values of a page are the very String objects of pages before (the bars' styles, made once per
        // place and kind; the fixed texts): the thread's answers for the last few objects of each field are
        // reused. A field of the barcode takes one of four bars, so one remembered object per field missed
        // three times in four and the scan of those values was ≈ 4% of the print workers' samples.
        Seen seen = SEEN.get();
        if (seen == null || seen.fonts != fonts || seen.values.length < values.size() * Seen.WAYS) {
            int slots = Math.max(values.size(), 64);
            seen = new Seen(fonts, new String[slots * Seen.WAYS], new boolean[slots * Seen.WAYS], new byte[slots]);
            SEEN.set(seen);
        }
        boolean ascii = fonts.primaryHasAscii();
        StringBuilder shape = null;
        for (int v = 0; v < values.size(); v++) {
            String value = values.get(v);
            int at = seen.find(v, value);
            if (at >= 0 && seen.primaryOnly[at]) {
                if (shape != null) {
                    shape.append('-');
                }
                continue;
            }
            boolean primary = false;
            boolean fallback = false;
            int i = 0;
            if (ascii) {
                // Most of a document's values are ASCII (the QR address, the bars' styles, amounts).
                while (i < value.length() && value.charAt(i) > ' ' && value.charAt(i) < 0x7F) {
                    i++;
                }
                primary = i > 0;
            }
            for (; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c > ' ' && c < 0x7F && ascii) {
                    primary = true;
                    continue;
                }
                int cp = c;
                if (Character.isHighSurrogate(c) && i + 1 < value.length()) {
                    cp = value.codePointAt(i);
                    i++;
                }
                if (isFallback(cp, fonts)) {
                    fallback = true;
                } else if (cp != ' ') {
                    primary = true;
                }
            }
            seen.remember(v, value, !fallback);
            if (fallback && shape == null) {
                shape = new StringBuilder(values.size());
                shape.append("-".repeat(v));
            }
            if (shape != null) {
                shape.append(!fallback ? '-' : primary ? 'm' : 'f');
            }
        }
        return shape == null ? "" : shape.toString();
    }

    /**
     * A thread's last {@link #WAYS} values of each field (by identity) and whether each holds no fallback-font
     * character, for {@link #fallbackShape}; {@code next} is each field's entry to replace next.
     */
    private record Seen(FontLibrary fonts, String[] values, boolean[] primaryOnly, byte[] next) {
        static final int WAYS = 4;

        /** The entry of this very object among the field's remembered values, or -1. */
        int find(int field, String value) {
            int base = field * WAYS;
            for (int w = 0; w < WAYS; w++) {
                if (values[base + w] == value) {
                    return base + w;
                }
            }
            return -1;
        }

        void remember(int field, String value, boolean primary) {
            int at = field * WAYS + next[field];
            next[field] = (byte) ((next[field] + 1) % WAYS);
            values[at] = value;
            primaryOnly[at] = primary;
        }
    }

    private static final ThreadLocal<Seen> SEEN = new ThreadLocal<>();

    /** As the glyph check splits a text: a character set in the fallback font. */
    private static boolean isFallback(int cp, FontLibrary fonts) {
        return cp != '\n' && cp != '\r' && cp != '\t' && !fonts.primaryHas(cp);
    }

    /** Whether the document has this layout's baked fields and fallback shape (then {@link #whyNot} tells the rest). */
    boolean matches(CertificateTemplates.Marked doc, FontLibrary fonts) {
        for (Map.Entry<Integer, String> e : baked.entrySet()) {
            if (!e.getValue().equals(doc.values().get(e.getKey()))) {
                return false;
            }
        }
        return fallbackShape.equals(fallbackShape(doc, fonts));
    }

    /**
     * A filled box whose place and size come from the document ({@code style="position: absolute; left: …mm;
     * top: …; width: …; height: …"}), such as a bar of the カスタマバーコード: drawn at {@code origin} (its
     * containing block, in layout units) plus its offsets.
     */
    record Box(String markedStyle, int originX, int originY, org.xhtmlrenderer.css.parser.FSColor color, int marker,
               java.util.concurrent.ConcurrentHashMap<String, int[]> geometries) {
        Box(String markedStyle, int originX, int originY, org.xhtmlrenderer.css.parser.FSColor color) {
            this(markedStyle, originX, originY, color, singleMarker(markedStyle), new java.util.concurrent.ConcurrentHashMap<>());
        }

        /** The box's left, top, width, height in this document, or null; remembered by the value of its one field. */
        int[] geometry(CertificateTemplates.Marked doc) {
            if (marker < 0) {
                return cachedBoxGeometry(doc.realize(markedStyle));
            }
            String value = doc.values().get(marker);
            int[] g = geometries.get(value);
            if (g == null) {
                g = boxGeometry(doc.realize(markedStyle));
                if (g == null) {
                    g = NOT_A_BOX;
                }
                if (geometries.size() > 4096) {
                    geometries.clear();
                }
                geometries.put(value, g);
            }
            return g == NOT_A_BOX ? null : g;
        }

        private static int singleMarker(String style) {
            int marker = -1;
            for (int i = 0; i < style.length(); i++) {
                if (SlotMarking.isMarker(style.charAt(i))) {
                    if (marker >= 0) {
                        return -1;
                    }
                    marker = SlotMarking.index(style.charAt(i));
                }
            }
            return marker;
        }
    }

    /** Layout units per millimetre (Flying Saucer's CSS lengths: 96 px per inch). */
    static final double DOTS_PER_MM = org.xhtmlrenderer.pdf.ITextRenderer.DEFAULT_DOTS_PER_PIXEL * 96 / 25.4;

    private static final String[] BOX_PROPERTIES = {"left", "top", "width", "height"};

    private static final int[] NOT_A_BOX = new int[0];
    private static final java.util.concurrent.ConcurrentHashMap<String, int[]> GEOMETRIES = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * As {@link #boxGeometry(String)}, remembered: the bars of a カスタマバーコード take a few hundred distinct
     * styles, each parsed once. The array must not be changed.
     */
    static int[] cachedBoxGeometry(String style) {
        int[] g = GEOMETRIES.get(style);
        if (g == null) {
            g = boxGeometry(style);
            if (g == null) {
                g = NOT_A_BOX;
            }
            if (GEOMETRIES.size() > 8192) {
                GEOMETRIES.clear();
            }
            GEOMETRIES.put(style, g);
        }
        return g == NOT_A_BOX ? null : g;
    }

    /** left, top, width, height of a box style in layout units, or null when the style is not an absolute box in mm. */
    static int[] boxGeometry(String style) {
        if (!style.replace(" ", "").contains("position:absolute")) {
            return null;
        }
        int[] out = new int[4];
        for (int i = 0; i < 4; i++) {
            double mm = millimetres(style, BOX_PROPERTIES[i]);
            if (Double.isNaN(mm)) {
                return null;
            }
            out[i] = (int) Math.round(mm * DOTS_PER_MM);
        }
        return out;
    }

    /** The value in mm of a declaration {@code name: 1.2mm} of a style attribute, or NaN. */
    private static double millimetres(String style, String name) {
        for (int at = style.indexOf(name); at >= 0; at = style.indexOf(name, at + 1)) {
            if (at > 0 && style.charAt(at - 1) != ';' && style.charAt(at - 1) != ' ') {
                continue;
            }
            int i = at + name.length();
            while (i < style.length() && style.charAt(i) == ' ') {
                i++;
            }
            if (i >= style.length() || style.charAt(i) != ':') {
                continue;
            }
            int end = style.indexOf("mm", i);
            int semicolon = style.indexOf(';', i);
            if (end < 0 || (semicolon >= 0 && semicolon < end)) {
                return Double.NaN;
            }
            try {
                return Double.parseDouble(style.substring(i + 1, end).strip());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    /**
     * One piece of text of a line, as Flying Saucer drew it; {@code slot} is the marker index, or -1 for fixed
     * text. A field whose compiled value had characters only the fallback font has ({@link GlyphCheck}) has
     * the font those were drawn with: {@code fallback}.
     */
    record Run(int slot, String text, float x, float y, int width, ITextFSFont font, FSColor color, FontSpecification spec,
               Fallback fallback) {
        /** The run with the next piece of its field appended. */
        Run extend(String more, int moreWidth, Fallback fallback) {
            return new Run(slot, text + more, x, y, width + moreWidth, font, color, spec, fallback);
        }

        /** The run with its primary font as drawn by the given piece. */
        Run withPrimary(Fallback piece) {
            return new Run(slot, text, x, piece.y(), width, piece.font(), piece.color(), piece.spec(), fallback);
        }
    }

    /** How the fallback-font pieces of a field are drawn (or, compared at compile time, any piece). */
    record Fallback(ITextFSFont font, FSColor color, FontSpecification spec, float y) {
    }

    /**
     * @param flex         the only line of its block: any value that fits
     * @param align        the block's text-align
     * @param contentStart where the line's content may start (text-indent), in layout units
     * @param available    the block's content width
     * @param contentWidth the line's content width as compiled
     */
    record Line(boolean flex, IdentValue align, int contentStart, int available, int contentWidth, List<Run> runs) {
    }

    /** The QR code: its {@code src} attribute with markers (after {@code qr:}), and where Flying Saucer drew it. */
    record Qr(String markedText, int x, int y, float plainWidth, float plainHeight) {
    }

    /** Each box's geometry in one document, as {@link #whyNot} found it, for {@link #fill} to draw. */
    record Geometries(CompiledLayout layout, int[][] boxes) {
    }

    /**
     * Each box's left, top, width, height in this document, or null when one is not a box; kept with the
     * document for this layout: a barcode's bars are many boxes, and looking each up twice per page (once to
     * check, once to draw) was 2% of the print workers' samples.
     */
    private int[][] geometries(CertificateTemplates.Marked doc) {
        Geometries kept = doc.geometries()[0];
        if (kept != null && kept.layout() == this) {
            return kept.boxes();
        }
        int[][] g = new int[boxes.size()][];
        for (int i = 0; i < g.length; i++) {
            g[i] = boxes.get(i).geometry(doc);
            if (g[i] == null) {
                return null;
            }
        }
        doc.geometries()[0] = new Geometries(this, g);
        return g;
    }

    /** Why this document cannot be filled from this layout (a short reason, counted), or null when it can. */
    String whyNot(CertificateTemplates.Marked doc, FontLibrary fonts) {
        for (Map.Entry<Integer, String> e : baked.entrySet()) {
            if (!e.getValue().equals(doc.values().get(e.getKey()))) {
                return "baked-field";
            }
        }
        if (!fallbackShape.equals(fallbackShape(doc, fonts))) {
            return "fallback-shape";
        }
        if (!boxes.isEmpty() && geometries(doc) == null) {
            return "box-style";
        }
        for (Line line : lines) {
            int delta = 0;
            for (Run run : line.runs()) {
                if (run.slot() < 0) {
                    continue;
                }
                String value = doc.values().get(run.slot());
                String why = printable(value, fonts, run.fallback() != null);
                if (why != null) {
                    return why;
                }
                int width = width(run, value, fonts);
                if (width < 0) {
                    return "font";
                }
                if (!line.flex() && (width != run.width() || !sameShape(value, run.text()))) {
                    return "paragraph-field";
                }
                delta += width - run.width();
            }
            if (line.contentStart() + line.contentWidth() + delta > line.available()) {
                return "overflow";
            }
        }
        return null;
    }

    /** Draws the page: the static form, the lines with this document's values, the QR code. */
    void fill(PdfFile file, CertificateTemplates.Marked doc, SlotDevice device, FontLibrary fonts) {
        PdfContentByte cb = file.newPage(pageSize);
        file.drawStatic(cb, this);
        device.setWriter(file.writer());
        device.initializePage(cb, pageSize.getHeight());
        device.translate(left, top);
        for (Line line : lines) {
            int[] widths = new int[line.runs().size()];
            int delta = 0;
            for (int i = 0; i < widths.length; i++) {
                Run run = line.runs().get(i);
                widths[i] = run.slot() < 0 ? run.width() : width(run, doc.values().get(run.slot()), fonts);
                delta += widths[i] - run.width();
            }
            int shift = switch (line.align().toString()) {
                case "right" -> -delta;
                case "center" -> (line.contentWidth() + line.contentStart()) / 2 - (line.contentWidth() + delta + line.contentStart()) / 2;
                default -> 0;
            };
            int before = 0;
            for (int i = 0; i < widths.length; i++) {
                Run run = line.runs().get(i);
                String text = run.slot() < 0 ? run.text() : doc.values().get(run.slot());
                if (run.fallback() == null) {
                    device.setColor(run.color());
                    device.setFont(run.font());
                    device.setFontSpecification(run.spec());
                    device.drawString(text, run.x() + before + shift, run.y(), null);
                } else {
                    // As the glyph check split it: runs of primary and of fallback characters, each its own text.
                    int x = 0;
                    for (int from = 0; from < text.length(); ) {
                        boolean fallback = isFallback(text.codePointAt(from), fonts);
                        int to = from;
                        while (to < text.length() && isFallback(text.codePointAt(to), fonts) == fallback) {
                            to += Character.charCount(text.codePointAt(to));
                        }
                        String piece = text.substring(from, to);
                        Fallback f = fallback ? run.fallback() : new Fallback(run.font(), run.color(), run.spec(), run.y());
                        device.setColor(f.color());
                        device.setFont(f.font());
                        device.setFontSpecification(f.spec());
                        device.drawString(piece, run.x() + x + before + shift, f.y(), null);
                        x += CertificateTextRenderer.width(fonts, f.font(), piece);
                        from = to;
                    }
                }
                before += widths[i] - run.width();
            }
        }
        int[][] geometries = boxes.isEmpty() ? null : geometries(doc);
        for (int i = 0; i < boxes.size(); i++) {
            Box box = boxes.get(i);
            int[] g = geometries[i];
            device.setColor(box.color());
            // Flying Saucer paints a background as an Area's path; for a rectangle, one re operator is the same.
            device.fillBox(box.originX() + g[0], box.originY() + g[1], g[2], g[3]);
        }
        if (qr != null) {
            Image image = QrImage.of(doc.realize(qr.markedText()));
            image.scaleAbsolute(qr.plainWidth(), qr.plainHeight());
            device.drawImage(new ITextFSImage(image), qr.x(), qr.y());
        }
        device.translate(-left, -top);
        device.finishPage();
        if (title != null) {
            file.title(doc.realize(title));
        }
    }

    /** A field's width as Flying Saucer lays it out: each run of primary or fallback characters measured in its font. */
    private static int width(Run run, String value, FontLibrary fonts) {
        if (run.fallback() == null) {
            return CertificateTextRenderer.width(fonts, run.font(), value);
        }
        int total = 0;
        for (int from = 0; from < value.length(); ) {
            boolean fallback = isFallback(value.codePointAt(from), fonts);
            int to = from;
            while (to < value.length() && isFallback(value.codePointAt(to), fonts) == fallback) {
                to += Character.charCount(value.codePointAt(to));
            }
            int w = CertificateTextRenderer.width(fonts, fallback ? run.fallback().font() : run.font(), value.substring(from, to));
            if (w < 0) {
                return -1;
            }
            total += w;
            from = to;
        }
        return total;
    }

    /** Null when the value can be printed in a slot's line as it is; else why not. */
    private static String printable(String value, FontLibrary fonts, boolean fallbackFont) {
        if (value.isEmpty() || value.charAt(0) == ' ' || value.charAt(value.length() - 1) == ' ') {
            return "whitespace";
        }
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            if (cp < ' ' || cp == ' ' && i + 1 < value.length() && value.charAt(i + 1) == ' ') {
                return "whitespace";
            }
            if (cp != ' ' && !fonts.primaryHas(cp) && !fallbackFont) {
                return "fallback-glyph";
            }
            i += Character.charCount(cp);
        }
        return null;
    }

    /** Same length, and a letter or digit wherever the other has one, else the same character: the same line breaks. */
    private static boolean sameShape(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y && !(isAsciiAlnum(x) && isAsciiAlnum(y))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiAlnum(char c) {
        return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }
}
