package jp.kakekin.ledger;

import java.time.LocalDate;

/** @param receivedOn the day the change reached the operator (or was completed online) */
public record Address(LocalDate receivedOn, String postalCode, String line1, String line2) {
}
