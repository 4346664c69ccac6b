package jp.kakekin.ledger;

/** One validation error, located by file, line and field path (e.g. {@code payments[3].amount}). */
public record LedgerError(String file, long line, String field, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + field + ": " + message;
    }
}
