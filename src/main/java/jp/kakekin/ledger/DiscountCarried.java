package jp.kakekin.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;

/** 前納減額金 balance carried past the March-end {@code asOf}, for ledgers whose history starts late. */
public record DiscountCarried(LocalDate asOf, BigDecimal amount) {
}
