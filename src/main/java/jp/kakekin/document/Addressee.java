package jp.kakekin.document;

import jp.kakekin.ledger.Address;
import jp.kakekin.ledger.Ledger;

import java.util.Objects;

/**
 * Who a mailed document is for and where it goes: all a view reads of the ledger besides the figures.
 * A print run carries this (not the whole ledger) from its calculate step to its print step.
 *
 * @param contractNo  the 7-digit 共済契約者番号
 * @param checkDigits its 2 check digits
 * @param name        氏名 as in the ledger
 * @param address     the address chosen by the issuance core's address rule
 */
public record Addressee(String contractNo, String checkDigits, String name, Address address) {

    public Addressee {
        Objects.requireNonNull(contractNo);
        Objects.requireNonNull(checkDigits);
    }

    public static Addressee of(Ledger ledger, Address address) {
        return new Addressee(ledger.contractNo(), ledger.checkDigits(), ledger.holder().name(), address);
    }
}
