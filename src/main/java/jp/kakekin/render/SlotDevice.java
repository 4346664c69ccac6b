package jp.kakekin.render;

import org.w3c.dom.Element;
import org.xhtmlrenderer.extend.FSImage;
import org.xhtmlrenderer.pdf.ITextFSImage;
import org.xhtmlrenderer.pdf.ITextOutputDevice;
import org.xhtmlrenderer.render.BlockBox;
import org.xhtmlrenderer.render.InlineText;
import org.xhtmlrenderer.render.RenderingContext;

import java.util.Set;

/**
 * Flying Saucer's PDF output device, able to leave out what a compiled layout fills per document:
 * while {@link #leaveOut} is set it skips those texts and records where the QR code would be drawn
 * instead of drawing it (the static form of a {@link CompiledLayout}).
 */
final class SlotDevice extends ITextOutputDevice {

    private Set<InlineText> texts;
    private Set<Element> boxes;
    private final java.util.Map<Element, java.awt.Rectangle> boxEdges = new java.util.IdentityHashMap<>();
    private Element qrElement;
    private boolean recordingQr;
    private int[] qrAt;
    private float[] qrSize;

    private static final java.lang.reflect.Field FILL_COLOR = field("_fillColor");
    private static final java.lang.reflect.Field STROKE_COLOR = field("_strokeColor");
    /* Handles, not reflection: read and called for every box of every page. */
    private static final java.lang.invoke.VarHandle TRANSFORM;
    private static final java.lang.invoke.VarHandle PAGE_HEIGHT;
    private static final java.lang.invoke.MethodHandle ENSURE_FILL_COLOR;
    private static final java.lang.invoke.MethodHandle ENSURE_STROKE_COLOR;
    private static final java.lang.invoke.MethodHandle NORMALIZE_MATRIX;
    private static final java.lang.invoke.VarHandle DOTS_PER_POINT;
    private static final java.lang.invoke.VarHandle FONT;

    static {
        try {
            var lookup = java.lang.invoke.MethodHandles.privateLookupIn(ITextOutputDevice.class, java.lang.invoke.MethodHandles.lookup());
            TRANSFORM = lookup.findVarHandle(ITextOutputDevice.class, "_transform", java.awt.geom.AffineTransform.class);
            PAGE_HEIGHT = lookup.findVarHandle(ITextOutputDevice.class, "_pageHeight", float.class);
            ENSURE_FILL_COLOR = lookup.findVirtual(ITextOutputDevice.class, "ensureFillColor",
                    java.lang.invoke.MethodType.methodType(void.class));
            ENSURE_STROKE_COLOR = lookup.findVirtual(ITextOutputDevice.class, "ensureStrokeColor",
                    java.lang.invoke.MethodType.methodType(void.class));
            NORMALIZE_MATRIX = lookup.findVirtual(ITextOutputDevice.class, "normalizeMatrix",
                    java.lang.invoke.MethodType.methodType(java.awt.geom.AffineTransform.class, java.awt.geom.AffineTransform.class));
            DOTS_PER_POINT = lookup.findVarHandle(ITextOutputDevice.class, "_dotsPerPoint", float.class);
            FONT = lookup.findVarHandle(ITextOutputDevice.class, "_font", org.xhtmlrenderer.pdf.ITextFSFont.class);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Flying Saucer's output device has changed: " + e.getMessage(), e);
        }
    }

    SlotDevice(float dotsPerPoint) {
        super(dotsPerPoint);
    }

    private static java.lang.reflect.Field field(String name) {
        try {
            java.lang.reflect.Field f = ITextOutputDevice.class.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Flying Saucer's output device has changed: " + name, e);
        }
    }

