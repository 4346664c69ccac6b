package jp.kakekin.edelivery;

import jp.kakekin.document.Wareki;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;

/**
 * Writes a {@link Teg850Certificate} as the unsigned DOM of a TEG850 document, laid out like the NTA's
 * signed sample: XML declaration, stylesheet processing instruction, root with the form attributes and
 * the namespace declarations, one element per line indented with tabs. The indentation is part of what
 * gets signed, so the document must never be re-indented after signing.
 */
public final class Teg850Writer {

    private static final DocumentBuilderFactory DOCUMENTS = DocumentBuilderFactory.newDefaultInstance();

    static {
        DOCUMENTS.setNamespaceAware(true);
    }

    private Teg850Writer() {
    }

    public static Document write(Teg850Header header, Teg850Certificate c) {
        Document doc = newDocument();
        doc.setXmlStandalone(true);
        doc.appendChild(doc.createProcessingInstruction("xml-stylesheet",
                "type=\"text/xsl\" href=\"" + Teg850.STYLESHEET + "\""));
        Element root = doc.createElementNS(Teg850.NS, Teg850.ROOT);
        doc.appendChild(root);
        // Declared explicitly so that canonicalisation at signing time sees exactly what a parser will see.
        root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns", Teg850.NS);
        root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:gen", Teg850.GEN);
        root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:kyo", Teg850.NS);
        root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:xsi", Teg850.XSI);
        root.setAttribute("VR", Teg850.VERSION);
        root.setAttribute("id", header.id());
        root.setAttribute("page", "1");
        root.setAttribute("sakuseiDay", header.sakuseiDay().toString());
        root.setAttribute("sakuseiNM", header.sakuseiNM());
        root.setAttribute("softNM", header.softNM());
        root.setIdAttribute("id", true);

        Tree t = new Tree(doc);
        year(t.open(root, "WPA00000", 1), c.certificateYear(), t, 2);
        Element kind = t.open(root, "WPB00000", 1);
        t.leaf(kind, "kubun_CD", String.valueOf(Teg850Certificate.KIND_SHOKIBO), 2);
        t.leaf(kind, "kubun_NM", Teg850Certificate.KIND_SHOKIBO_NAME, 2);
        t.close(kind, 1);
        t.leaf(root, "WPC00000", c.name(), 1);
        t.leaf(root, "WPD00000", c.address(), 1);
        t.leaf(root, "WPE00000", c.contractNumber(), 1);
        year(t.open(root, "WPF00000", 1), c.paymentYear(), t, 2);
        Element paid = t.open(root, "WPG00000", 1);
        t.leaf(paid, "WPG00010", String.valueOf(c.paidThroughMonth()), 2);
        t.leaf(paid, "WPG00020", String.valueOf(c.paid()), 2);
        t.close(paid, 1);
        if (c.hasSchedule()) {
            Element scheduled = t.open(root, "WPH00000", 1);
            t.leaf(scheduled, "WPH00010", String.valueOf(c.scheduledFromMonth()), 2);
            t.leaf(scheduled, "WPH00020", String.valueOf(c.scheduledToMonth()), 2);
            t.leaf(scheduled, "WPH00030", String.valueOf(c.scheduled()), 2);
            t.close(scheduled, 1);
        }
        t.leaf(root, "WPI00000", String.valueOf(c.deduction()), 1);
        t.leaf(root, "WPJ00000", String.valueOf(c.discount()), 1);
        Element premium = t.open(root, "WPK00000", 1);
        date(t.open(premium, "WPK00010", 2), c.contractDate(), t, 3);
        t.leaf(premium, "WPK00020", String.valueOf(c.monthlyPremium()), 2);
        if (c.paymentMethod() != null) {
            t.leaf(premium, "WPK00030", c.paymentMethod(), 2);
        }
        if (c.paymentMonths() != null) {
            t.leaf(premium, "WPK00040", c.paymentMonths(), 2);
        }
        t.close(premium, 1);
        date(t.open(root, "WPN00000", 1), c.certifiedOn(), t, 2);
        t.leaf(root, "WPO00000", c.issuer(), 1);
        t.leaf(root, "WPP00000", c.uniqueCode(), 1);
        // The signature follows on the next line, unindented, as in the sample.
        root.appendChild(doc.createTextNode("\n"));
        return doc;
    }

    private static void year(Element e, int calendarYear, Tree t, int depth) {
        Wareki w = Wareki.yearOf(calendarYear);
        t.gen(e, "era", w.era(), depth);
        t.gen(e, "yy", w.year(), depth);
        t.close(e, depth - 1);
    }

    private static void date(Element e, LocalDate date, Tree t, int depth) {
        Wareki w = Wareki.of(date);
        t.gen(e, "era", w.era(), depth);
        t.gen(e, "yy", w.year(), depth);
        t.gen(e, "mm", w.month(), depth);
        t.gen(e, "dd", w.day(), depth);
        t.close(e, depth - 1);
    }

    /** Serialises as UTF-8 without touching a single character of the content (no re-indentation). */
    public static byte[] serialize(Document doc) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
            SERIALIZERS.get().transform(new DOMSource(doc), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot serialise a TEG850 document", e);
        }
    }

    /**
     * One serialiser per thread, reused: making a factory and a transformer per document cost more than the
     * transform (a print run serialises one TEG850 per archive copy). A Transformer is not thread-safe, but may
     * be used again by the thread that made it.
     */
    private static final ThreadLocal<Transformer> SERIALIZERS = ThreadLocal.withInitial(() -> {
        try {
            Transformer tf = TransformerFactory.newDefaultInstance().newTransformer();
            tf.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            tf.setOutputProperty(OutputKeys.METHOD, "xml");
            tf.setOutputProperty(OutputKeys.INDENT, "no");
            return tf;
        } catch (javax.xml.transform.TransformerConfigurationException e) {
            throw new IllegalStateException(e);
        }
    });

    /** One document builder per thread (a builder is not thread-safe; making one per document is slow). */
    private static final ThreadLocal<javax.xml.parsers.DocumentBuilder> BUILDERS = ThreadLocal.withInitial(() -> {
        try {
            // A factory is not promised to be thread-safe.
            synchronized (DOCUMENTS) {
                return DOCUMENTS.newDocumentBuilder();
            }
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    });

    static Document newDocument() {
        return BUILDERS.get().newDocument();
    }

    private record Tree(Document doc) {
        Element open(Element parent, String name, int depth) {
            indent(parent, depth);
            Element e = doc.createElementNS(Teg850.NS, name);
            parent.appendChild(e);
            return e;
        }

        void leaf(Element parent, String name, String text, int depth) {
            open(parent, name, depth).appendChild(doc.createTextNode(text));
        }

        void gen(Element parent, String local, int value, int depth) {
            indent(parent, depth);
            Element e = doc.createElementNS(Teg850.GEN, "gen:" + local);
            e.appendChild(doc.createTextNode(String.valueOf(value)));
            parent.appendChild(e);
        }

        void close(Element e, int depth) {
            indent(e, depth);
        }

        private void indent(Node parent, int depth) {
            parent.appendChild(doc.createTextNode("\n" + "\t".repeat(depth)));
        }
    }
}
