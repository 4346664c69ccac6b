package jp.kakekin.edelivery;

import jp.kakekin.document.Wareki;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a TEG850 document back: the parser the verifier uses (no DOCTYPE, no external entities) and
 * the field-by-field inverse of {@link Teg850Writer}, so a round trip can compare the figures.
 */
public final class Teg850Reader {

    private static final DocumentBuilderFactory PARSERS = DocumentBuilderFactory.newDefaultInstance();

    static {
        try {
            PARSERS.setNamespaceAware(true);
            PARSERS.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            // A TEG850 document has no DOCTYPE; refusing one closes the door on entity tricks.
            PARSERS.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            PARSERS.setXIncludeAware(false);
            PARSERS.setExpandEntityReferences(false);
        } catch (ParserConfigurationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Teg850Reader() {
    }

    /** @throws IllegalArgumentException when the bytes are not well-formed XML */
    public static Document parse(byte[] xml) {
        DocumentBuilder builder;
        synchronized (PARSERS) {
            try {
                builder = PARSERS.newDocumentBuilder();
            } catch (ParserConfigurationException e) {
                throw new IllegalStateException(e);
            }
        }
        builder.setErrorHandler(null);
        try {
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (SAXException e) {
            throw new IllegalArgumentException("not well-formed XML: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Teg850Header header(Document doc) {
        Element root = doc.getDocumentElement();
        return new Teg850Header(root.getAttribute("id"), LocalDate.parse(root.getAttribute("sakuseiDay")),
                root.getAttribute("sakuseiNM"), root.getAttribute("softNM"));
    }

    /**
     * @throws IllegalArgumentException when a required field is missing or malformed (a schema-valid
     *                                  document always reads)
     */
    public static Teg850Certificate read(Document doc) {
        Element root = doc.getDocumentElement();
        if (!Teg850.NS.equals(root.getNamespaceURI()) || !Teg850.ROOT.equals(root.getLocalName())) {
            throw new IllegalArgumentException("not a TEG850 document: root is {" + root.getNamespaceURI() + "}"
                    + root.getLocalName());
        }
        Element kind = required(root, "WPB00000");
        if (!String.valueOf(Teg850Certificate.KIND_SHOKIBO).equals(text(required(kind, "kubun_CD")))) {
            throw new IllegalArgumentException("WPB00000 掛金種別 is not 1 (小規模企業共済掛金)");
        }
        Element paid = required(root, "WPG00000");
        Element scheduled = child(root, "WPH00000");
        Element premium = required(root, "WPK00000");
        return new Teg850Certificate(
                year(required(root, "WPA00000")),
                text(required(root, "WPC00000")),
                text(required(root, "WPD00000")),
                text(required(root, "WPE00000")),
                year(required(root, "WPF00000")),
                integer(required(paid, "WPG00010")),
                amount(required(paid, "WPG00020")),
                scheduled == null ? null : integer(required(scheduled, "WPH00010")),
                scheduled == null ? null : integer(required(scheduled, "WPH00020")),
                scheduled == null ? null : amount(required(scheduled, "WPH00030")),
                amount(required(root, "WPI00000")),
                amount(required(root, "WPJ00000")),
                date(required(premium, "WPK00010")),
                amount(required(premium, "WPK00020")),
                optionalText(premium, "WPK00030"),
                optionalText(premium, "WPK00040"),
                date(required(root, "WPN00000")),
                text(required(root, "WPO00000")),
                text(required(root, "WPP00000")));
    }

    private static int year(Element e) {
        return Wareki.calendarYear(integer(gen(e, "era")), integer(gen(e, "yy")));
    }

    private static LocalDate date(Element e) {
        return new Wareki(integer(gen(e, "era")), integer(gen(e, "yy")), integer(gen(e, "mm")),
                integer(gen(e, "dd"))).toLocalDate();
    }

    private static Element gen(Element parent, String local) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && Teg850.GEN.equals(e.getNamespaceURI()) && local.equals(e.getLocalName())) {
                return e;
            }
        }
        throw new IllegalArgumentException(parent.getLocalName() + " has no gen:" + local);
    }

    static Element child(Element parent, String local) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && Teg850.NS.equals(e.getNamespaceURI()) && local.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    static List<Element> elements(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    private static Element required(Element parent, String local) {
        Element e = child(parent, local);
        if (e == null) {
            throw new IllegalArgumentException(parent.getLocalName() + " has no " + local);
        }
        return e;
    }

    private static String optionalText(Element parent, String local) {
        Element e = child(parent, local);
        return e == null ? null : text(e);
    }

    private static String text(Element e) {
        return e.getTextContent();
    }

    private static int integer(Element e) {
        return (int) amount(e);
    }

    private static long amount(Element e) {
        try {
            return Long.parseLong(e.getTextContent().strip());
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException(e.getLocalName() + " is not a number: " + e.getTextContent());
        }
    }
}
