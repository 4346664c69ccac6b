package jp.kakekin.render;

import jp.kakekin.issuance.JapanClock;

import jp.kakekin.document.DocumentView;
import jp.kakekin.document.UniqueCode;
import org.openpdf.text.pdf.PdfDate;
import org.openpdf.text.pdf.PdfName;
import org.openpdf.text.pdf.PdfObject;
import org.openpdf.text.pdf.PdfString;
import org.openpdf.text.pdf.PdfWriter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xhtmlrenderer.pdf.DefaultPDFCreationListener;
import org.xhtmlrenderer.render.Box;
import org.xhtmlrenderer.pdf.ITextOutputDevice;
import org.xhtmlrenderer.pdf.ITextRenderer;
import org.xhtmlrenderer.pdf.ITextUserAgent;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
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
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;

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
 * Thread-safe: the fonts and the parsed templates are shared; each call borrows a Flying Saucer
 * renderer from a small pool (renderers are reused, not shared). The output depends only on the
 * views: dates, document ID and font-subset names come from the views, so a restarted print run
 * writes the same bytes.
 */
public final class CertificatePdf {

    private static final int DOTS_PER_PIXEL = ITextRenderer.DEFAULT_DOTS_PER_PIXEL;
    private static final float DOTS_PER_POINT = ITextRenderer.DEFAULT_DOTS_PER_POINT;

    private final FontLibrary fonts;
    private final CertificateTemplates templates;
    private final GlyphCheck glyphCheck;
    private final String producer;
    private final ConcurrentLinkedDeque<Slot> pool = new ConcurrentLinkedDeque<>();

