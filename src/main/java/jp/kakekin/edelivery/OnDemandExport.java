package jp.kakekin.edelivery;

import jp.kakekin.calc.Calculator;
import jp.kakekin.calc.CertificateFigures;
import jp.kakekin.calc.Figures;
import jp.kakekin.calc.HeldFigures;
import jp.kakekin.calc.DocumentKind;
import jp.kakekin.document.UniqueCode;
import jp.kakekin.ledger.Ledger;
import jp.kakekin.ledger.Scheme;

import java.time.LocalDate;
import java.util.Optional;

/**
 * On-demand delivery: the signed XML of one holder's certificate, for a holder who linked e-私書箱 after
 * the run (operator endpoint, {@code export-e-delivery --contract}). The same eligibility as a run
 * applies, with the request day as the run date.
 * <p>
 * <b>Policy</b>: 証明日 is the request day (the day the electronic certificate is issued); the unique
 * code is that of the original paper certificate (sequence 0) unless a reissue's sequence is given.
 */
public final class OnDemandExport {

    private final Calculator calculator;
    private final EDeliveryExporter exporter;

    public OnDemandExport(Calculator calculator, EDeliveryExporter exporter) {
        this.calculator = calculator;
        this.exporter = exporter;
    }

    /**
     * @param issue    the certificate wanted, or null for the latest on {@code asOf} ({@link LatestCertificate})
     * @param year     its year; required with {@code issue}
     * @param sequence 0 for the original's unique code, 1.. for a reissue's
     */
    public ExportOutcome export(Ledger ledger, LocalDate asOf, DocumentKind issue, Integer year, int sequence,
                                LocalDate sakuseiDay) {
        if (ledger.scheme() != Scheme.SHOKIBO) {
            return excluded(ledger, null, ExclusionReason.OTHER_SCHEME, ledger.scheme().name());
        }
        Optional<CertificateFigures> figures;
        try {
            if (issue == null) {
                figures = LatestCertificate.find(calculator, ledger, asOf);
            } else {
                Figures calculated = calculator.calculate(issue, ledger, year);
                if (calculated instanceof HeldFigures held) {
                    return excluded(ledger, null, ExclusionReason.HELD, held.codes().toString());
                }
                figures = Optional.of((CertificateFigures) calculated);
            }
        } catch (RuntimeException e) {
            return excluded(ledger, null, ExclusionReason.CALCULATION_FAILED, e.toString());
        }
        if (figures.isEmpty()) {
            return excluded(ledger, null, ExclusionReason.NOT_ISSUED,
                    "no certificate was issued to this contract in the issues available on " + asOf + ": "
                            + LatestCertificate.issuesAvailable(asOf));
        }
        CertificateFigures f = figures.get();
        UniqueCode code = UniqueCode.of(f.document(), f.year(), ledger.contractNo(), ledger.checkDigits(), sequence);
        return exporter.export(new ExportCandidate.Certificate(0, ledger, f, code), asOf, asOf, sakuseiDay);
    }

    private static ExportOutcome excluded(Ledger l, String code, ExclusionReason reason, String detail) {
        return new ExportOutcome.Excluded(0, l.contractNo(), code, reason, detail);
    }
}
