package jp.kakekin.calc;

import jp.kakekin.ledger.Ledger;

final class SafetyTaxStatement {
    private final CalculationPolicy policy;

    SafetyTaxStatement(CalculationPolicy policy) {
        this.policy = policy;
    }

    SafetyTaxFigures figures(Ledger ledger, int year) {
        throw new UnsupportedOperationException("in progress");
    }
}
