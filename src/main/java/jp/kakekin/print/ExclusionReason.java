package jp.kakekin.print;

/** Why a ledger record did not become a printed document; one per row of the exclusion report. */
public enum ExclusionReason {
    /** The line failed validation (spec/ledger.md); the detail lists every error with file, line and field. */
    INVALID_LEDGER_LINE,
    /**
     * A contract of the other scheme: a 経営セーフティ共済 contract has no 小規模企業共済掛金控除証明書, a
     * 小規模企業共済 contract no 掛金納付状況兼領収書.
     */
    OTHER_SCHEME,
    /**
     * The contract gets no certificate in this issue (RULES.md 1.5), or its 掛金納付状況兼領収書 would have
     * nothing to state (not in force in the year); the detail says why.
     */
    NOT_ELIGIBLE_THIS_ISSUE,
    /**
     * The ledger contradicts the rules (RULES.md 1.8): the record is held for the operator, never printed.
     * The detail starts with the codes ({@code FIRST_COLLECTION_SHAPE|SHORT_COLLECTION|REFUND_UNKNOWN}).
     */
    HELD,
    /** A trial's record whose figures are not final (never in a real run: it refuses to start before the cutoff). */
    NOT_YET_FINAL,
    /** The calculator could not cope with the record; the detail carries the error. */
    CALCULATION_FAILED,
    /** The ledger has no address to mail the certificate to. */
    NO_ADDRESS,
    /**
     * The contract number came earlier in the ledger: only its first valid line counts (as in the e-私書箱
     * export), so no two certificates carry the same unique code.
     */
    DUPLICATE_CONTRACT,
    /**
     * The store's register already holds this certificate's first issue from another channel (a reissue
     * made before the bulk run): the holder has it; printing it again would give two documents one code.
     */
    ALREADY_ISSUED,
    /** A character that no certificate font has; the detail names the field and the code point. */
    GLYPH_MISSING,
    /** The certificate could not be laid out on one page (or another rendering error of this certificate). */
    RENDER_FAILED
}
