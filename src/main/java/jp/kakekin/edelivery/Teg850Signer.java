package jp.kakekin.edelivery;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.crypto.MarshalException;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import java.security.GeneralSecurityException;
import java.time.LocalDate;
import java.util.List;

/**
 * Signs a TEG850 document with an enveloped XML-DSig in the shape of the NTA's signed sample: one
 * {@code dsig:Signature} appended as the root's last child (after WPP), one Reference to {@code #<id>}
 * with the transforms enveloped-signature and C14N 20010315, RSA-SHA256 over SHA-256, and the signer's
 * certificate in KeyInfo/X509Data. Uses the JDK's javax.xml.crypto only.
 */
public final class Teg850Signer {

    private final SigningKey key;

    public Teg850Signer(SigningKey key) {
        this.key = key;
    }

    public SigningKey key() {
        return key;
    }

    /** Signs in place; the document must not be changed (nor re-indented) afterwards. */
    public void sign(Document doc) {
        Element root = doc.getDocumentElement();
        String id = root.getAttribute("id");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("the root has no id for the signature to refer to");
        }
        key.checkValidOn(LocalDate.parse(root.getAttribute("sakuseiDay")));
        try {
            XMLSignatureFactory fac = XMLSignatureFactory.getInstance("DOM");
            Reference ref = fac.newReference("#" + id,
                    fac.newDigestMethod(DigestMethod.SHA256, null),
                    List.of(fac.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null),
                            fac.newTransform(CanonicalizationMethod.INCLUSIVE, (TransformParameterSpec) null)),
                    null, null);
            SignedInfo signedInfo = fac.newSignedInfo(
                    fac.newCanonicalizationMethod(CanonicalizationMethod.INCLUSIVE, (C14NMethodParameterSpec) null),
                    fac.newSignatureMethod(SignatureMethod.RSA_SHA256, null),
                    List.of(ref));
            KeyInfoFactory kif = fac.getKeyInfoFactory();
            KeyInfo keyInfo = kif.newKeyInfo(List.of(kif.newX509Data(List.of(key.certificate()))));
            XMLSignature signature = fac.newXMLSignature(signedInfo, keyInfo, null, signatureId(id), null);
            DOMSignContext ctx = new DOMSignContext(key.privateKey(), root);
            ctx.setDefaultNamespacePrefix("dsig");
            ctx.setIdAttributeNS(root, null, "id");
            signature.sign(ctx);
        } catch (GeneralSecurityException | MarshalException | XMLSignatureException e) {
            throw new IllegalStateException("cannot sign TEG850 document " + id + ": " + e.getMessage(), e);
        }
    }

    /** dsig:Signature/@Id is required by XMLDSIG050.xsd and must be an NCName. */
    static String signatureId(String documentId) {
        return "SIG-" + documentId;
    }
}
