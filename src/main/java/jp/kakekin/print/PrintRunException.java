package jp.kakekin.print;

/** A print run cannot go on for a reason the operator must fix (the message says what and where). */
public class PrintRunException extends RuntimeException {
    public PrintRunException(String message) {
        super(message);
    }

    public PrintRunException(String message, Throwable cause) {
        super(message, cause);
    }
}
