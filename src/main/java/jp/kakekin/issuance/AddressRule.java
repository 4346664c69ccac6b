package jp.kakekin.issuance;

import jp.kakekin.calc.AddressCutoff;
import jp.kakekin.calc.DocumentKind;
import jp.kakekin.ledger.Address;
import jp.kakekin.ledger.Ledger;

import java.time.LocalDate;

/**
 * Where a document goes (RULES.md 1.7), decided here once for every channel: the latest address received
 * on or before the cutoff. A bulk run uses the document's own cutoff — the second Friday of October for
 * the November certificates, of January of Y+1 for the February certificates and the 掛金納付状況兼領収書
 * mailed with them — unless the operator overrides it; a 明細書, and every document issued on request
 * (reissue, on-demand export, the statements endpoint), goes to the address registered on the day it is
 * issued.
 */
public final class AddressRule {

    private AddressRule() {
    }

    public static LocalDate cutoff(DocumentKind kind, int year, IssueContext context) {
        if (context.addressCutoff() != null) {
            return context.addressCutoff();
        }
        if (context.onDemand() || context.correction() != null) {
            // a corrected certificate is mailed like a reissue: to the address registered on the run date
            return context.runDate();
        }
        return switch (kind) {
            case NOVEMBER_CERTIFICATE -> AddressCutoff.november(year);
            case FEBRUARY_CERTIFICATE, SAFETY_PAYMENT_STATUS -> AddressCutoff.february(year);
            case SAFETY_TAX_STATEMENT -> context.runDate();
        };
    }

    /** The bulk run's default cutoff of a document (what {@code --address-cutoff} overrides). */
    public static LocalDate runDefault(DocumentKind kind, int year, LocalDate runDate) {
        return cutoff(kind, year, IssueContext.run(runDate));
    }

    public static Address addressOf(Ledger ledger, DocumentKind kind, int year, IssueContext context) {
        return AddressCutoff.addressAt(ledger.addresses(), cutoff(kind, year, context));
    }
}
