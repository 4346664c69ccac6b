package jp.kakekin.print;

import jp.kakekin.calc.AddressCutoff;
import jp.kakekin.calc.DocumentKind;

import java.time.LocalDate;

/** The two bulk mailings of the 小規模企業共済掛金控除証明書 (RULES.md 1.5). */
public enum PrintIssue {
    /** Mailed in November of Y; data cutoff Sep 30, address cutoff the second Friday of October. */
    NOVEMBER(DocumentKind.NOVEMBER_CERTIFICATE),
    /** Mailed in February of Y+1 to the late joiners; address cutoff the second Friday of January of Y+1. */
    FEBRUARY(DocumentKind.FEBRUARY_CERTIFICATE);

    private final DocumentKind document;

    PrintIssue(DocumentKind document) {
        this.document = document;
    }

    public DocumentKind document() {
        return document;
    }

    /** RULES.md 1.7: the second Friday of October (November issue) or of January of Y+1 (February issue). */
    public LocalDate defaultAddressCutoff(int year) {
        return this == NOVEMBER ? AddressCutoff.november(year) : AddressCutoff.february(year);
    }
}
