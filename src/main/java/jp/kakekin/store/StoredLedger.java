package jp.kakekin.store;

import jp.kakekin.ledger.Ledger;
import jp.kakekin.ledger.LedgerReader;
import jp.kakekin.ledger.LedgerRecord;
import jp.kakekin.ledger.LedgerJson;

/**
 * The store keeps each ledger in the exchange format itself (spec/ledger.md): written by the project's
 * canonical ledger writer (equal ledgers, equal text) and read back with the same strict parser as an
 * import, so what comes out of the store is validated like what came in.
 */
public final class StoredLedger {

    private StoredLedger() {
    }

    public static String write(Ledger ledger) {
        return LedgerJson.toJson(ledger);
    }

    /**
     * Reads a stored ledger. The text was written from a valid ledger, so a failure here means the store
     * was changed behind kakekin's back (or the format changed): say so loudly.
     */
    public static Ledger read(String contractNo, String json) {
        LedgerRecord r = LedgerReader.parseOne("contracts[" + contractNo + "]", json);
        return switch (r) {
            case LedgerRecord.Valid v -> v.ledger();
            case LedgerRecord.Invalid i -> throw new IllegalStateException(
                    "stored ledger of contract " + contractNo + " no longer validates: " + i.message());
        };
    }
}
