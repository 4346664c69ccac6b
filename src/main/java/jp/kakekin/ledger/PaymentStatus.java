package jp.kakekin.ledger;

public enum PaymentStatus {
    PAID,
    /** 振替不能: the collection was attempted and failed. */
    FAILED
}
