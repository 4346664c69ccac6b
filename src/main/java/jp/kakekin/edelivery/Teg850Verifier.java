package jp.kakekin.edelivery;

import jp.kakekin.edelivery.Teg850Verification.Check;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.crypto.AlgorithmMethod;
import javax.xml.crypto.KeySelector;
import javax.xml.crypto.KeySelectorException;
import javax.xml.crypto.KeySelectorResult;
import javax.xml.crypto.MarshalException;
import javax.xml.crypto.XMLCryptoContext;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.X509Data;
import javax.xml.transform.dom.DOMSource;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Checks a TEG850 document the way a receiving tax program would: well-formed, valid against the NTA
 * schema, exactly one enveloped signature of the expected shape over the whole root, digest and
 * signature value correct, and signed by one of the issuer certificates the verifier is configured with.
 * <p>
 * A valid signature alone proves nothing: anyone can change 控除合計額 and re-sign the document with a key
 * of their own, and the certificate in KeyInfo comes with the document. So the verifier trusts nothing by
 * default: it is built with the issuer certificates it accepts (the service's own signing certificate, and
 * any configured or given ones) and the signer must be one of them, or be certified by one of them.
 * <p>
 * Only the root's {@code id} is registered as an ID and the Reference must name exactly it, so a
 * signature over some other element (signature wrapping) cannot pass for a signature of the document.
 */
public final class Teg850Verifier {

    static final String WELL_FORMED = "well-formed XML";
    static final String ROOT = "root element";
    static final String SCHEMA = "schema kyotsu/TEG850-001.xsd";
    static final String SIGNATURE_LAYOUT = "signature layout";
    static final String DIGEST = "reference digest (content unchanged since signing)";
    static final String SIGNATURE_VALUE = "signature value (RSA-SHA256 by the certificate's key)";
    static final String CERTIFICATE = "signer certificate";
    static final String TRUST = "trusted issuer";
    static final String CONTENT = "content";

    /**
     * Largest TEG850 document read: one certificate is about 5 KB, so 1 MiB is far beyond any real one and
     * keeps a hostile file from being parsed into a DOM (and canonicalised) at all.
     */
    public static final int MAX_DOCUMENT_BYTES = 1 << 20;

    private final Teg850Schema schema;
    private final Set<X509Certificate> trusted;

    /**
     * @param trusted the issuer certificates a signer must be (or be certified by); at least one: a verifier
     *                that accepted any signer would accept any forgery
     */
    public Teg850Verifier(Teg850Schema schema, Collection<X509Certificate> trusted) {
        if (trusted.isEmpty()) {
            throw new IllegalArgumentException("no trusted issuer certificate: a signature can only be checked"
                    + " against the issuer's certificate");
        }
        this.schema = schema;
        this.trusted = Set.copyOf(trusted);
    }

    public Teg850Verifier(Collection<X509Certificate> trusted) {
        this(Teg850Schema.load(), trusted);
    }

    /** The certificates this verifier checks signers against, as the verify command names them. */
    public Set<X509Certificate> trusted() {
        return trusted;
    }

    /** How an operator recognises an issuer certificate: subject and SHA-256 fingerprint. */
    public static String describe(X509Certificate c) {
        return c.getSubjectX500Principal().getName() + " (SHA-256 " + SigningKey.fingerprint(c) + ")";
    }

    public Teg850Verification verify(String source, byte[] xml) {
        List<Check> checks = new ArrayList<>();
        Document doc;
        if (xml.length > MAX_DOCUMENT_BYTES) {
            checks.add(Check.fail(WELL_FORMED, "%,d bytes: larger than the %,d bytes a TEG850 document may have; not read"
                    .formatted(xml.length, MAX_DOCUMENT_BYTES)));
            return new Teg850Verification(source, checks, null, null);
        }
        try {
            doc = Teg850Reader.parse(xml);
            checks.add(Check.pass(WELL_FORMED, xml.length + " bytes, UTF-8"));
        } catch (IllegalArgumentException e) {
            checks.add(Check.fail(WELL_FORMED, e.getMessage()));
            return new Teg850Verification(source, checks, null, null);
        }
        Element root = doc.getDocumentElement();
        String id = root.getAttribute("id");
        boolean rootOk = Teg850.NS.equals(root.getNamespaceURI()) && Teg850.ROOT.equals(root.getLocalName())
                && Teg850.VERSION.equals(root.getAttribute("VR")) && !id.isEmpty();
        checks.add(new Check(ROOT, rootOk, "{%s}%s VR=\"%s\" id=\"%s\"".formatted(root.getNamespaceURI(),
                root.getLocalName(), root.getAttribute("VR"), id)));

        List<String> schemaErrors = schema.validate(new DOMSource(doc, source));
        checks.add(schemaErrors.isEmpty() ? Check.pass(SCHEMA, "valid")
                : Check.fail(SCHEMA, String.join("; ", schemaErrors)));

        Teg850Certificate content = null;
        try {
            content = Teg850Reader.read(doc);
            checks.add(Check.pass(CONTENT, summary(content)));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            checks.add(Check.fail(CONTENT, e.getMessage()));
        }

        X509Certificate signer = null;
        if (rootOk) {
            signer = checkSignature(doc, root, id, checks);
        }
        if (signer != null) {
            checkCertificate(signer, root, checks);
        }
        return new Teg850Verification(source, checks, content, signer);
    }

