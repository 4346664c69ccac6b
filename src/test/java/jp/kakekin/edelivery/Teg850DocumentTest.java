package jp.kakekin.edelivery;

import jp.kakekin.document.Wareki;
import jp.kakekin.ledger.PaymentMode;
import jp.kakekin.ledger.PaymentModePeriod;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.ProcessingInstruction;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The TEG850 document: NTA schema, the field mapping of the NTA template, the layout of the signed sample. */
class Teg850DocumentTest {

    /** The schema compiled from the test copy of the spec, independently of the copy the product ships. */
    private static final Teg850Schema SPEC_SCHEMA = Teg850Schema.compile("spec/nta/kyotsu/TEG850-001.xsd");

    private static byte[] resource(String path) throws IOException {
        try (InputStream in = Teg850DocumentTest.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void theShippedSchemaIsTheNtaSchemaUnchanged() throws IOException {
        for (String f : List.of("kyotsu/TEG850-001.xsd", "general/General.xsd", "general/XMLDSIG050.xsd",
                "general/ITreference.xsd", "general/zeimoku.xsd", "general/zeimusho.xsd")) {
            assertThat(resource("nta/" + f)).as(f).isEqualTo(resource("spec/nta/" + f));
        }
    }

    @Test
    void novemberCertificateValidatesAgainstBothSchemaCopies() {
        byte[] xml = Fixtures.signed(Fixtures.certificate(Fixtures.ledger("1000001"), Fixtures.november("1000001")));
        assertThat(Teg850Schema.load().validate(xml)).isEmpty();
        assertThat(SPEC_SCHEMA.validate(xml)).isEmpty();
    }

    @Test
    void februaryCertificateHasNoScheduleAndValidates() {
        var ledger = Fixtures.ledger("1000006");
        var c = Fixtures.certificate(ledger, Fixtures.february("1000006", 100_000, 0, 100_000));
        byte[] xml = Fixtures.signed(c);
        assertThat(SPEC_SCHEMA.validate(xml)).isEmpty();
        Document doc = Teg850Reader.parse(xml);
        Element root = doc.getDocumentElement();
        assertThat(Teg850Reader.child(root, "WPH00000")).isNull();
        assertThat(Teg850Reader.child(Teg850Reader.child(root, "WPG00000"), "WPG00010").getTextContent()).isEqualTo("12");
        assertThat(c.uniqueCode()).startsWith("K26F1000006");
        assertThat(Teg850Reader.read(doc)).isEqualTo(c);
    }

    @Test
    void aSchemaViolationIsReportedWithItsLine() {
        String xml = new String(Fixtures.signed(Fixtures.certificate(Fixtures.ledger("1000001"),
                Fixtures.november("1000001"))), StandardCharsets.UTF_8);
        String broken = xml.replace("<WPG00010>9</WPG00010>", "<WPG00010>13</WPG00010>");
        List<String> errors = Teg850Schema.load().validate(broken.getBytes(StandardCharsets.UTF_8));
        assertThat(errors).isNotEmpty();
        assertThat(errors.getFirst()).startsWith("line ").contains("13");
    }

    /**
     * Every item of the NTA's CSV-module template (TEG850_1.0_tpl.xml) that concerns the 小規模企業共済
     * certificate appears in our document under the same parent; only iDeCo (WPL) and 備考 (WPM) are left
     * out, as kakekin has neither.
     */
    @Test
    void mirrorsTheFieldMappingOfTheNtaTemplate() throws IOException {
        Document tpl = Teg850Reader.parse(resource("spec/nta/TEG850_1.0_tpl.xml"));
        Set<String> expected = new TreeSet<>();
        var items = tpl.getElementsByTagName("item");
        for (int i = 0; i < items.getLength(); i++) {
            Element item = (Element) items.item(i);
            String id = item.getAttribute("id");
            String parent = item.getAttribute("parent");
            if (id.startsWith("WPL") || parent.startsWith("WPL") || id.equals("WPM00000")) {
                continue;
            }
            expected.add(parent + "/" + id);
        }
        Document ours = Teg850Reader.parse(Fixtures.signed(
                Fixtures.certificate(Fixtures.ledger("1000001"), Fixtures.november("1000001"))));
        Set<String> actual = new TreeSet<>();
        collect(ours.getDocumentElement(), actual);
        assertThat(actual).containsAll(expected);
        assertThat(expected).hasSizeGreaterThan(30);
        // kubun_NM carries the template's fixed value for kubun_CD 1.
        assertThat(ours.getElementsByTagNameNS(Teg850.NS, "kubun_NM").item(0).getTextContent())
                .isEqualTo("小規模企業共済掛金");
    }

    private static void collect(Element e, Set<String> out) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && !Teg850.DSIG.equals(c.getNamespaceURI())) {
                out.add(e.getTagName() + "/" + c.getTagName());
                collect(c, out);
            }
        }
    }

    /** The prolog, root attributes, namespaces and signature element tree of the NTA's signed sample. */
    @Test
    void mirrorsTheLayoutOfTheSignedSample() throws IOException {
        Document sample = Teg850Reader.parse(resource("spec/nta/sample-TEG840-signed.xml"));
        Document ours = Teg850Reader.parse(Fixtures.signed(
                Fixtures.certificate(Fixtures.ledger("1000001"), Fixtures.november("1000001"))));

        ProcessingInstruction samplePi = (ProcessingInstruction) sample.getFirstChild();
        ProcessingInstruction ourPi = (ProcessingInstruction) ours.getFirstChild();
        assertThat(ourPi.getTarget()).isEqualTo(samplePi.getTarget());
        assertThat(ourPi.getData()).isEqualTo(samplePi.getData().replace("TEG840", "TEG850"));

        assertThat(attributes(ours.getDocumentElement())).isEqualTo(attributes(sample.getDocumentElement()));
        assertThat(ours.getDocumentElement().getAttribute("VR")).isEqualTo("1.0");

        Element sampleSig = lastElement(sample.getDocumentElement());
        Element ourSig = lastElement(ours.getDocumentElement());
        assertThat(signatureShape(ourSig)).isEqualTo(signatureShape(sampleSig));
        assertThat(ourSig.getAttribute("Id")).isNotEmpty();
        assertThat(ourSig.getPrefix()).isEqualTo("dsig");
        // the signature follows WPP00000, as the sample's follows its last field
        Node before = ourSig.getPreviousSibling();
        while (!(before instanceof Element)) {
            before = before.getPreviousSibling();
        }
        assertThat(((Element) before).getTagName()).isEqualTo("WPP00000");
        // the Reference names the root
        Element ref = (Element) ourSig.getElementsByTagNameNS(Teg850.DSIG, "Reference").item(0);
        assertThat(ref.getAttribute("URI")).isEqualTo("#" + ours.getDocumentElement().getAttribute("id"));
    }

    private static Set<String> attributes(Element root) {
        Set<String> names = new TreeSet<>();
        var attrs = root.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            names.add(attrs.item(i).getNodeName());
        }
        return names;
    }

    private static Element lastElement(Element parent) {
        Node n = parent.getLastChild();
        while (!(n instanceof Element)) {
            n = n.getPreviousSibling();
        }
        return (Element) n;
    }

    /** Element paths with their Algorithm attributes: what the signature is, without its values. */
    private static List<String> signatureShape(Element sig) {
        List<String> out = new ArrayList<>();
        shape(sig, "", out);
        return out;
    }

    private static void shape(Element e, String path, List<String> out) {
        String p = path + "/" + e.getTagName();
        out.add(p + (e.hasAttribute("Algorithm") ? "[" + e.getAttribute("Algorithm") + "]" : ""));
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                shape(c, p, out);
            }
        }
    }

    @Test
    void contractDatesInShowaAndHeiseiAreWrittenInTheirEra() {
        for (var date : List.of(LocalDate.of(1985, 3, 1), LocalDate.of(1989, 1, 7), LocalDate.of(1989, 1, 8),
                LocalDate.of(2019, 4, 30), LocalDate.of(2019, 5, 1))) {
            var ledger = Fixtures.ledger("1000001", "髙橋 太郎", date, LocalDate.of(2025, 1, 1));
            var c = Fixtures.certificate(ledger, Fixtures.november("1000001"));
            Document doc = Teg850Reader.parse(Fixtures.signed(c));
            Element k = Teg850Reader.child(Teg850Reader.child(doc.getDocumentElement(), "WPK00000"), "WPK00010");
            Wareki w = Wareki.of(date);
            assertThat(gen(k)).as(date.toString()).containsExactly(String.valueOf(w.era()), String.valueOf(w.year()),
                    String.valueOf(date.getMonthValue()), String.valueOf(date.getDayOfMonth()));
            assertThat(Teg850Reader.read(doc).contractDate()).isEqualTo(date);
            assertThat(SPEC_SCHEMA.validate(Teg850Writer.serialize(doc))).isEmpty();
        }
        assertThat(Wareki.of(LocalDate.of(1985, 3, 1)).era()).isEqualTo(Wareki.SHOWA);
    }

    private static List<String> gen(Element e) {
        List<String> out = new ArrayList<>();
        for (Element c : Teg850Reader.elements(e)) {
            out.add(c.getTextContent());
        }
        return out;
    }

    @Test
    void paymentModeInForceInTheReferenceMonth() {
        var modes = List.of(new PaymentModePeriod(YearMonth.of(2015, 4), PaymentMode.MONTHLY, null),
                new PaymentModePeriod(YearMonth.of(2020, 3), PaymentMode.SEMIANNUAL, 3),
                new PaymentModePeriod(YearMonth.of(2026, 12), PaymentMode.ANNUAL, 12));
        var ledger = Fixtures.ledger("1000001", "髙橋 太郎", LocalDate.of(2015, 4, 1), LocalDate.of(2025, 1, 1), modes);
        var nov = Fixtures.certificate(ledger, Fixtures.november("1000001"));
        assertThat(nov.paymentMethod()).isEqualTo("半年払い");
        assertThat(nov.paymentMonths()).isEqualTo("3月・9月");
        var feb = Fixtures.certificate(ledger, Fixtures.february("1000001", 360_000, 0, 360_000));
        assertThat(feb.paymentMethod()).isEqualTo("年払い");
        assertThat(feb.paymentMonths()).isEqualTo("12月");
    }

    @Test
    void theDocumentIdIsTheFormAndTheUniqueCode() {
        var c = Fixtures.certificate(Fixtures.ledger("1000001"), Fixtures.november("1000001"));
        Document doc = Teg850Reader.parse(Fixtures.signed(c));
        assertThat(doc.getDocumentElement().getAttribute("id")).isEqualTo("TEG850" + c.uniqueCode());
        assertThat(new LinkedHashSet<>(List.of(doc.getDocumentElement().getAttribute("sakuseiDay"))))
                .containsExactly(Fixtures.SAKUSEI_DAY.toString());
    }
}
