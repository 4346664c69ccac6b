package jp.kakekin.issuance;

import jp.kakekin.document.UniqueCode;

import java.util.OptionalInt;

/**
 * The register of issued documents, as the issuance core reads it (the store implements it). A document
 * of a voided run is not in it any more: it counts as never issued.
 */
public interface IssuedRegister {

    /** The highest sequence issued so far, and not voided, of the document whose original is {@code original}. */
    OptionalInt lastSequence(UniqueCode original);

    /**
     * When the document was corrected (追加発行, docs/corrections.md): the data date its latest correction's
     * figures are as of; a document issued again on request states those figures. Empty when never corrected.
     */
    default java.util.Optional<java.time.LocalDate> correctedAsOf(UniqueCode original) {
        return java.util.Optional.empty();
    }

    /** A register with nothing in it (channels without a store: a file run not imported, a trial). */
    IssuedRegister EMPTY = original -> OptionalInt.empty();
}
