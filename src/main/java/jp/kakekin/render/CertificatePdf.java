package jp.kakekin.render;

import jp.kakekin.document.DocumentView;
import jp.kakekin.document.UniqueCode;
import org.openpdf.text.Rectangle;
import org.openpdf.text.pdf.PdfContentByte;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.Text;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xhtmlrenderer.css.constants.CSSName;
import org.xhtmlrenderer.css.constants.IdentValue;
import org.xhtmlrenderer.css.style.CalculatedStyle;
import org.xhtmlrenderer.css.style.derived.BorderPropertySet;
import org.xhtmlrenderer.layout.Layer;
import org.xhtmlrenderer.pdf.DefaultPDFCreationListener;
import org.xhtmlrenderer.pdf.ITextFSFont;
import org.xhtmlrenderer.pdf.ITextFontContext;
import org.xhtmlrenderer.pdf.ITextOutputDevice;
import org.xhtmlrenderer.pdf.ITextRenderer;
import org.xhtmlrenderer.pdf.ITextUserAgent;
import org.xhtmlrenderer.render.BlockBox;
import org.xhtmlrenderer.render.Box;
import org.xhtmlrenderer.render.InlineLayoutBox;
import org.xhtmlrenderer.render.InlineText;
import org.xhtmlrenderer.render.LineBox;
import org.xhtmlrenderer.render.PageBox;
import org.xhtmlrenderer.render.RenderingContext;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.awt.Shape;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.LongAdder;

/**
 * Renders certificates — and every other kakekin document with a {@link DocumentView}, such as the
 * SAFETY statements — to PDF: one renderer, two outputs.
 * <ul>
 * <li>{@link #render(DocumentView)}: one document as its own PDF (reissue, on demand).</li>
 * <li>{@link #renderBatch(List, OutputStream)}: many documents merged into one PDF (print batches),
 * one page each, fonts subset once for the whole file.</li>
 * </ul>
 * Before a document is laid out, every character of it is checked against the fonts
 * ({@link GlyphCheck}); a document that fails the check, does not fit one A4 page, or overflows a
 * block the layout limits in height ({@code data-max-height}, e.g. the envelope window) is not
 * rendered and is reported instead.
 * <p>
 * <b>Lay out once, fill many.</b> The first document of each layout and shape (template, the
 * conditional parts it prints, and the texts that cannot be refilled in place) is laid out by Flying
 * Saucer and compiled ({@link CompiledLayout}); the next ones are filled from it: the static part of
 * the page is one shared form per PDF file, and only the lines that print the holder's fields and the
 * QR code are drawn. A document the compiled layout cannot fill exactly (a value that would not fit its
 * line, a character only the fallback font has, ...) is laid out in full, and counted
 * ({@link #counts()}).
 * <p>
 * Thread-safe: the fonts, the parsed templates and the compiled layouts are shared; each call borrows a
 * Flying Saucer renderer from a small pool (renderers are reused, not shared). The output depends only
 * on the views: dates, document ID and font-subset names come from the views, so a restarted print run
 * writes the same bytes.
 */
public final class CertificatePdf {

    private static final int DOTS_PER_PIXEL = ITextRenderer.DEFAULT_DOTS_PER_PIXEL;
    private static final float DOTS_PER_POINT = ITextRenderer.DEFAULT_DOTS_PER_POINT;
    static final String SLOT_ATTRIBUTE = "data-kk-slot";
    private static final String PROSE_ATTRIBUTE = "data-kk-prose";
    /** A field in a text with this much fixed text around it is prose: it may share its lines with others. */
    private static final int PROSE_CHARACTERS = 16;
    /** Compiled variants kept per marked layout (each with other values of its paragraph fields). */
    private static final int VARIANTS_PER_KEY = 16;
    private static final int MAX_KEYS = 512;

    /**
     * Deflate level of the page content streams and font subsets' wrapper, chosen by measurement
     * (docs/performance.md, bench-render; the system property is there to repeat the measurement).
     */
    static final int CONTENT_COMPRESSION = Integer.getInteger("kakekin.render.content-compression", 1);
    static final int FONT_COMPRESSION = Integer.getInteger("kakekin.render.font-compression", 1);

    private final FontLibrary fonts;
    private final CertificateTemplates templates;
    private final GlyphCheck glyphCheck;
    private final String producer;
    private final boolean compiling;
    private final ConcurrentLinkedDeque<Slot> pool = new ConcurrentLinkedDeque<>();
    private final ConcurrentHashMap<String, List<CompiledLayout>> layouts = new ConcurrentHashMap<>();
    private volatile long layoutsSince = System.currentTimeMillis();
    private final LongAdder filled = new LongAdder();
    private final LongAdder compiled = new LongAdder();
    private final ConcurrentHashMap<String, LongAdder> fullLayouts = new ConcurrentHashMap<>();

    public CertificatePdf(FontLibrary fonts, CertificateTemplates templates) {
        this(fonts, templates, true);
    }

    /**
     * @param compiledLayouts false: every document is laid out in full (the reference the compiled
     *                        layouts are tested against); compiled layouts are also off when the templates
     *                        are re-read for every document ({@code template-cache-ttl} 0)
     */
    public CertificatePdf(FontLibrary fonts, CertificateTemplates templates, boolean compiledLayouts) {
        this.fonts = Objects.requireNonNull(fonts);
        this.templates = Objects.requireNonNull(templates);
        this.glyphCheck = new GlyphCheck(fonts);
        this.producer = "kakekin (Flying Saucer, OpenPDF)";
        this.compiling = compiledLayouts && templates.cacheTtlMillis() != 0;
    }

