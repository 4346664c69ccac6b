package jp.kakekin.print;

/**
 * One non-blank line of the ledger file, as read; parsing happens in the processor.
 *
 * @param text          the line without its line break, or null when it could not be decoded
 * @param encodingError why the bytes are not a line of text (not UTF-8), else null
 */
public record LedgerLine(long line, String text, String encodingError) {
}
