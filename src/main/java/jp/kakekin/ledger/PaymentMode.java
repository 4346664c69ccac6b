package jp.kakekin.ledger;

/** 払込区分. */
public enum PaymentMode {
    MONTHLY(1), SEMIANNUAL(6), ANNUAL(12);

    private final int monthsPerCollection;

    PaymentMode(int monthsPerCollection) {
        this.monthsPerCollection = monthsPerCollection;
    }

    public int monthsPerCollection() {
        return monthsPerCollection;
    }
}
