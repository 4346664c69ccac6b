package jp.kakekin.issuance;

/**
 * Why a record did not become an issued document: the one vocabulary of every run report (print runs,
 * e-私書箱 runs, reissue batches) and of every refusal. The first group is decided by the {@link Issuer};
 * the others by the channel that reads, renders or delivers the document.
 */
public enum ReasonCode {
    // --- decided by the Issuer ---
    /** A contract of the other scheme: a 経営セーフティ共済 contract has no 控除証明書, a 小規模企業共済 contract no SAFETY document. */
    OTHER_SCHEME("not a contract of the scheme this document is for"),
    /** The holder gets no such document for the year (RULES.md 1.5), or it would have nothing to state; the detail says why. */
    NOT_ELIGIBLE_THIS_ISSUE("no such document in this issue"),
    /** The document's data cutoff (or period end) has not passed in Japan: its figures are not final. */
    NOT_YET_FINAL("the figures are not final yet"),
    /** The calculator could not cope with the record; the detail carries the error. */
    CALCULATION_FAILED("the figures could not be calculated"),
    /** The ledger has no address to mail the document to. */
    NO_ADDRESS("no address to send the document to"),
    /** The register already holds this document's first issue (another run or channel issued it). */
    ALREADY_ISSUED("the register holds this document already"),
    /** Sequence 99 has been used: the unique code has no room for another reissue. */
    SEQUENCE_EXHAUSTED("no sequence number left for another reissue"),
    /** The ledger contradicts the rules (RULES.md 1.8): held for the operator, the detail lists the hold codes. */
    HELD("held for the operator (the ledger contradicts the rules)"),
    /** A corrections run: the 控除額 is still **** at the data date; no corrected certificate yet (docs/corrections.md). */
    STILL_WITHHELD("控除額 still **** at the data date: no corrected certificate yet"),
    /** A corrections run: nothing the certificate states has changed since it was issued. */
    UNCHANGED("nothing the certificate states has changed"),

    // --- decided by the channel ---
    /** The line failed validation (spec/ledger.md); the detail lists every error with file, line and field. */
    INVALID_LEDGER_LINE("the ledger record is invalid"),
    /** No contract with that number is stored. */
    UNKNOWN_CONTRACT("no such contract is stored"),
    /** The contract number came earlier in the input: only its first valid line counts. */
    DUPLICATE_CONTRACT("the contract appeared earlier in the run"),
    /** The statement form asked for is not the holder's (individual vs corporate). */
    WRONG_FORM("the form asked for is not the holder's"),
    /** A character that no font has; the detail names the field and the code point. */
    GLYPH_MISSING("a character no font has"),
    /** The document could not be laid out on its page (or another rendering error). */
    RENDER_FAILED("the document could not be laid out"),
    /** e-私書箱: the holder has not linked it. */
    NOT_LINKED("not linked to e-私書箱"),
    /** e-私書箱: linked after the run date; delivered on demand, not in the run (RULES.md 1.7). */
    LINKED_AFTER_RUN_DATE("linked to e-私書箱 after the run date"),
    /** e-私書箱: 控除額 is **** (RULES.md 1.6); such certificates go on paper only. */
    DEDUCTION_WITHHELD("控除額 is **** (paper only)"),
    /** e-私書箱: a text field cannot be written in TEG850. */
    NOT_REPRESENTABLE("a text field cannot be written in TEG850"),
    /** e-私書箱: the produced XML failed the NTA schema (a defect: never delivered unchecked). */
    DOCUMENT_INVALID("the produced document failed the NTA schema");

    private final String description;

    ReasonCode(String description) {
        this.description = description;
    }

    /** In a few words, for a person (a CLI line, a problem's {@code description}); the code is what files carry. */
    public String description() {
        return description;
    }
}