    /** One document placed in a merged PDF. Pages are 1-based. */
    public record Placed(String contractNo, UniqueCode uniqueCode, int page) {
    }

    /** One document left out of a merged PDF, and why. */
    public record Failed(String contractNo, UniqueCode uniqueCode, CertificateRenderException error) {
    }

    /**
     * What a merged PDF holds: exactly one page per placed document, in the order given
     * ({@code placed.get(i).page() == i + 1}). When nothing could be placed, nothing was written.
     */
    public record Batch(List<Placed> placed, List<Failed> failed, Counts counts) {
        public Batch {
            placed = List.copyOf(placed);
            failed = List.copyOf(failed);
            Objects.requireNonNull(counts);
        }

        public Batch(List<Placed> placed, List<Failed> failed) {
            this(placed, failed, new Counts(0, 0, Map.of()));
        }

        public int pages() {
            return placed.size();
        }
    }

    /**
     * How the pages rendered so far were made: {@code filled} from a compiled layout, or laid out in full
     * ({@code fullLayouts}, by reason: {@code overflow}, {@code fallback-glyph}, {@code baked-field},
     * {@code paragraph-field}, {@code whitespace}, {@code not-compilable}, {@code off}); {@code compiled}
     * layouts built. The renderer's {@link #counts()} count full layouts when they are decided, also for a
     * document that then fails; a {@link Batch}'s count only its pages.
     */
    public record Counts(long filled, long compiled, Map<String, Long> fullLayouts) {
        public Counts {
            fullLayouts = Collections.unmodifiableMap(new TreeMap<>(fullLayouts));
        }

        public long fullLayoutTotal() {
            return fullLayouts.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    public Counts counts() {
        Map<String, Long> full = new TreeMap<>();
        fullLayouts.forEach((k, v) -> full.put(k, v.sum()));
        return new Counts(filled.sum(), compiled.sum(), full);
    }

    /**
     * Checks the view's text against the fonts without rendering it.
     *
     * @throws GlyphMissingException naming contract, field and code point
     */
    public void check(DocumentView view) {
        check(view.contractNo(), view.textFields());
    }

    /** The same from a view's text fields alone ({@code DocumentView.textFields()}). */
    public void check(String contractNo, java.util.Map<String, String> textFields) {
        glyphCheck.check(contractNo, textFields);
    }

    /**
     * One document as its own PDF.
     *
     * @throws CertificateRenderException when a character has no glyph or the layout needs more than one page
     */
    public byte[] render(DocumentView view) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
        Slot slot = borrow();
        boolean healthy = false;
        try {
            Page page = slot.prepare(view);
            PdfFile file = newFile(out, page, List.of(view));
            slot.print(page, file);
            file.finish();
            healthy = true;
        } finally {
            release(slot, healthy);
        }
        return out.toByteArray();
    }

    /**
     * Many documents merged into one PDF written to {@code out}, one page each, in order. A
     * document that cannot be rendered is left out and reported in {@link Batch#failed()}; the
     * others still print. Errors that concern every document (a broken template, an I/O error on
     * {@code out}) are thrown.
     */
    public Batch renderBatch(List<? extends DocumentView> views, OutputStream out) {
        List<Placed> placed = new ArrayList<>(views.size());
        List<Failed> failed = new ArrayList<>();
        Slot slot = borrow();
        boolean healthy = false;
        long filledBefore = slot.filled;
        long compiledBefore = slot.compiled;
        Map<String, Long> fullBefore = new HashMap<>(slot.full);
        Counts counts;
        try {
            PdfFile file = null;
            for (DocumentView view : views) {
                Page page;
                try {
                    page = slot.prepare(view);
                } catch (CertificateRenderException e) {
                    failed.add(new Failed(view.contractNo(), view.uniqueCode(), e));
                    continue;
                }
                if (file == null) {
                    file = newFile(out, page, views);
                }
                slot.print(page, file);
                placed.add(new Placed(view.contractNo(), view.uniqueCode(), placed.size() + 1));
            }
            if (file != null) {
                file.finish();
            }
            Map<String, Long> full = new HashMap<>();
            slot.full.forEach((reason, n) -> {
                long d = n - fullBefore.getOrDefault(reason, 0L);
                if (d > 0) {
                    full.put(reason, d);
                }
            });
            counts = new Counts(slot.filled - filledBefore, slot.compiled - compiledBefore, full);
            healthy = true;
        } finally {
            release(slot, healthy);
        }
        return new Batch(placed, failed, counts);
    }

    private PdfFile newFile(OutputStream out, Page page, Collection<? extends DocumentView> views) {
        return new PdfFile(out, page.size(), views.iterator().next().issuedOn(), documentId(views), producer,
                CONTENT_COMPRESSION, FONT_COMPRESSION);
    }

    /**
     * A document ready to be printed: filled from a compiled layout, or laid out in full in the slot's
     * renderer ({@code fullReason}: why; {@code off} when compiled layouts are off).
     */
    private record Page(Rectangle size, CompiledLayout layout, CertificateTemplates.Marked doc, String title,
                        String fullReason, boolean compiledNow) {
    }

