package jp.kakekin.document;

import java.time.LocalDate;

/**
 * What a QR token stands for: one issued document, by its unique code and the day it was issued.
 * The reissue form pre-fills the contract number from it; the authenticity page shows both.
 */
public record DocumentReference(UniqueCode uniqueCode, LocalDate issuedOn) {
}
