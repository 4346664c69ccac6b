package jp.kakekin.print;

/**
 * One non-blank line of the ledger file as read: its UTF-8 bytes without the line break (Jackson parses
 * bytes directly, and reports bytes that are not UTF-8 as an error of the line). Parsing happens in the
 * processor, on the partition's thread.
 */
public record LedgerLine(long line, byte[] utf8) {
}
