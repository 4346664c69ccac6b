package jp.kakekin.edelivery;

import jp.kakekin.issuance.ReasonCode;
import jp.kakekin.calc.CertificateFigures;
import jp.kakekin.calc.DocumentKind;
import jp.kakekin.issuance.IssueContext;
import jp.kakekin.issuance.Issuance;
import jp.kakekin.issuance.Issuer;
import jp.kakekin.ledger.Ledger;

import java.time.LocalDate;

/**
 * On-demand delivery: the signed XML of one holder's certificate, for a holder who linked e-私書箱 after
 * the run (operator endpoint, {@code export-e-delivery --contract}). The same eligibility as a run
 * applies, with the request day as the run date.
 * <p>
 * <b>Policy</b>: 証明日 is the request day (the day the electronic certificate is issued); the document is
 * the holder's latest issued one (docs/corrections.md): the corrected certificate once the certificate was
 * corrected — its figures as of the correction's data date, its address, its unique code — else the bulk
 * run's with the original's code (sequence 0); a later reissue's sequence may be given.
 */
public final class OnDemandExport {

    private final Issuer issuer;
    private final EDeliveryExporter exporter;

    public OnDemandExport(Issuer issuer, EDeliveryExporter exporter) {
        this.issuer = issuer;
        this.exporter = exporter;
    }

    /**
     * @param issue    the certificate wanted, or null for the latest on {@code asOf} ({@link Issuer#latest})
     * @param year     its year; required with {@code issue}
     * @param sequence 0 for the latest issued document's own unique code (the original's, or a corrected
     *                 certificate's), 1.. for a later reissue's
     */
    public ExportOutcome export(Ledger ledger, LocalDate asOf, DocumentKind issue, Integer year, int sequence,
                                LocalDate sakuseiDay) {
        // The electronic copy of the certificate the holder was issued, not a new document: the Issuer decides
        // which (the bulk run's, or the corrected one once corrected: IssueContext.copy), its figures, address
        // and code; this channel only maps the outcome.
        IssueContext context = IssueContext.copy(asOf, sequence);
        Issuance issuance = issue == null ? issuer.latest(ledger, asOf, context)
                : issuer.decide(ledger, issue, year, context);
        return switch (issuance) {
            case Issuance.Held h -> excluded(ledger, null, ReasonCode.HELD, h.detail());
            // One vocabulary: the Issuer's reason is the exclusion's.
            case Issuance.NotIssued n -> excluded(ledger, null, n.reason(), n.detail());
            case Issuance.Issued i -> exporter.export(new ExportCandidate.Certificate(0, ledger,
                    (CertificateFigures) i.figures(), i.uniqueCode()), asOf, asOf, sakuseiDay);
        };
    }

    private static ExportOutcome excluded(Ledger l, String code, ReasonCode reason, String detail) {
        return new ExportOutcome.Excluded(0, l.contractNo(), code, reason, detail);
    }
}