    private X509Certificate checkSignature(Document doc, Element root, String id, List<Check> checks) {
        NodeList all = doc.getElementsByTagNameNS(XMLSignature.XMLNS, "Signature");
        Element last = lastElementChild(root);
        if (all.getLength() != 1 || last == null || all.item(0) != last) {
            checks.add(Check.fail(SIGNATURE_LAYOUT, all.getLength() + " dsig:Signature element(s); expected exactly one,"
                    + " as the last child of the root"));
            return null;
        }
        Element sigElement = last;
        root.setIdAttributeNS(null, "id", true);
        CapturingKeySelector keys = new CapturingKeySelector();
        DOMValidateContext ctx = new DOMValidateContext(keys, sigElement);
        ctx.setProperty("org.jcp.xml.dsig.secureValidation", Boolean.TRUE);
        ctx.setIdAttributeNS(root, null, "id");
        XMLSignature signature;
        try {
            signature = XMLSignatureFactory.getInstance("DOM").unmarshalXMLSignature(ctx);
        } catch (MarshalException e) {
            checks.add(Check.fail(SIGNATURE_LAYOUT, "cannot read dsig:Signature: " + e.getMessage()));
            return null;
        }
        List<String> layout = layoutProblems(signature, id);
        if (!layout.isEmpty()) {
            checks.add(Check.fail(SIGNATURE_LAYOUT, String.join("; ", layout)));
            return null;
        }
        checks.add(Check.pass(SIGNATURE_LAYOUT, "one enveloped dsig:Signature after WPP00000, Reference URI=\"#" + id
                + "\", transforms enveloped-signature + C14N 20010315, RSA-SHA256, SHA-256, X509Certificate"));
        try {
            Reference ref = signature.getSignedInfo().getReferences().getFirst();
            boolean digestOk = ref.validate(ctx);
            checks.add(new Check(DIGEST, digestOk, digestOk ? "SHA-256 digest of #" + id + " matches"
                    : "SHA-256 digest of #" + id + " does not match: the document was changed after signing"));
            boolean valueOk = signature.getSignatureValue().validate(ctx);
            checks.add(new Check(SIGNATURE_VALUE, valueOk, valueOk ? "valid"
                    : "invalid: SignedInfo was changed or the key does not match the certificate"));
        } catch (XMLSignatureException e) {
            checks.add(Check.fail(SIGNATURE_VALUE, "cannot validate: " + e.getMessage()));
        }
        return keys.certificate;
    }

    private void checkCertificate(X509Certificate signer, Element root, List<Check> checks) {
        String who = signer.getSubjectX500Principal().getName() + ", SHA-256 " + SigningKey.fingerprint(signer);
        LocalDate made;
        try {
            made = LocalDate.parse(root.getAttribute("sakuseiDay"));
        } catch (java.time.format.DateTimeParseException e) {
            checks.add(Check.fail(CERTIFICATE, who + "; sakuseiDay is not a date"));
            return;
        }
        boolean valid = SigningKey.validOn(signer, made);
        checks.add(new Check(CERTIFICATE, valid, who + (valid ? ", valid on sakuseiDay " : ", NOT valid on sakuseiDay ")
                + made + " (" + signer.getNotBefore().toInstant() + " to " + signer.getNotAfter().toInstant() + ")"));
        checks.add(trust(signer));
    }

