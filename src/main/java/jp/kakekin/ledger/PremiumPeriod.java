package jp.kakekin.ledger;

import java.time.YearMonth;

/** 掛金月額 in force from a month on. */
public record PremiumPeriod(YearMonth from, long monthly) {
}
