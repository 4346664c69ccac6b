package jp.kakekin.document;

import jp.kakekin.calc.DocumentKind;
import jp.kakekin.calc.Figures;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the PDF renderer needs of any printed kakekin document (a certificate, a SAFETY statement):
 * the layout that places it, the texts to check against the fonts before anything is drawn, and what
 * identifies the file (unique code, issue date). The view itself is the layout's one variable.
 */
public interface DocumentView {

    /** The calculator's figures the document prints. */
    Figures figures();

    default DocumentKind document() {
        return figures().document();
    }

    /** The 7-digit 共済契約者番号 (file names, reports, errors). */
    default String contractNo() {
        return figures().contractNo();
    }

    UniqueCode uniqueCode();

    /** The day printed as issued; also the PDF's creation date. */
    LocalDate issuedOn();

    /** The layout file in {@code templates/} (e.g. {@code november-certificate.html}). */
    String layout();

    /** The name under which the layout reads this view: {@code doc} ({@code ${doc.paid}}) unless it says otherwise. */
    default String layoutVariable() {
        return "doc";
    }

    /**
     * Every text the layout may print from the ledger or configuration, by the name used in error
     * reports; the glyph check walks these before anything is rendered.
     */
    Map<String, String> textFields();

    /**
     * The text fields every mailed or filed document has: the holder's block and the issuer's, under
     * the names error reports use ({@code holder.name}, {@code address.line1}, {@code issuer.contact}, ...).
     * The map is mutable, for a view to add its own.
     */
    static Map<String, String> holderAndIssuerTexts(String holderName, String postalCode, String addressLine1,
                                                    String addressLine2, String contractNumber, Issuer issuer) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("holder.name", holderName);
        fields.put("address.postalCode", postalCode);
        fields.put("address.line1", addressLine1);
        fields.put("address.line2", addressLine2);
        fields.put("contractNumber", contractNumber);
        fields.put("issuer.name", issuer.name());
        fields.put("issuer.postalCode", issuer.postalCode());
        fields.put("issuer.address", issuer.address());
        fields.put("issuer.contact", issuer.contact());
        return fields;
    }
}
