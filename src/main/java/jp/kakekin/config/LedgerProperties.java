package jp.kakekin.config;

import jp.kakekin.ledger.LedgerLines;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code kakekin.ledger.*}: how ledger files are read (docs/ledger.md).
 *
 * @param maxLineBytes the longest JSON Lines line read; a longer one is reported as an error of its line
 *                     without being held in memory (default 1 MiB; a real record is a few KB)
 */
@ConfigurationProperties("kakekin.ledger")
public record LedgerProperties(Integer maxLineBytes) {

    public int maxLineBytesOrDefault() {
        return maxLineBytes != null && maxLineBytes > 0 ? maxLineBytes : LedgerLines.DEFAULT_MAX_LINE_BYTES;
    }
}
