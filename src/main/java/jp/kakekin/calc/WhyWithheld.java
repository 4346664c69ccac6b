package jp.kakekin.calc;

/** Why a certificate prints {@code ****} instead of a 控除額 (RULES.md 1.6, SMRJ FAQ id=1060). */
public enum WhyWithheld {
    /** A month is in arrears (未納) at the cutoff. */
    ARREARS,
    /** A premium or payment-mode change takes effect in Oct–Dec that was not in force at the cutoff. */
    PENDING_CHANGE,
    /** A payment covering more than one year touches the year (所得税基本通達 74・75-1). */
    PREPAYMENT_OVER_ONE_YEAR
}
