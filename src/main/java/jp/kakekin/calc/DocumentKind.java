package jp.kakekin.calc;

import jp.kakekin.ledger.Scheme;

/** The documents whose figures the calculator produces; names are fixed by {@code cases/README.md}. */
public enum DocumentKind {
    /** 小規模企業共済掛金控除証明書, November issue (data cutoff Sep 30 of Y). */
    NOVEMBER_CERTIFICATE(Scheme.SHOKIBO),
    /** 小規模企業共済掛金控除証明書, February issue of Y+1 (data cutoff Dec 31 of Y). */
    FEBRUARY_CERTIFICATE(Scheme.SHOKIBO),
    /** 経営セーフティ共済: paid and deductible amounts of the tax period ending in Y. */
    SAFETY_TAX_STATEMENT(Scheme.SAFETY),
    /** 経営セーフティ共済 掛金納付状況兼領収書: the state of each month of Y and the balances at its end. */
    SAFETY_PAYMENT_STATUS(Scheme.SAFETY);

    private final Scheme scheme;

    DocumentKind(Scheme scheme) {
        this.scheme = scheme;
    }

    public Scheme scheme() {
        return scheme;
    }
}
