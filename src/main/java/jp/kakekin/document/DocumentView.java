package jp.kakekin.document;

import jp.kakekin.calc.DocumentKind;

import java.time.LocalDate;
import java.util.Map;

/**
 * What the PDF renderer needs of any printed kakekin document (a certificate, a SAFETY statement):
 * the layout that places it, the texts to check against the fonts before anything is drawn, and what
 * identifies the file (unique code, issue date). The view itself is the layout's one variable.
 */
public interface DocumentView {

    DocumentKind document();

    /** The 7-digit 共済契約者番号 (file names, reports, errors). */
    String contractNo();

    UniqueCode uniqueCode();

    /** The day printed as issued; also the PDF's creation date. */
    LocalDate issuedOn();

    /** The layout file in {@code templates/} (e.g. {@code november-certificate.html}). */
    String layout();

    /** The name under which the layout reads this view ({@code ${cert.paid}}, {@code ${doc.paid}}). */
    String layoutVariable();

    /**
     * Every text the layout may print from the ledger or configuration, by the name used in error
     * reports; the glyph check walks these before anything is rendered.
     */
    Map<String, String> textFields();
}