    private CompiledLayout findLayout(CertificateTemplates.Marked doc) {
        long ttl = templates.cacheTtlMillis();
        if (ttl > 0 && System.currentTimeMillis() - layoutsSince >= ttl) {
            // The layouts' CSS may have been edited: compile again from the templates as they are now.
            layouts.clear();
            layoutsSince = System.currentTimeMillis();
        }
        List<CompiledLayout> variants = layouts.get(doc.xhtml());
        if (variants == null) {
            return null;
        }
        for (CompiledLayout layout : variants) {
            if (layout.matches(doc, fonts)) {
                return layout;
            }
        }
        return null;
    }

    /**
     * Keeps a layout just compiled for {@code doc} and returns the layout to fill {@code doc} from: the new one, or
     * one kept meanwhile that fills {@code doc} as well. At the start of a run every print worker meets the same
     * shapes at once and compiles them side by side; keeping both copies made the first batches draw equal pages
     * from two static forms (a few KB more, and batch files that differed from run to run), so the first copy kept
     * wins and the later one is dropped.
     */
    private CompiledLayout keep(CompiledLayout layout, CertificateTemplates.Marked doc) {
        if (layouts.size() >= MAX_KEYS) {
            layouts.clear();
        }
        CompiledLayout[] chosen = {layout};
        layouts.compute(layout.key(), (k, old) -> {
            if (old != null) {
                for (CompiledLayout kept : old) {
                    if (kept.matches(doc, fonts) && kept.whyNot(doc, fonts) == null) {
                        chosen[0] = kept;
                        return old;
                    }
                }
            }
            List<CompiledLayout> list = old == null ? new ArrayList<>() : new ArrayList<>(old);
            if (list.size() >= VARIANTS_PER_KEY) {
                list.removeFirst();
            }
            list.add(layout);
            return List.copyOf(list);
        });
        return chosen[0];
    }


    /**
     * A block the layout must keep within a height ({@code <div id="window" data-max-height="40mm">}):
     * the holder's block must stay inside the envelope window, and CSS cannot say "report, don't overflow".
     */
    private record HeightLimit(String id, double maxMillimetres) {
    }

    private static List<HeightLimit> heightLimits(Document doc) {
        List<HeightLimit> limits = new ArrayList<>(2);
        org.w3c.dom.NodeList all = doc.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            String max = e.getAttribute("data-max-height");
            if (!max.isEmpty()) {
                if (!max.endsWith("mm") || e.getAttribute("id").isEmpty()) {
                    throw new IllegalStateException("data-max-height needs an id and a value in mm, e.g. "
                            + "<div id=\"window\" data-max-height=\"40mm\">; found \"" + max + "\"");
                }
                limits.add(new HeightLimit(e.getAttribute("id"), Double.parseDouble(max.substring(0, max.length() - 2))));
            }
        }
        return limits;
    }

    /**
     * Takes the title out of the head: the PDF gets it from us. Left in place, Flying Saucer's output
     * device would append it to a list it never clears, growing with every document a pooled renderer
     * renders.
     */
    private static String takeHeadMetadata(Document doc) {
        String title = null;
        Element root = doc.getDocumentElement();
        for (Node head = root.getFirstChild(); head != null; head = head.getNextSibling()) {
            if (head instanceof Element h && "head".equals(h.getLocalName())) {
                Node n = h.getFirstChild();
                while (n != null) {
                    Node next = n.getNextSibling();
                    if (n instanceof Element e && ("title".equals(e.getLocalName()) || "meta".equals(e.getLocalName()))) {
                        if ("title".equals(e.getLocalName())) {
                            title = e.getTextContent().strip();
                        }
                        h.removeChild(e);
                    }
                    n = next;
                }
            }
        }
        return title;
    }

    /**
     * The marked XHTML as a document to lay out: each marked field becomes a span of its own holding
     * its value ({@code data-kk-slot}), so its laid-out text can be found; markers in attributes are
     * replaced by their values (the QR code's is remembered).
     */
    private static final class Realized {
        final Document doc;
        final String markedTitle;
        final List<Element> spans = new ArrayList<>();
        final Set<Integer> inAttributes = new java.util.HashSet<>();
        /**
         * Elements whose style holds markers, with the marked style, in document order: a compiled layout draws its
         * boxes in this order (an IdentityHashMap here drew a page's bars in an order of identity hashes, so the
         * same document's bytes differed between layouts compiled apart, e.g. in two runs).
         */
        final List<Map.Entry<Element, String>> styled = new ArrayList<>();
        Element qrElement;
        String qrMarked;

        Realized(Document doc, CertificateTemplates.Marked marked) {
            this.doc = doc;
            this.markedTitle = takeHeadMetadata(doc);
            walk(doc.getDocumentElement(), marked);
        }

