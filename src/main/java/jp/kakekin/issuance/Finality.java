package jp.kakekin.issuance;

import jp.kakekin.calc.DataCutoff;
import jp.kakekin.calc.DocumentKind;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * A document is final once its data cutoff has passed in Japan (RULES.md 1.5): before that, payments
 * can still arrive that change its figures, or whether it is issued at all. A run before the cutoff is
 * a trial or nothing.
 */
public final class Finality {

    private Finality() {
    }

    /**
     * The last day whose payments the document of {@code year} sees: Sep 30 (November issue), Dec 31 (the
     * February issue and the 掛金納付状況兼領収書). A 明細書's period depends on the holder's 事業年度: see
     * {@link #periodCutoff(YearMonth)}; for an individual it is Dec 31.
     */
    public static LocalDate dataCutoff(DocumentKind kind, int year) {
        return switch (kind) {
            case NOVEMBER_CERTIFICATE -> DataCutoff.november(year);
            case FEBRUARY_CERTIFICATE -> DataCutoff.february(year);
            case SAFETY_PAYMENT_STATUS, SAFETY_TAX_STATEMENT -> LocalDate.of(year, 12, 31);
        };
    }

    /** The last day of a tax period ending in {@code periodTo}. */
    public static LocalDate periodCutoff(YearMonth periodTo) {
        return periodTo.atEndOfMonth();
    }

    /** Whether a document with this data cutoff is final on {@code day} (a date in Japan): the cutoff has passed. */
    public static boolean isFinal(LocalDate cutoff, LocalDate day) {
        return day.isAfter(cutoff);
    }

    public static boolean isFinal(DocumentKind kind, int year, LocalDate day) {
        return isFinal(dataCutoff(kind, year), day);
    }

    /** What a refusal says: "… are final after 2027-09-30 (Japan); today is 2026-12-05". */
    public static String notFinal(DocumentKind kind, int year, LocalDate cutoff, LocalDate day) {
        return "the %s of %d is not final: its data cutoff %s has not passed in Japan (today is %s)"
                .formatted(kind, year, cutoff, day);
    }
}
