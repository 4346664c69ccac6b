package jp.kakekin.ledger;

/** The input cannot be read as a ledger at all (not JSON, not an object, ...). */
public class LedgerFormatException extends RuntimeException {
    public LedgerFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
