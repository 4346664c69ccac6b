package jp.kakekin.render;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.Text;

import java.util.Map;

/**
 * No glyph is ever dropped. Flying Saucer and OpenPDF silently skip a character the chosen font lacks,
 * and Flying Saucer takes the first family of a CSS list for a whole text run (no per-character
 * fallback), so the check is done here, before rendering:
 * <ol>
 * <li>{@link #check} walks every text field of the view: a character neither the primary faces nor the
 * fallback have stops the document with a {@link GlyphMissingException} naming contract, field and code
 * point.</li>
 * <li>{@link #applyFallback} walks the filled-in XHTML: runs of characters only the fallback has are
 * wrapped in a span set in the fallback face; a character no font has (typed into a template by hand)
 * stops the document too.</li>
 * </ol>
 */
public final class GlyphCheck {

    static final String FALLBACK_CLASS = "kk-fallback";
    private static final String FALLBACK_STYLE = "font-family: '" + FontLibrary.FALLBACK + "'";

    private final FontLibrary fonts;

    public GlyphCheck(FontLibrary fonts) {
        this.fonts = fonts;
    }

    /** @throws GlyphMissingException for the first character that no font has */
    public void check(String contractNo, Map<String, String> fields) {
        for (Map.Entry<String, String> field : fields.entrySet()) {
            String text = field.getValue();
            if (text == null) {
                continue;
            }
            for (int i = 0; i < text.length(); ) {
                int cp = text.codePointAt(i);
                if (!fonts.printable(cp)) {
                    throw new GlyphMissingException(contractNo, field.getKey(), cp, text);
                }
                i += Character.charCount(cp);
            }
        }
    }

    /** Sets fallback-only characters of the document body in the fallback face. */
    void applyFallback(Document doc, String contractNo, String template) {
        Element root = doc.getDocumentElement();
        Node body = root;
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && "body".equals(e.getLocalName() != null ? e.getLocalName() : e.getNodeName())) {
                body = e;
            }
        }
        walk(body, contractNo, template);
    }

    private void walk(Node node, String contractNo, String template) {
        Node child = node.getFirstChild();
        while (child != null) {
            Node next = child.getNextSibling();
            if (child instanceof Text text) {
                split(text, contractNo, template);
            } else if (child instanceof Element e && !isFallbackSpan(e) && !isNotRendered(e)) {
                walk(e, contractNo, template);
            }
            child = next;
        }
    }

    private static boolean isNotRendered(Element e) {
        String name = e.getLocalName() != null ? e.getLocalName() : e.getNodeName();
        return name.equals("style") || name.equals("script");
    }

    private static boolean isFallbackSpan(Element e) {
        return FALLBACK_CLASS.equals(e.getAttribute("class"));
    }

    private void split(Text node, String contractNo, String template) {
        String text = node.getData();
        int firstFallback = -1;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (!isLayoutWhitespace(cp) && !fonts.primaryHas(cp)) {
                firstFallback = i;
                break;
            }
            i += Character.charCount(cp);
        }
        if (firstFallback < 0) {
            return;
        }
        Node parent = node.getParentNode();
        Document doc = node.getOwnerDocument();
        String ns = parent.getNamespaceURI();
        StringBuilder run = new StringBuilder();
        boolean runIsFallback = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            boolean fallback = !isLayoutWhitespace(cp) && !fonts.primaryHas(cp);
            if (fallback && !fonts.fallbackHas(cp)) {
                throw new GlyphMissingException(contractNo, "template:" + template, cp, text.strip());
            }
            if (fallback != runIsFallback && !run.isEmpty()) {
                parent.insertBefore(runNode(doc, ns, run.toString(), runIsFallback), node);
                run.setLength(0);
            }
            runIsFallback = fallback;
            run.appendCodePoint(cp);
            i += Character.charCount(cp);
        }
        parent.insertBefore(runNode(doc, ns, run.toString(), runIsFallback), node);
        parent.removeChild(node);
    }

    private static Node runNode(Document doc, String ns, String text, boolean fallback) {
        if (!fallback) {
            return doc.createTextNode(text);
        }
        Element span = ns == null ? doc.createElement("span") : doc.createElementNS(ns, "span");
        span.setAttribute("class", FALLBACK_CLASS);
        span.setAttribute("style", FALLBACK_STYLE);
        span.appendChild(doc.createTextNode(text));
        return span;
    }

    /** XML whitespace is collapsed by layout and never reaches a font. */
    private static boolean isLayoutWhitespace(int cp) {
        return cp == '\n' || cp == '\r' || cp == '\t';
    }
}
