package jp.kakekin.print;

import jp.kakekin.calc.DocumentKind;
import jp.kakekin.ledger.Scheme;


/**
 * The bulk mailings a print run makes: the two issues of the 小規模企業共済掛金控除証明書 (RULES.md 1.5),
 * and the 経営セーフティ共済 掛金納付状況兼領収書 (RULES.md 2.1).
 */
public enum PrintIssue {
    /** Mailed in November of Y; data cutoff Sep 30, address cutoff the second Friday of October. */
    NOVEMBER(DocumentKind.NOVEMBER_CERTIFICATE),
    /** Mailed in February of Y+1 to the late joiners; address cutoff the second Friday of January of Y+1. */
    FEBRUARY(DocumentKind.FEBRUARY_CERTIFICATE),
    /**
     * 経営セーフティ共済 掛金納付状況兼領収書 for Y, mailed in February of Y+1 to every SAFETY holder with
     * something to state (docs/safety-statements.md); address cutoff as for the February certificates.
     */
    SAFETY_PAYMENT_STATUS(DocumentKind.SAFETY_PAYMENT_STATUS);

    private final DocumentKind document;

    PrintIssue(DocumentKind document) {
        this.document = document;
    }

    public DocumentKind document() {
        return document;
    }

    /** The scheme whose contracts the issue is for; the others are excluded as OTHER_SCHEME. */
    public Scheme scheme() {
        return document.scheme();
    }
}
