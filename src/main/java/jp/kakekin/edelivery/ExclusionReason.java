package jp.kakekin.edelivery;

/** Why a record of a run was not delivered electronically; every record is either delivered or has one. */
public enum ExclusionReason {
    /** The ledger line could not be read (the detail names file, line and field). */
    INVALID_LEDGER_LINE("the ledger record is invalid"),
    /** A 経営セーフティ共済 contract: it gets no 控除証明書, so there is no TEG850 for it. */
    OTHER_SCHEME("not a 小規模企業共済 contract"),
    /** The calculator failed on this contract (the detail carries its message). */
    CALCULATION_FAILED("the figures could not be calculated"),
    /** The ledger contradicts the rules (RULES.md 1.8): held for the operator, no certificate at all. */
    HELD("held for the operator (the ledger contradicts the rules)"),
    /** The issue's data cutoff had not passed on the run date: its figures are not final. */
    NOT_YET_FINAL("the figures are not final yet"),
    /** No certificate of this issue is sent to the holder (RULES.md 1.5). */
    NOT_ISSUED("no certificate in this issue"),
    /** The holder has not linked e-私書箱. */
    NOT_LINKED("not linked to e-私書箱"),
    /** Linked after the run date: delivered on demand when they link, not in the run (RULES.md 1.7). */
    LINKED_AFTER_RUN_DATE("linked to e-私書箱 after the run date"),
    /** 控除額 is **** (RULES.md 1.6): such certificates go on paper only (SMRJ FAQ id=1060). */
    DEDUCTION_WITHHELD("控除額 is **** (paper only)"),
    /** 氏名, 住所 or 発行者 needs a character outside the e-Tax set or is too long for its field. */
    NOT_REPRESENTABLE("a text field cannot be written in TEG850"),
    /** The same contract came twice in one run; only the first is delivered. */
    DUPLICATE_CONTRACT("the contract appeared earlier in the run"),
    /** The produced XML failed the NTA schema (a defect in kakekin: never delivered unchecked). */
    DOCUMENT_INVALID("the produced document failed the NTA schema");

    private final String description;

    ExclusionReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** Whether a certificate was issued on paper for this record (counts toward the print run's total). */
    public boolean issuedOnPaper() {
        return switch (this) {
            case NOT_LINKED, LINKED_AFTER_RUN_DATE, DEDUCTION_WITHHELD, NOT_REPRESENTABLE, DOCUMENT_INVALID -> true;
            default -> false;
        };
    }
}
