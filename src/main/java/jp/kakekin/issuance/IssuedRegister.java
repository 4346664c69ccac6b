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
     * The latest correction of a document (追加発行, docs/corrections.md), not voided: the corrected
     * certificate's code, the data date its figures are as of and the address it was printed with.
     *
     * @param address the address the corrected certificate went to (null when the register has none)
     */
    record Corrected(UniqueCode code, java.time.LocalDate dataDate, jp.kakekin.ledger.Address address) {
        public Corrected {
            java.util.Objects.requireNonNull(code);
            java.util.Objects.requireNonNull(dataDate);
        }
    }

    /**
     * The latest correction of the document whose original is {@code original}: a document issued again on
     * request, or copied for e-私書箱, states its figures. Empty when never corrected (or its run was voided).
     */
    default java.util.Optional<Corrected> latestCorrection(UniqueCode original) {
        return java.util.Optional.empty();
    }

    /** The data date of {@link #latestCorrection}, when the document was corrected. */
    default java.util.Optional<java.time.LocalDate> correctedAsOf(UniqueCode original) {
        return latestCorrection(original).map(Corrected::dataDate);
    }

    /** A register with nothing in it (channels without a store: a file run not imported, a trial). */
    IssuedRegister EMPTY = original -> OptionalInt.empty();
}
