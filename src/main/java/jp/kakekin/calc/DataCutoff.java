package jp.kakekin.calc;

import java.time.LocalDate;

/** RULES.md 1.5: what each issue's run sees; payments dated later are ignored. */
public final class DataCutoff {

    private DataCutoff() {
    }

    /** The November issue of Y sees the ledger as of September 30 of Y. */
    public static LocalDate november(int year) {
        return LocalDate.of(year, 9, 30);
    }

    /** The February issue for Y (mailed in Y+1) sees the ledger as of December 31 of Y. */
    public static LocalDate february(int year) {
        return LocalDate.of(year, 12, 31);
    }
}