    /**
     * Starts a page with no colour assumed: Flying Saucer's device remembers the last colour it set
     * and skips setting it again, even on a page of another file, so what a page's content says would
     * depend on what the renderer drew before.
     */
    @Override
    public void initializePage(org.openpdf.text.pdf.PdfContentByte currentPage, float height) {
        super.initializePage(currentPage, height);
        try {
            FILL_COLOR.set(this, null);
            STROKE_COLOR.set(this, null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Fills a rectangle in the current colour as one {@code re} operator: where {@link #fill} would
     * write the same rectangle as a path of five points (a カスタマバーコード has 67 such bars per page).
     * <p>
     * A page's bars take a few hundred places, the same on every page of a layout: the operator's bytes are
     * made by OpenPDF once per place (and transform) and copied after that — formatting four numbers per bar
     * through reflection was ≈ 5% of the print workers' samples (JFR, 100k print run).
     */
    void fillBox(java.awt.Rectangle r) {
        fillBox(r.x, r.y, r.width, r.height);
    }

    /**
     * As {@link #fillBox(java.awt.Rectangle)}, of the rectangle at x, y of width w and height h. The bytes are found
     * in an open-addressed table by the packed place and size: a HashMap's boxed key and node per bar was ≈ 2%.
     */
    void fillBox(int x, int y, int w, int h) {
        try {
            ENSURE_FILL_COLOR.invokeExact((ITextOutputDevice) this);
            java.awt.geom.AffineTransform t = (java.awt.geom.AffineTransform) TRANSFORM.get(this);
            float height = (float) PAGE_HEIGHT.get(this);
            if (!t.equals(boxesTransform) || height != boxesHeight) {
                clearBoxBytes();
                boxesTransform = new java.awt.geom.AffineTransform(t);
                boxesHeight = height;
            }
            long key = (x & 0xFFFFL) << 48 | (y & 0xFFFFL) << 32 | (w & 0xFFFFL) << 16 | (h & 0xFFFFL);
            boolean cacheable = (x | y | w | h) >= 0 && Math.max(Math.max(x, y), Math.max(w, h)) <= 0xFFFF;
            byte[] bytes = null;
            int slot = 0;
            if (cacheable) {
                if (boxKeys == null) {
                    boxKeys = new long[BOX_SLOTS];
                    boxValues = new byte[BOX_SLOTS][];
                    boxGeneration = new int[BOX_SLOTS];
                }
                slot = (int) ((key * 0x9E3779B97F4A7C15L) >>> (64 - BOX_SLOT_BITS));
                while (boxGeneration[slot] == boxesGeneration) {
                    if (boxKeys[slot] == key) {
                        bytes = boxValues[slot];
                        break;
                    }
                    slot = (slot + 1) & (BOX_SLOTS - 1);
                }
            }
            if (bytes == null) {
                bytes = boxOperator(new java.awt.Rectangle(x, y, w, h), t, height);
                if (cacheable) {
                    if (boxCount >= BOX_SLOTS / 2) {
                        clearBoxBytes();
                        slot = (int) ((key * 0x9E3779B97F4A7C15L) >>> (64 - BOX_SLOT_BITS));
                        // a cleared table has no entry: the key's own slot is free
                    }
                    boxKeys[slot] = key;
                    boxValues[slot] = bytes;
                    boxGeneration[slot] = boxesGeneration;
                    boxCount++;
                }
            }
            getCurrentPage().getInternalBuffer().append(bytes);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Forgets every box's bytes at once: a slot holds an entry only while its generation is the table's. */
    private void clearBoxBytes() {
        boxCount = 0;
        if (++boxesGeneration == 0 && boxGeneration != null) {
            // after 2^32 clears: slots of generation 0 would seem filled again
            java.util.Arrays.fill(boxGeneration, 0);
            java.util.Arrays.fill(boxValues, null);
            boxesGeneration = 1;
        }
    }

    /** {@code x y w h re f} of a rectangle in layout units, exactly as PdfContentByte's rectangle and fill write it. */
    static byte[] boxOperator(java.awt.Rectangle r, java.awt.geom.AffineTransform t, float height) {
        float[] p = {r.x, r.y, r.x + r.width, r.y + r.height};
        t.transform(p, 0, p, 0, 2);
        float x0 = Math.min(p[0], p[2]);
        float x1 = Math.max(p[0], p[2]);
        float y0 = Math.min(height - p[1], height - p[3]);
        float y1 = Math.max(height - p[1], height - p[3]);
        org.openpdf.text.pdf.PdfContentByte scratch = new org.openpdf.text.pdf.PdfContentByte(null);
        scratch.rectangle(x0, y0, x1 - x0, y1 - y0);
        scratch.fill();
        return scratch.getInternalBuffer().toByteArray();
    }

    /**
     * The bytes of the boxes drawn with {@link #boxesTransform} and {@link #boxesHeight}, by place and size (at
     * most half the slots filled, as the HashMap before held at most 4096 boxes).
     */
    private static final int BOX_SLOT_BITS = 13;
    private static final int BOX_SLOTS = 1 << BOX_SLOT_BITS;
    /* Made at the first box: the device of full layouts never draws one. */
    private long[] boxKeys;
    private byte[][] boxValues;
    private int[] boxGeneration;
    private int boxesGeneration = 1;
    private int boxCount;
    private java.awt.geom.AffineTransform boxesTransform;
    private float boxesHeight = Float.NaN;

    private java.util.Map<org.openpdf.text.pdf.BaseFont, StringBuilder> drawn;
    private org.openpdf.text.pdf.BaseFont currentFont;

    /** Starts (a map) or stops (null) recording the characters drawn, by font: those of a static form. */
    void recordTexts(java.util.Map<org.openpdf.text.pdf.BaseFont, StringBuilder> into) {
        drawn = into;
    }

    @Override
    public void setFont(org.xhtmlrenderer.pdf.ITextFSFont font) {
        super.setFont(font);
        currentFont = font == null ? null : font.getFontDescription().getFont();
    }

    @Override
    public void drawString(String s, float x, float y, org.xhtmlrenderer.render.JustificationInfo info) {
        if (drawn != null && currentFont != null) {
            drawn.computeIfAbsent(currentFont, f -> new StringBuilder()).append(s);
        }
        if (!directGlyphs || info != null || s.isEmpty() || !DirectGlyphs.plain(s) || replaceMissingCharacters) {
            super.drawString(s, x, y, info);
            return;
        }
        try {
            drawPlainString(s, x, y);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether {@link #drawString} writes a text's glyph codes itself ({@link DirectGlyphs}) rather than through
     * OpenPDF's showText; the same bytes either way. Off only to compare the two (tests).
     */
    boolean directGlyphs = directByDefault;

    /** {@link #directGlyphs} of devices made from now on, and of static forms drawn from now on (tests compare whole batches both ways). */
    static volatile boolean directByDefault = true;

    /** Texts this device wrote through {@link DirectGlyphs}. */
    long directTexts;

    /**
     * Flying Saucer's option to draw a replacement for characters the font lacks (its drawString handles it; ours
     * does not): read once per device, not per text drawn.
     */
    private final boolean replaceMissingCharacters =
            org.xhtmlrenderer.util.Configuration.isTrue("xr.renderer.replace-missing-characters", false);

    /**
     * Flying Saucer's drawString (10.3.0) for a text without justification, step by step, but for the text
     * operator itself: {@link DirectGlyphs#show} writes what {@code PdfContentByte.showText} would.
     */
    private void drawPlainString(String s, float x, float y) throws Throwable {
        org.openpdf.text.pdf.PdfContentByte cb = getCurrentPage();
        ENSURE_FILL_COLOR.invokeExact((ITextOutputDevice) this);
        java.awt.geom.AffineTransform at = (java.awt.geom.AffineTransform) getTransform().clone();
        at.translate(x, y);
        java.awt.geom.AffineTransform inverse = (java.awt.geom.AffineTransform) NORMALIZE_MATRIX.invokeExact((ITextOutputDevice) this, at);
        java.awt.geom.AffineTransform flipper = java.awt.geom.AffineTransform.getScaleInstance(1, -1);
        inverse.concatenate(flipper);
        float dotsPerPoint = (float) DOTS_PER_POINT.get((ITextOutputDevice) this);
        inverse.scale(dotsPerPoint, dotsPerPoint);
        double[] mx = new double[6];
        inverse.getMatrix(mx);
        cb.beginText();
        boolean resetMode = false;
        org.xhtmlrenderer.pdf.ITextFSFont font = (org.xhtmlrenderer.pdf.ITextFSFont) FONT.get((ITextOutputDevice) this);
        org.xhtmlrenderer.pdf.FontDescription desc = font.getFontDescription();
        float fontSize = font.getSize2D() / dotsPerPoint;
        cb.setFontAndSize(desc.getFont(), fontSize);
        float b = (float) mx[1];
        float c = (float) mx[2];
        org.xhtmlrenderer.css.value.FontSpecification fontSpec = getFontSpecification();
        if (fontSpec != null) {
            int need = org.xhtmlrenderer.pdf.ITextFontResolver.convertWeightToInt(fontSpec.fontWeight());
            int have = desc.getWeight();
            if (need > have) {
                cb.setTextRenderingMode(org.openpdf.text.pdf.PdfContentByte.TEXT_RENDER_MODE_FILL_STROKE);
                cb.setLineWidth(fontSize * 0.04f);
                resetMode = true;
                ENSURE_STROKE_COLOR.invokeExact((ITextOutputDevice) this);
            }
            if (fontSpec.fontStyle() == org.xhtmlrenderer.css.constants.IdentValue.ITALIC
                    && desc.getStyle() != org.xhtmlrenderer.css.constants.IdentValue.ITALIC
                    && desc.getStyle() != org.xhtmlrenderer.css.constants.IdentValue.OBLIQUE) {
                b = 0f;
                c = 0.21256f;
            }
        }
        cb.setTextMatrix((float) mx[0], b, c, (float) mx[3], (float) mx[4], (float) mx[5]);
        if (DirectGlyphs.ofThisThread().show(cb, s)) {
            directTexts++;
        } else {
            cb.showText(s);
        }
        if (resetMode) {
            cb.setTextRenderingMode(org.openpdf.text.pdf.PdfContentByte.TEXT_RENDER_MODE_FILL);
            cb.setLineWidth(1);
        }
        cb.endText();
    }

    void leaveOut(Set<InlineText> texts, Set<Element> boxes, Element qrElement) {
        this.texts = texts;
        this.boxes = boxes;
        this.boxEdges.clear();
        this.qrElement = qrElement;
        this.qrAt = null;
        this.qrSize = null;
    }

    void paintEverything() {
        texts = null;
        boxes = null;
        qrElement = null;
    }

    /** Where the background of a left-out box was to be painted. */
    java.awt.Rectangle boxEdge(Element element) {
        return boxEdges.get(element);
    }

    /** Where the left-out QR code was to be drawn, {x, y}, or null. */
    int[] qrAt() {
        return qrAt;
    }

    /** The left-out QR image's plain width and height. */
    float[] qrSize() {
        return qrSize;
    }

    @Override
    public void drawText(RenderingContext c, InlineText inlineText) {
        if (texts != null && texts.contains(inlineText)) {
            return;
        }
        super.drawText(c, inlineText);
    }

    @Override
    public void paintBackground(RenderingContext c, org.xhtmlrenderer.render.Box box) {
        if (boxes != null && boxes.contains(box.getElement())) {
            boxEdges.put(box.getElement(), box.getPaintingBorderEdge(c));
            return;
        }
        super.paintBackground(c, box);
    }

    @Override
    public void paintReplacedElement(RenderingContext c, BlockBox box) {
        if (qrElement != null && box.getElement() == qrElement) {
            recordingQr = true;
            try {
                super.paintReplacedElement(c, box);
            } finally {
                recordingQr = false;
            }
            return;
        }
        super.paintReplacedElement(c, box);
    }

    @Override
    public void drawImage(FSImage image, int x, int y) {
        if (recordingQr && image instanceof ITextFSImage fs) {
            qrAt = new int[]{x, y};
            qrSize = new float[]{fs.getImage().getPlainWidth(), fs.getImage().getPlainHeight()};
            return;
        }
        super.drawImage(image, x, y);
    }
}