        private void walk(Element element, CertificateTemplates.Marked marked) {
            NamedNodeMap attributes = element.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                Attr a = (Attr) attributes.item(i);
                String value = a.getValue();
                if (!hasMarker(value)) {
                    continue;
                }
                if ("img".equals(element.getLocalName()) && "src".equals(a.getName()) && value.startsWith(QrElementFactory.SCHEME)) {
                    qrElement = element;
                    qrMarked = value.substring(QrElementFactory.SCHEME.length());
                } else if (a.getName().startsWith("data-")) {
                    // Not rendered: its value cannot change the page.
                } else if ("style".equals(a.getName())) {
                    styled.add(Map.entry(element, value));
                } else {
                    for (int k = 0; k < value.length(); k++) {
                        if (SlotMarking.isMarker(value.charAt(k))) {
                            inAttributes.add(SlotMarking.index(value.charAt(k)));
                        }
                    }
                }
                a.setValue(marked.realize(value));
            }
            Node child = element.getFirstChild();
            while (child != null) {
                Node next = child.getNextSibling();
                if (child instanceof Element e) {
                    walk(e, marked);
                } else if (child instanceof Text text && hasMarker(text.getData())) {
                    split(text, marked);
                }
                child = next;
            }
        }

        private void split(Text node, CertificateTemplates.Marked marked) {
            String text = node.getData();
            int fixed = 0;
            for (int i = 0; i < text.length(); i++) {
                if (!SlotMarking.isMarker(text.charAt(i)) && !Character.isWhitespace(text.charAt(i))) {
                    fixed++;
                }
            }
            Node parent = node.getParentNode();
            String ns = parent.getNamespaceURI();
            StringBuilder run = new StringBuilder();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (!SlotMarking.isMarker(c)) {
                    run.append(c);
                    continue;
                }
                if (!run.isEmpty()) {
                    parent.insertBefore(doc.createTextNode(run.toString()), node);
                    run.setLength(0);
                }
                Element span = ns == null ? doc.createElement("span") : doc.createElementNS(ns, "span");
                span.setAttribute(SLOT_ATTRIBUTE, Integer.toString(SlotMarking.index(c)));
                if (fixed >= PROSE_CHARACTERS) {
                    span.setAttribute(PROSE_ATTRIBUTE, "");
                }
                span.appendChild(doc.createTextNode(marked.value(c)));
                parent.insertBefore(span, node);
                spans.add(span);
            }
            if (!run.isEmpty()) {
                parent.insertBefore(doc.createTextNode(run.toString()), node);
            }
            parent.removeChild(node);
        }

        private static boolean hasMarker(String s) {
            for (int i = 0; i < s.length(); i++) {
                if (SlotMarking.isMarker(s.charAt(i))) {
                    return true;
                }
            }
            return false;
        }
    }

    private Slot borrow() {
        Slot slot = pool.pollFirst();
        return slot != null ? slot : new Slot();
    }

    private void release(Slot slot, boolean healthy) {
        // A renderer that failed half-way through a PDF may hold a broken state: let it go.
        if (healthy) {
            pool.offerFirst(slot);
        }
    }

    /** A Flying Saucer renderer with the shared fonts, and an XML parser; used by one thread at a time. */
    private final class Slot extends DefaultPDFCreationListener {
        private final ITextRenderer renderer;
        private final SlotDevice device;
        private final SlotDevice fillDevice = new SlotDevice(DOTS_PER_POINT);
        private final CertificateFontResolver fontResolver;
        private final DocumentBuilder parser;
        private final CertificateNamespaceHandler namespaceHandler = new CertificateNamespaceHandler();
        /** Pages this renderer printed: filled, layouts compiled, laid out in full by reason. */
        long filled;
        long compiled;
        final Map<String, Long> full = new HashMap<>();

        Slot() {
            device = new SlotDevice(DOTS_PER_POINT);
            ITextUserAgent userAgent = new ITextUserAgent(device, DOTS_PER_PIXEL);
            fontResolver = new CertificateFontResolver(fonts);
            fontResolver.registerPrimaries();
            renderer = new ITextRenderer(DOTS_PER_POINT, DOTS_PER_PIXEL, device, userAgent, fontResolver,
                    new QrElementFactory(device, DOTS_PER_PIXEL), new CertificateTextRenderer(fonts));
            // Deprecated in Flying Saucer but the only way in: see CachingStyleReference.
            renderer.getSharedContext().setCss(new CachingStyleReference(userAgent, templates.cacheTtlMillis()));
            parser = newParser();
            prime(device);
            prime(fillDevice);
        }

        /**
         * Lets an output device draw one empty page to nowhere. Flying Saucer's device takes an object
         * number for its default link destination on the first page it ever draws, and never again, so
         * without this the first document of a device would be numbered differently from the same
         * document later: the same view must give the same bytes whichever renderer of the pool draws it.
         */
        private void prime(ITextOutputDevice d) {
            Rectangle a4 = new Rectangle(595, 842);
            PdfFile nowhere = new PdfFile(OutputStream.nullOutputStream(), a4, LocalDate.EPOCH, new byte[16], producer,
                    CONTENT_COMPRESSION, FONT_COMPRESSION);
            PdfContentByte cb = nowhere.newPage(a4);
            d.setWriter(nowhere.writer());
            d.initializePage(cb, a4.getHeight());
            d.finishPage();
            cb.rectangle(0, 0, 1, 1);
            nowhere.finish();
        }

        Document parse(String xhtml, String template) {
            try {
                parser.reset();
                return parser.parse(new InputSource(new StringReader(xhtml)));
            } catch (SAXException | IOException e) {
                throw new IllegalStateException("template " + template + " does not produce well-formed XHTML: "
                        + e.getMessage(), e);
            }
        }

        /** Checks, fills and — unless a compiled layout can fill it — lays out one document. */
        Page prepare(DocumentView view) {
            check(view);
            CertificateTemplates.Marked marked = templates.fill(view, compiling);
            CompiledLayout layout = null;
            String fullReason = null;
            if (compiling) {
                layout = findLayout(marked);
                if (layout != null) {
                    String why = layout.whyNot(marked, fonts);
                    if (why == null) {
                        return new Page(layout.pageSize(), layout, marked, null, null, false);
                    }
                    fullReason = why;
                    layout = null;
                }
            }
            String counted = compiling ? fullLayoutReason(marked) : null;
            if (counted != null && fullReason == null) {
                fullReason = counted;
            }
            if (!compiling) {
                fullReason = "off";
            }
            if (fullReason != null) {
                // Counted when decided, also for a document that then fails (too long for its page or window).
                fullLayouts.computeIfAbsent(fullReason, r -> new LongAdder()).increment();
            }
            Realized realized = new Realized(parse(marked.xhtml(), marked.layout()), marked);
            glyphCheck.applyFallback(realized.doc, view.contractNo(), view.layout());
            List<HeightLimit> limits = heightLimits(realized.doc);
            Rectangle size = layout(realized, limits, view);
            String title = realized.markedTitle == null ? null : marked.realize(realized.markedTitle);
            if (fullReason == null) {
                CompiledLayout built = compile(realized, marked, size);
                if (built != null && built.whyNot(marked, fonts) == null) {
                    CompiledLayout kept = keep(built, marked);
                    return new Page(size, kept, marked, null, null, kept == built);
                }
                fullReason = "not-compilable";
                fullLayouts.computeIfAbsent(fullReason, r -> new LongAdder()).increment();
            }
            return new Page(size, null, marked, title, fullReason, false);
        }

        /**
         * Why this document goes to a full layout for a reason that compiling anew would not change, or
         * null when it does not (no layout of its shape yet, or only layouts with other paragraph values).
         */
        private String fullLayoutReason(CertificateTemplates.Marked marked) {
            List<CompiledLayout> variants = layouts.get(marked.xhtml());
            if (variants == null) {
                return null;
            }
            // A layout of this shape exists and refused the document for its values (not for a paragraph's): compile only for new paragraph values.
            for (CompiledLayout l : variants) {
                String why = l.whyNot(marked, fonts);
                if (!"baked-field".equals(why) && !"fallback-shape".equals(why)) {
                    return why == null ? "not-compilable" : why;
                }
            }
            return null;
        }

        private Rectangle layout(Realized realized, List<HeightLimit> limits, DocumentView view) {
            fontResolver.registerFallbackIfLoaded();
            renderer.setDocument(realized.doc, templates.baseUrl(), namespaceHandler);
            renderer.layout();
            List<PageBox> pages = renderer.getRootBox().getLayer().getPages();
            if (pages.size() != 1) {
                throw new CertificateRenderException(view.contractNo(),
                        "the document takes %d pages; it must fit one A4 page (address or name too long?)".formatted(pages.size()));
            }
            for (HeightLimit limit : limits) {
                Box box = renderer.getSharedContext().getBoxById(limit.id());
                double mm = box == null ? 0 : box.getHeight() / DOTS_PER_POINT * 25.4 / 72;
                if (mm > limit.maxMillimetres() + 0.05) {
                    throw new CertificateRenderException(view.contractNo(), ("block #%s is %.1f mm high, the layout allows "
                            + "%.1f mm (address or name too long for the envelope window?)").formatted(limit.id(), mm,
                            limit.maxMillimetres()));
                }
            }
            RenderingContext c = renderingContext();
            PageBox page = pages.getFirst();
            return new Rectangle(0, 0, page.getWidth(c) / DOTS_PER_POINT, page.getHeight(c) / DOTS_PER_POINT);
        }

        private RenderingContext renderingContext() {
            ITextFontContext fontContext = new ITextFontContext();
            renderer.getSharedContext().getTextRenderer().setup(fontContext);
            return renderer.getSharedContext().newRenderingContextInstance(device, fontContext,
                    renderer.getRootBox().getLayer(), 0);
        }

        void print(Page page, PdfFile file) {
            if (page.compiledNow()) {
                compiled++;
                CertificatePdf.this.compiled.increment();
            }
            if (page.layout() != null) {
                page.layout().fill(file, page.doc(), fillDevice, fonts);
                filled++;
                CertificatePdf.this.filled.increment();
                return;
            }
            full.merge(page.fullReason(), 1L, Long::sum);
            file.title(page.title());
            PdfContentByte cb = file.newPage(page.size());
            paint(cb, file, page.size());
        }

        /** Paints the laid-out document on a page, as Flying Saucer's own PDF writer does. */
        private int[] paint(PdfContentByte cb, PdfFile file, Rectangle size) {
            RenderingContext c = renderingContext();
            BlockBox root = renderer.getRootBox();
            device.setRoot(root);
            device.setWriter(file.writer());
            device.initializePage(cb, size.getHeight());
            root.getLayer().assignPagePaintingPositions(c, Layer.PagedMode.PAGED_MODE_PRINT);
            List<PageBox> pages = root.getLayer().getPages();
            c.setPageCount(pages.size());
            PageBox page = pages.getFirst();
            c.setPage(0, page);
            page.paintBackground(c, 0, Layer.PagedMode.PAGED_MODE_PRINT);
            page.paintMarginAreas(c, 0, Layer.PagedMode.PAGED_MODE_PRINT);
            page.paintBorder(c, 0, Layer.PagedMode.PAGED_MODE_PRINT);
            Shape working = device.getClip();
            device.clip(page.getPrintClippingBounds(c));
            int top = -page.getPaintingTop() + page.getMarginBorderPadding(c, CalculatedStyle.Edge.TOP);
            int left = page.getMarginBorderPadding(c, CalculatedStyle.Edge.LEFT);
            device.translate(left, top);
            root.getLayer().paint(c);
            device.translate(-left, -top);
            device.setClip(working);
            device.finishPage();
            return new int[]{left, top};
        }

        /**
         * Compiles the laid-out document: finds the lines that print its fields, paints everything else
         * into a one-page PDF. Null when this document cannot be the model of its shape (a field that is
         * not prose does not sit on a line of its own, so another holder's value would move the page).
         */
        private CompiledLayout compile(Realized realized, CertificateTemplates.Marked marked, Rectangle size) {
            RenderingContext c = renderingContext();
            List<LineBox> lineBoxes = new ArrayList<>();
            collectLines(renderer.getRootBox().getLayer(), lineBoxes, Collections.newSetFromMap(new IdentityHashMap<>()));
            Map<Element, InlineText> spanTexts = new IdentityHashMap<>();
            Map<Element, Integer> spanCounts = new IdentityHashMap<>();
            List<CompiledLayout.Line> lines = new ArrayList<>();
            Set<InlineText> leftOut = Collections.newSetFromMap(new IdentityHashMap<>());
            Map<CompiledLayout.Line, List<InlineText>> drawnTexts = new IdentityHashMap<>();
            Map<Integer, String> baked = new HashMap<>();
            Set<Element> filledSpans = Collections.newSetFromMap(new IdentityHashMap<>());
            for (LineBox line : lineBoxes) {
                List<InlineText> texts = new ArrayList<>();
                boolean plain = flatten(line, texts, c) && (line.getTextDecorations() == null || line.getTextDecorations().isEmpty());
                boolean hasSlot = false;
                Element previousSpan = null;
                for (InlineText t : texts) {
                    Element span = slotSpan(t);
                    if (span != null) {
                        hasSlot = true;
                        spanTexts.put(span, t);
                        if (span != previousSpan) {
                            // A field split by fallback-font runs is one group of consecutive texts.
                            spanCounts.merge(span, 1, Integer::sum);
                        }
                    }
                    previousSpan = span;
                }
                if (!hasSlot) {
                    continue;
                }
                BlockBox block = (BlockBox) line.getParent();
                IdentValue align = block.getStyle().getIdent(CSSName.TEXT_ALIGN);
                boolean alignable = align == IdentValue.LEFT || align == IdentValue.RIGHT || align == IdentValue.CENTER;
                int linesInBlock = 0;
                for (Box b : block.getChildren()) {
                    if (b instanceof LineBox) {
                        linesInBlock++;
                    }
                }
                if (!plain || !alignable) {
                    continue;
                }
                List<CompiledLayout.Run> runs = new ArrayList<>();
                List<Element> runSpans = new ArrayList<>();
                boolean ok = true;
                for (InlineText t : texts) {
                    InlineLayoutBox box = t.getParent();
                    Element span = slotSpan(t);
                    int slot = span == null ? -1 : Integer.parseInt(span.getAttribute(SLOT_ATTRIBUTE));
                    if (!(box.getStyle().getFSFont(c) instanceof ITextFSFont font)) {
                        ok = false;
                        break;
                    }
                    boolean fallback = isFallbackText(t);
                    float x = box.getAbsX() + t.getX();
                    float y = box.getAbsY() + box.getBaseline();
                    CompiledLayout.Run last = runs.isEmpty() ? null : runs.getLast();
                    if (span != null && last != null && runSpans.getLast() == span) {
                        // The next piece of a field split into primary and fallback-font runs.
                        CompiledLayout.Fallback piece = new CompiledLayout.Fallback(font, box.getStyle().getColor(),
                                box.getStyle().getFontSpecification(), y);
                        if (!fallback && last.font() == null) {
                            // The first primary piece of a field that started with a fallback-font run.
                            last = last.withPrimary(piece);
                        }
                        boolean same = fallback ? last.fallback() == null || last.fallback().equals(piece)
                                : piece.equals(new CompiledLayout.Fallback(last.font(), last.color(), last.spec(), last.y()));
                        if (x != last.x() + last.width() || !same) {
                            ok = false;
                            break;
                        }
                        runs.set(runs.size() - 1, last.extend(t.getSubstring(), t.getWidth(), fallback ? piece : last.fallback()));
                        continue;
                    }
                    if (fallback && span != null) {
                        // A field starting with a fallback-font run: its primary font comes with its next piece.
                        runs.add(new CompiledLayout.Run(slot, t.getSubstring(), x, Float.NaN, t.getWidth(), null, null, null,
                                new CompiledLayout.Fallback(font, box.getStyle().getColor(), box.getStyle().getFontSpecification(), y)));
                        runSpans.add(span);
                        continue;
                    }
                    runs.add(new CompiledLayout.Run(slot, t.getSubstring(), x, y, t.getWidth(), font, box.getStyle().getColor(),
                            box.getStyle().getFontSpecification(), null));
                    runSpans.add(span);
                }
                for (int k = 0; ok && k < runs.size(); k++) {
                    CompiledLayout.Run run = runs.get(k);
                    if (run.font() == null || run.slot() >= 0 && !run.text().equals(marked.values().get(run.slot()))) {
                        ok = false;
                    }
                }
                if (!ok) {
                    continue;
                }
                boolean flex = linesInBlock == 1;
                List<InlineText> drawn = new ArrayList<>();
                if (!flex) {
                    // In a paragraph only a field of the same width is filled, so nothing else of the line
                    // moves: its fixed text stays in the static form.
                    List<CompiledLayout.Run> fields = new ArrayList<>();
                    boolean withFallback = false;
                    for (CompiledLayout.Run run : runs) {
                        if (run.slot() >= 0) {
                            fields.add(run);
                            withFallback |= run.fallback() != null;
                        }
                    }
                    for (InlineText t : texts) {
                        if (slotSpan(t) != null) {
                            drawn.add(t);
                        }
                    }
                    if (withFallback) {
                        continue;
                    }
                    runs = fields;
                } else {
                    drawn.addAll(texts);
                }
                CompiledLayout.Line compiledLine = new CompiledLayout.Line(flex, align, line.getContentStart(),
                        block.getContentWidth(), line.getContentWidth(), List.copyOf(runs));
                lines.add(compiledLine);
                drawnTexts.put(compiledLine, drawn);
                leftOut.addAll(drawn);
                for (InlineText t : texts) {
                    Element span = slotSpan(t);
                    if (span != null) {
                        filledSpans.add(span);
                    }
                }
            }
            for (CompiledLayout.Line line : lines) {
                if (!line.flex()) {
                    for (CompiledLayout.Run run : line.runs()) {
                        if (run.slot() >= 0 && !isProse(realized, run)) {
                            return null;
                        }
                    }
                }
            }
            for (Element span : realized.spans) {
                int slot = Integer.parseInt(span.getAttribute(SLOT_ATTRIBUTE));
                boolean fillable = filledSpans.contains(span) && spanCounts.getOrDefault(span, 0) == 1;
                if (!fillable) {
                    if (!span.hasAttribute(PROSE_ATTRIBUTE) && spanTexts.containsKey(span)) {
                        return null;
                    }
                    baked.put(slot, marked.values().get(slot));
                }
            }
            for (int slot : realized.inAttributes) {
                baked.put(slot, marked.values().get(slot));
            }
            // A line holding a baked field stays in the static part.
            List<CompiledLayout.Line> kept = new ArrayList<>();
            for (CompiledLayout.Line line : lines) {
                boolean hasBaked = line.runs().stream().anyMatch(r -> r.slot() >= 0 && baked.containsKey(r.slot()));
                if (hasBaked) {
                    continue;
                }
                kept.add(line);
            }
            if (kept.size() != lines.size()) {
                leftOut.clear();
                for (CompiledLayout.Line line : kept) {
                    leftOut.addAll(drawnTexts.get(line));
                }
            }
            List<CompiledLayout.Box> boxSlots = new ArrayList<>();
            List<Element> boxElements = new ArrayList<>();
            Set<Element> leftOutBoxes = Collections.newSetFromMap(new IdentityHashMap<>());
            if (!realized.styled.isEmpty()) {
                Map<Element, Box> boxes = new IdentityHashMap<>();
                collectBoxes(renderer.getRootBox().getLayer(), boxes);
                for (Map.Entry<Element, String> e : realized.styled) {
                    Element element = e.getKey();
                    int[] g = CompiledLayout.boxGeometry(element.getAttribute("style"));
                    Box box = boxes.get(element);
                    boolean fillable = g != null && box != null && !element.hasChildNodes() && box.getWidth() == g[2]
                            && box.getHeight() == g[3] && box.getStyle().isHasBackground()
                            && box.getStyle().getBorder(c).noTop() && box.getStyle().getBorder(c).noLeft()
                            && box.getStyle().getBorder(c).noRight() && box.getStyle().getBorder(c).noBottom();
                    if (fillable) {
                        boxSlots.add(new CompiledLayout.Box(e.getValue(), g[0], g[1], box.getStyle().getBackgroundColor()));
                        boxElements.add(element);
                        leftOutBoxes.add(element);
                    } else {
                        for (int k = 0; k < e.getValue().length(); k++) {
                            char m = e.getValue().charAt(k);
                            if (SlotMarking.isMarker(m)) {
                                baked.put(SlotMarking.index(m), marked.value(m));
                            }
                        }
                    }
                }
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 * 1024);
            PdfFile staticFile = new PdfFile(bytes, size, LocalDate.EPOCH, digest(marked.xhtml() + baked), producer,
                    CONTENT_COMPRESSION, FONT_COMPRESSION);
            device.leaveOut(leftOut, leftOutBoxes, realized.qrElement);
            Map<org.openpdf.text.pdf.BaseFont, StringBuilder> staticTexts = new LinkedHashMap<>();
            device.recordTexts(staticTexts);
            int[] origin;
            try {
                origin = paint(staticFile.newPage(size), staticFile, size);
            } finally {
                device.paintEverything();
                device.recordTexts(null);
            }
            staticFile.finish();
            PdfFile.StaticForm staticForm = PdfFile.StaticForm.of(bytes.toByteArray(), staticTexts, fonts);
            // A box's origin is where Flying Saucer painted it, less its offsets in this document.
            for (int i = 0; i < boxSlots.size(); i++) {
                java.awt.Rectangle edge = device.boxEdge(boxElements.get(i));
                CompiledLayout.Box b = boxSlots.get(i);
                int[] g = CompiledLayout.boxGeometry(boxElements.get(i).getAttribute("style"));
                if (edge == null || edge.width != g[2] || edge.height != g[3]) {
                    return null;
                }
                boxSlots.set(i, new CompiledLayout.Box(b.markedStyle(), edge.x - g[0], edge.y - g[1], b.color()));
            }
            CompiledLayout.Qr qr = null;
            if (realized.qrElement != null) {
                if (device.qrAt() == null) {
                    return null;
                }
                qr = new CompiledLayout.Qr(realized.qrMarked, device.qrAt()[0], device.qrAt()[1], device.qrSize()[0],
                        device.qrSize()[1]);
            }
            return new CompiledLayout(marked.xhtml(), size, origin[0], origin[1], Map.copyOf(baked), bytes.toByteArray(),
                    List.copyOf(kept), qr, List.copyOf(boxSlots), realized.markedTitle,
                    CompiledLayout.fallbackShape(marked.values(), fonts), staticForm);
        }

        private boolean isProse(Realized realized, CompiledLayout.Run run) {
            for (Element span : realized.spans) {
                if (Integer.parseInt(span.getAttribute(SLOT_ATTRIBUTE)) == run.slot() && !span.hasAttribute(PROSE_ATTRIBUTE)) {
                    return false;
                }
            }
            return true;
        }
    }

    private static Element slotSpan(InlineText t) {
        Node parent = t.getTextNode() == null ? null : t.getTextNode().getParentNode();
        if (parent instanceof Element e && GlyphCheck.FALLBACK_CLASS.equals(e.getAttribute("class"))) {
            parent = e.getParentNode();
        }
        return parent instanceof Element e && e.hasAttribute(SLOT_ATTRIBUTE) ? e : null;
    }

    /** Whether a text is a run the glyph check set in the fallback font. */
    private static boolean isFallbackText(InlineText t) {
        Node parent = t.getTextNode() == null ? null : t.getTextNode().getParentNode();
        return parent instanceof Element e && GlyphCheck.FALLBACK_CLASS.equals(e.getAttribute("class"));
    }

    /** Every box of the page with an element, by element (the first box of each). */
    private static void collectBoxes(Layer layer, Map<Element, Box> out) {
        collectBoxes(layer.getMaster(), out);
        for (Layer child : layer.getChildren()) {
            collectBoxes(child, out);
        }
    }

    private static void collectBoxes(Box box, Map<Element, Box> out) {
        if (box.getElement() != null) {
            out.putIfAbsent(box.getElement(), box);
        }
        for (Box child : box.getChildren()) {
            collectBoxes(child, out);
        }
    }

    /** Every line of the page, positioned blocks (their own layers) included, each once. */
    private static void collectLines(Layer layer, List<LineBox> out, Set<LineBox> seen) {
        collectLines(layer.getMaster(), out, seen);
        for (Layer child : layer.getChildren()) {
            collectLines(child, out, seen);
        }
    }

    private static void collectLines(Box box, List<LineBox> out, Set<LineBox> seen) {
        if (box instanceof LineBox line) {
            if (seen.add(line)) {
                out.add(line);
            }
            return;
        }
        for (Box child : box.getChildren()) {
            collectLines(child, out, seen);
        }
    }

    /** The texts of a line in drawing order; false when the line holds anything else or decorated inline boxes. */
    private static boolean flatten(Box box, List<InlineText> out, RenderingContext c) {
        boolean plain = true;
        for (Box child : box.getChildren()) {
            if (child instanceof InlineLayoutBox inline) {
                plain &= flattenInline(inline, out, c);
            } else {
                plain = false;
            }
        }
        return plain;
    }

    private static boolean flattenInline(InlineLayoutBox box, List<InlineText> out, RenderingContext c) {
        boolean plain = isPlain(box, c);
        for (Object child : box.getInlineChildren()) {
            if (child instanceof InlineText t) {
                out.add(t);
            } else if (child instanceof InlineLayoutBox inline) {
                plain &= flattenInline(inline, out, c);
            } else {
                plain = false;
            }
        }
        return plain;
    }

    private static boolean isPlain(InlineLayoutBox box, RenderingContext c) {
        CalculatedStyle style = box.getStyle();
        BorderPropertySet border = style.getBorder(c);
        return !style.isHasBackground() && border.noTop() && border.noBottom() && border.noLeft() && border.noRight()
                && (box.getTextDecorations() == null || box.getTextDecorations().isEmpty());
    }

    /** The file identifier of the PDF trailer: a digest of the unique codes it holds, the same on every run. */
    private static byte[] documentId(Collection<? extends DocumentView> views) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            for (DocumentView v : views) {
                md5.update(v.uniqueCode().value().getBytes(StandardCharsets.US_ASCII));
                md5.update(v.issuedOn().toString().getBytes(StandardCharsets.US_ASCII));
            }
            return md5.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DocumentBuilder newParser() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setValidating(false);
            factory.setExpandEntityReferences(false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }
}
