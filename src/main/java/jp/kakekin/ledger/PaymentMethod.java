package jp.kakekin.ledger;

public enum PaymentMethod {
    /** Paid at the window with the application. */
    CASH,
    /** 口座振替. */
    TRANSFER,
    /** 振込 to the prepayment account. */
    REMITTANCE
}
