package jp.kakekin.batch;

import jp.kakekin.ledger.LedgerLines;

/**
 * One non-blank line of the ledger file as read by the shared ledger line reader: its UTF-8 bytes without
 * the line break (or none, for a line longer than the limit). Parsing happens in the processor, on the
 * partition's thread, with the same checks as every other command.
 */
public record LedgerLine(LedgerLines.Line raw) {

    public long line() {
        return raw.number();
    }

    /** The bytes, or null for a line too long to read. */
    public byte[] utf8() {
        return raw.utf8();
    }
}
