package jp.kakekin.calc;

/** The state of one month on the 経営セーフティ共済 掛金納付状況兼領収書 (RULES.md 2.1). */
public enum MonthState {
    /** Before the contract began. */
    NOT_CONTRACTED("—"),
    /** Paid by a collection made in the month itself or later (振替・振込). */
    PAID("納付済"),
    /** Covered by a prepayment made in an earlier month (前納充当). */
    PREPAID("前納充当"),
    /** The month after a failed transfer: nothing was requested (請求中断). */
    SUSPENDED("請求中断"),
    /** Due and not paid. */
    UNPAID("未納"),
    /** Premiums stopped: the cumulative total reached 8,000,000 yen (積立限度額). */
    STOPPED_AT_CAP("限度額到達"),
    /** From the month of cancellation on. */
    CANCELLED("解約後");

    private final String label;

    MonthState(String label) {
        this.label = label;
    }

    /** How the statement prints the state. */
    public String label() {
        return label;
    }
}
