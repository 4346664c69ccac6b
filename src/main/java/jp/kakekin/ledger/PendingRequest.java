package jp.kakekin.ledger;

import java.time.YearMonth;

/**
 * A request accepted but not yet collected at the cutoff.
 * AMOUNT_CHANGE uses {@code effective} and {@code monthly}; LUMP_SUM uses {@code month} and {@code months}.
 */
public record PendingRequest(Kind kind, YearMonth effective, Long monthly, YearMonth month, Integer months) {

    public enum Kind { AMOUNT_CHANGE, LUMP_SUM }
}
