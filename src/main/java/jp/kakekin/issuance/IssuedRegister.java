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

    /** A register with nothing in it (channels without a store: a file run not imported, a trial). */
    IssuedRegister EMPTY = original -> OptionalInt.empty();
}
