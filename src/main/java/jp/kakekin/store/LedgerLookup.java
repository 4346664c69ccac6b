package jp.kakekin.store;

import jp.kakekin.ledger.Ledger;

import java.util.Optional;

/**
 * Where the on-demand endpoint finds a contract's ledger. The contract store (issue #5) implements it;
 * until a bean of this type exists the endpoint answers 503.
 */
public interface LedgerLookup {

    /** @param contractNo the 7-digit 共済契約者番号 */
    Optional<Ledger> find(String contractNo);
}
