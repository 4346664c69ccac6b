package jp.kakekin.issuance;

/**
 * Why a record did not become an issued document: the one vocabulary of every run report (print runs,
 * e-私書箱 runs, reissue batches) and of every refusal. The first group is decided by the {@link Issuer};
 * the others by the channel that reads, renders or delivers the document.
 */
public enum ReasonCode {
    // --- decided by the Issuer ---
    /** A contract of the other scheme: a 経営セーフティ共済 contract has no 控除証明書, a 小規模企業共済 contract no SAFETY document. */
    OTHER_SCHEME,
    /** The holder gets no such document for the year (RULES.md 1.5), or it would have nothing to state; the detail says why. */
    NOT_ELIGIBLE_THIS_ISSUE,
    /** The document's data cutoff (or period end) has not passed in Japan: its figures are not final. */
    NOT_YET_FINAL,
    /** The calculator could not cope with the record; the detail carries the error. */
    CALCULATION_FAILED,
    /** The ledger has no address to mail the document to. */
    NO_ADDRESS,
    /** The register already holds this document's first issue (another run or channel issued it). */
    ALREADY_ISSUED,
    /** Sequence 99 has been used: the unique code has no room for another reissue. */
    SEQUENCE_EXHAUSTED,
    /** The ledger contradicts the rules (RULES.md 1.8): held for the operator, the detail lists the hold codes. */
    HELD,
    /** A corrections run: the 控除額 is still **** at the data date; no corrected certificate yet (docs/corrections.md). */
    STILL_WITHHELD,
    /** A corrections run: nothing the certificate states has changed since it was issued. */
    UNCHANGED,

    // --- decided by the channel ---
    /** The line failed validation (spec/ledger.md); the detail lists every error with file, line and field. */
    INVALID_LEDGER_LINE,
    /** No contract with that number is stored. */
    UNKNOWN_CONTRACT,
    /** The contract number came earlier in the input: only its first valid line counts. */
    DUPLICATE_CONTRACT,
    /** The statement form asked for is not the holder's (individual vs corporate). */
    WRONG_FORM,
    /** A character that no font has; the detail names the field and the code point. */
    GLYPH_MISSING,
    /** The document could not be laid out on its page (or another rendering error). */
    RENDER_FAILED,
    /** e-私書箱: the holder has not linked it. */
    NOT_LINKED,
    /** e-私書箱: linked after the run date; delivered on demand, not in the run (RULES.md 1.7). */
    LINKED_AFTER_RUN_DATE,
    /** e-私書箱: 控除額 is **** (RULES.md 1.6); such certificates go on paper only. */
    DEDUCTION_WITHHELD,
    /** e-私書箱: a text field cannot be written in TEG850. */
    NOT_REPRESENTABLE,
    /** e-私書箱: the produced XML failed the NTA schema (a defect: never delivered unchecked). */
    DOCUMENT_INVALID
}
