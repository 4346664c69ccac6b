package jp.kakekin.edelivery;

import jp.kakekin.issuance.ReasonCode;
import jp.kakekin.calc.CertificateFigures;
import jp.kakekin.calc.DocumentKind;
import jp.kakekin.document.UniqueCode;
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
 * <b>Policy</b>: 証明日 is the request day (the day the electronic certificate is issued); the unique
 * code is that of the original paper certificate (sequence 0) unless a reissue's sequence is given.
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
     * @param sequence 0 for the original's unique code, 1.. for a reissue's
     */
    public ExportOutcome export(Ledger ledger, LocalDate asOf, DocumentKind issue, Integer year, int sequence,
                                LocalDate sakuseiDay) {
        // The certificate as the bulk run issued it (its figures, its address, the original's code): the
        // electronic copy of a paper certificate, not a new document.
        IssueContext context = IssueContext.run(asOf);
        Issuance issuance = issue == null ? issuer.latest(ledger, asOf, context)
                : issuer.decide(ledger, issue, year, context);
        return switch (issuance) {
            case Issuance.Held h -> excluded(ledger, null, ReasonCode.HELD, h.detail());
            // One vocabulary: the Issuer's reason is the exclusion's.
            case Issuance.NotIssued n -> excluded(ledger, null, n.reason(), n.detail());
            case Issuance.Issued i -> {
                CertificateFigures f = (CertificateFigures) i.figures();
                UniqueCode code = UniqueCode.of(f.document(), f.year(), ledger.contractNo(), ledger.checkDigits(),
                        sequence);
                yield exporter.export(new ExportCandidate.Certificate(0, ledger, f, code), asOf, asOf, sakuseiDay);
            }
        };
    }

    private static ExportOutcome excluded(Ledger l, String code, ReasonCode reason, String detail) {
        return new ExportOutcome.Excluded(0, l.contractNo(), code, reason, detail);
    }
}
