package jp.kakekin.store;

import jp.kakekin.ledger.Ledger;

import java.time.LocalDate;

/** One contract as the store writes it: the ledger's canonical JSON and the columns derived from it. */
record ContractRow(String contractNo, String checkDigits, String scheme, String nameKey, String kanaKey,
                   LocalDate birthDate, String phoneDigits, String ledgerJson, String sourceFile, long sourceLine) {

    static ContractRow of(Ledger ledger, String sourceFile, long sourceLine) {
        return new ContractRow(ledger.contractNo(), ledger.checkDigits(), ledger.scheme().name(),
                HolderKeys.name(ledger.holder().name()), HolderKeys.name(ledger.holder().nameKana()),
                ledger.holder().birthDate(), HolderKeys.phone(ledger.holder().phone()), StoredLedger.write(ledger),
                sourceFile, sourceLine);
    }
}
