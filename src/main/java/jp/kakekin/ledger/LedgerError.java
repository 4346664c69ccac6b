package jp.kakekin.ledger;

/** One validation error, located by file, line and field path (e.g. {@code payments[3].amount}). */
public record LedgerError(String file, long line, String field, String message) {

    /**
     * The field path (which may hold an unknown key of the input) and the message (which may quote input)
     * are made printable here, once for every channel: control characters escaped, long values cut.
     */
    public LedgerError {
        field = Printable.of(field, Printable.MAX_VALUE + 40);
        message = Printable.of(message, Printable.MAX_MESSAGE);
    }

    @Override
    public String toString() {
        return file + ":" + line + ": " + field + ": " + message;
    }
}
