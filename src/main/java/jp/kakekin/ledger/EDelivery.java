package jp.kakekin.ledger;

import java.time.LocalDate;

/** @param linkedOn the day the holder completed the e-私書箱 link */
public record EDelivery(LocalDate linkedOn) {
}
