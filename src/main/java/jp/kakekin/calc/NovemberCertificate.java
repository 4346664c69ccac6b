package jp.kakekin.calc;

import jp.kakekin.ledger.Ledger;

import java.time.LocalDate;

final class NovemberCertificate {
    private final CalculationPolicy policy;

    NovemberCertificate(CalculationPolicy policy) {
        this.policy = policy;
    }

    CertificateFigures figures(Ledger ledger, int year, LocalDate addressCutoff) {
        throw new UnsupportedOperationException("in progress");
    }
}