    public CertificatePdf(FontLibrary fonts, CertificateTemplates templates) {
        this.fonts = Objects.requireNonNull(fonts);
        this.templates = Objects.requireNonNull(templates);
        this.glyphCheck = new GlyphCheck(fonts);
        this.producer = "kakekin (Flying Saucer, OpenPDF)";
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
    public record Batch(List<Placed> placed, List<Failed> failed) {
        public Batch {
            placed = List.copyOf(placed);
            failed = List.copyOf(failed);
        }

        public int pages() {
            return placed.size();
        }
    }

    /**
     * Checks the view's text against the fonts without rendering it.
     *
     * @throws GlyphMissingException naming contract, field and code point
     */
    public void check(DocumentView view) {
        glyphCheck.check(view.contractNo(), view.textFields());
    }

    /**
     * One document as its own PDF.
     *
     * @throws CertificateRenderException when a character has no glyph or the layout needs more than one page
     */
    public byte[] render(DocumentView view) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(48 * 1024);
        Slot slot = borrow();
        boolean healthy = false;
        try {
            slot.layout(prepare(slot, view), view);
            slot.begin(out, List.of(view));
            slot.finish();
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
        try {
            for (DocumentView view : views) {
                try {
                    slot.layout(prepare(slot, view), view);
                } catch (CertificateRenderException e) {
                    failed.add(new Failed(view.contractNo(), view.uniqueCode(), e));
                    continue;
                }
                if (placed.isEmpty()) {
                    slot.begin(out, views);
                } else {
                    slot.next();
                }
                placed.add(new Placed(view.contractNo(), view.uniqueCode(), placed.size() + 1));
            }
            if (!placed.isEmpty()) {
                slot.finish();
            }
            healthy = true;
        } finally {
            release(slot, healthy);
        }
        return new Batch(placed, failed);
    }

    /** The filled-in, glyph-checked XHTML of a document, ready for layout. */
    private Prepared prepare(Slot slot, DocumentView view) {
        check(view);
        String xhtml = templates.fill(view);
        Document doc = slot.parse(xhtml, view.layout());
        glyphCheck.applyFallback(doc, view.contractNo(), view.layout());
        return new Prepared(doc, takeHeadMetadata(doc), heightLimits(doc));
    }

    private record Prepared(Document doc, String title, List<HeightLimit> limits) {
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

    private Slot borrow() {
        Slot slot = pool.pollFirst();
        return slot != null ? slot : new Slot();
    }

    private void release(Slot slot, boolean healthy) {
        // A renderer that failed half-way through a PDF may hold a broken writer: let it go.
        if (healthy) {
            pool.offerFirst(slot);
        }
    }

    /** A Flying Saucer renderer with the shared fonts, and an XML parser; used by one thread at a time. */
    private final class Slot extends DefaultPDFCreationListener {
        private final ITextRenderer renderer;
        private final CertificateFontResolver fontResolver;
        private final DocumentBuilder parser;
        private final CertificateNamespaceHandler namespaceHandler = new CertificateNamespaceHandler();
        private String title;
        private LocalDate issuedOn;
        private byte[] documentId;

        Slot() {
            ITextOutputDevice device = new ITextOutputDevice(DOTS_PER_POINT);
            ITextUserAgent userAgent = new ITextUserAgent(device, DOTS_PER_PIXEL);
            fontResolver = new CertificateFontResolver(fonts);
            fontResolver.registerPrimaries();
            renderer = new ITextRenderer(DOTS_PER_POINT, DOTS_PER_PIXEL, device, userAgent, fontResolver,
                    new QrElementFactory(device, DOTS_PER_PIXEL), new CertificateTextRenderer(fonts));
            // Deprecated in Flying Saucer but the only way in: see CachingStyleReference.
            renderer.getSharedContext().setCss(new CachingStyleReference(userAgent, templates.cacheTtlMillis()));
            renderer.setPDFProducer(producer);
            renderer.setPDFCreator(producer);
            renderer.setListener(this);
            parser = newParser();
            prime();
        }

        /**
         * Writes one empty page to nowhere. Flying Saucer's output device reserves page 1's object
         * number early for the first PDF it ever writes and never again, so without this the first
         * certificate of a renderer would be numbered differently from the same certificate later:
         * the same view must give the same bytes whichever renderer of the pool draws it.
         */
        private void prime() {
            issuedOn = LocalDate.EPOCH;
            documentId = new byte[16];
            renderer.setDocument(parse("<html xmlns=\"http://www.w3.org/1999/xhtml\"><body></body></html>", "(none)"),
                    templates.baseUrl(), namespaceHandler);
            renderer.layout();
            try {
                renderer.createPDF(OutputStream.nullOutputStream(), true);
            } catch (org.openpdf.text.DocumentException e) {
                throw new IllegalStateException("cannot prime the PDF renderer", e);
            }
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

        void layout(Prepared prepared, DocumentView view) {
            fontResolver.registerFallbackIfLoaded();
            renderer.setDocument(prepared.doc(), templates.baseUrl(), namespaceHandler);
            renderer.layout();
            int pages = renderer.getRootBox().getLayer().getPages().size();
            if (pages != 1) {
                throw new CertificateRenderException(view.contractNo(),
                        "the document takes %d pages; it must fit one A4 page (address or name too long?)".formatted(pages));
            }
            for (HeightLimit limit : prepared.limits()) {
                Box box = renderer.getSharedContext().getBoxById(limit.id());
                double mm = box == null ? 0 : box.getHeight() / DOTS_PER_POINT * 25.4 / 72;
                if (mm > limit.maxMillimetres() + 0.05) {
                    throw new CertificateRenderException(view.contractNo(), ("block #%s is %.1f mm high, the layout allows "
                            + "%.1f mm (address or name too long for the envelope window?)").formatted(limit.id(), mm,
                            limit.maxMillimetres()));
                }
            }
            title = prepared.title();
        }

        /** Opens the PDF with the laid-out first document; {@code views} identify the file. */
        void begin(OutputStream out, Collection<? extends DocumentView> views) {
            issuedOn = views.iterator().next().issuedOn();
            documentId = documentId(views);
            SubsetPrefix.seed(documentId);
            try {
                renderer.createPDF(out, false);
            } catch (org.openpdf.text.DocumentException e) {
                throw new IllegalStateException("cannot start the PDF", e);
            }
        }

        void next() {
            renderer.writeNextDocument();
        }

        void finish() {
            try {
                renderer.finishPDF();
            } finally {
                SubsetPrefix.clear();
            }
        }

        @Override
        public void preOpen(ITextRenderer r) {
            PdfWriter writer = r.getWriter();
            writer.getExtraCatalog().put(PdfName.LANG, new PdfString("ja"));
            PdfDate date = new PdfDate(GregorianCalendar.from(issuedOn.atStartOfDay(JapanClock.ZONE)));
            writer.getInfo().put(PdfName.CREATIONDATE, date);
            writer.getInfo().put(PdfName.MODDATE, date);
            writer.getInfo().put(PdfName.FILEID, fileId(documentId));
        }

        @Override
        public void preWrite(ITextRenderer r, int pageCount) {
            if (title != null) {
                r.getWriter().getInfo().put(PdfName.TITLE, new PdfString(title, PdfObject.TEXT_UNICODE));
            }
        }
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

    private static PdfObject fileId(byte[] id) {
        org.openpdf.text.pdf.PdfArray array = new org.openpdf.text.pdf.PdfArray();
        PdfString s = new PdfString(id);
        s.setHexWriting(true);
        array.add(s);
        array.add(s);
        return array;
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
