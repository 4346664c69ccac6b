package jp.kakekin.calc;

/**
 * Why a record is held for the operator instead of being issued (RULES.md 1.8). The declaration order is
 * the order of RULES.md 1.8, which is the order codes are listed in every output.
 */
public enum HoldCode {
    /** The contract's first collection contradicts RULES.md 1.1 (mode not designated from the application month, or too few months). */
    FIRST_COLLECTION_SHAPE,
    /** A PAID collection in a designated month of a semiannual/annual mode covers fewer months than RULES.md 1.1 requires. */
    SHORT_COLLECTION,
    /** A PAID payment dated in Y covers a month from the termination month on: its refund is not in the ledger. */
    REFUND_UNKNOWN
}
