package jp.kakekin.store;

import java.time.LocalDate;

/**
 * What the store knows to recognise a holder on the reissue form, in {@link HolderKeys} form.
 * Deliberately without the address: the form never reads, shows or changes it.
 */
public record HolderIdentity(String contractNo, String checkDigits, String scheme, String nameKey,
                             String kanaKey, LocalDate birthDate, String phoneDigits) {
}