    /** The signer is a trusted issuer certificate itself, or a certificate issued and signed by one. */
    private Check trust(X509Certificate signer) {
        if (trusted.contains(signer)) {
            return Check.pass(TRUST, "signed with the issuer certificate " + describe(signer));
        }
        for (X509Certificate issuer : trusted) {
            if (issuer.getSubjectX500Principal().equals(signer.getIssuerX500Principal())
                    && issuer.getBasicConstraints() >= 0) {
                try {
                    signer.verify(issuer.getPublicKey());
                    return Check.pass(TRUST, "the signer certificate was issued by the trusted issuer "
                            + describe(issuer));
                } catch (java.security.GeneralSecurityException e) {
                    // not this issuer's signature: try the others, then fail
                }
            }
        }
        return Check.fail(TRUST, "the document was signed by " + describe(signer) + ", which is not a trusted issuer;"
                + " checked against " + trusted.stream().map(Teg850Verifier::describe).sorted().toList()
                + " (a document re-signed with any other key is a forgery; see --trusted-cert)");
    }

    /** The sample's shape and nothing else: anything else is refused, not tolerated. */
    private static List<String> layoutProblems(XMLSignature signature, String id) {
        List<String> p = new ArrayList<>();
        var si = signature.getSignedInfo();
        if (!CanonicalizationMethod.INCLUSIVE.equals(si.getCanonicalizationMethod().getAlgorithm())) {
            p.add("CanonicalizationMethod is " + si.getCanonicalizationMethod().getAlgorithm());
        }
        if (!SignatureMethod.RSA_SHA256.equals(si.getSignatureMethod().getAlgorithm())) {
            p.add("SignatureMethod is " + si.getSignatureMethod().getAlgorithm());
        }
        if (si.getReferences().size() != 1) {
            p.add(si.getReferences().size() + " References; expected 1");
            return p;
        }
        Reference ref = (Reference) si.getReferences().getFirst();
        if (!("#" + id).equals(ref.getURI())) {
            p.add("Reference URI is \"" + ref.getURI() + "\"; expected \"#" + id + "\" (the root)");
        }
        if (!DigestMethod.SHA256.equals(ref.getDigestMethod().getAlgorithm())) {
            p.add("DigestMethod is " + ref.getDigestMethod().getAlgorithm());
        }
        List<String> transforms = ref.getTransforms().stream().map(t -> ((Transform) t).getAlgorithm()).toList();
        if (!transforms.equals(List.of(Transform.ENVELOPED, CanonicalizationMethod.INCLUSIVE))) {
            p.add("Transforms are " + transforms + "; expected enveloped-signature, C14N 20010315");
        }
        KeyInfo ki = signature.getKeyInfo();
        boolean hasCert = ki != null && ki.getContent().stream().anyMatch(c -> c instanceof X509Data xd
                && xd.getContent().stream().anyMatch(X509Certificate.class::isInstance));
        if (!hasCert) {
            p.add("KeyInfo has no X509Data/X509Certificate");
        }
        return p;
    }

    private static Element lastElementChild(Element parent) {
        for (Node n = parent.getLastChild(); n != null; n = n.getPreviousSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        return null;
    }

    static String summary(Teg850Certificate c) {
        return "証明年分 %d, 共済契約者番号 %s, 払込済額 %,d (1-%d月)%s, 控除合計額 %,d, 前納減額金 %,d, 証明日 %s, ユニークコード %s"
                .formatted(c.certificateYear(), c.contractNumber(), c.paid(), c.paidThroughMonth(),
                        c.hasSchedule() ? ", 払込予定額 %,d (%d-%d月)".formatted(c.scheduled(), c.scheduledFromMonth(),
                                c.scheduledToMonth()) : "",
                        c.deduction(), c.discount(), c.certifiedOn(), c.uniqueCode());
    }

    /** Uses the key of the certificate in KeyInfo and remembers the certificate for the trust check. */
    private static final class CapturingKeySelector extends KeySelector {
        X509Certificate certificate;

        @Override
        public KeySelectorResult select(KeyInfo keyInfo, Purpose purpose, AlgorithmMethod method,
                                        XMLCryptoContext context) throws KeySelectorException {
            if (keyInfo != null) {
                for (Object o : keyInfo.getContent()) {
                    if (o instanceof X509Data xd) {
                        for (Object c : xd.getContent()) {
                            if (c instanceof X509Certificate cert) {
                                certificate = cert;
                                return cert::getPublicKey;
                            }
                        }
                    }
                }
            }
            throw new KeySelectorException("no X509Certificate in KeyInfo");
        }
    }
}
