package jp.kakekin.store;

import jp.kakekin.calc.DocumentKind;
import jp.kakekin.document.UniqueCode;
import jp.kakekin.ledger.Address;

import java.time.OffsetDateTime;

/**
 * One document as issued: its code, the code of the original it reissues (itself for an original),
 * the figures printed (JSON), the address printed, the run or channel that issued it and when.
 */
public record IssuedDocument(long id, UniqueCode code, String contractNo, DocumentKind kind, int year,
                             String figuresJson, Address address, String run, OffsetDateTime issuedAt) {

    /** The code of the first issue of this document (its own code for an original). */
    public UniqueCode original() {
        return code.original();
    }

    public int sequence() {
        return code.sequence();
    }

    public boolean isReissue() {
        return code.sequence() > 0;
    }
}
