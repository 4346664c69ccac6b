package jp.kakekin.document;

import jp.kakekin.barcode.CustomerBarcode;
import jp.kakekin.document.CertificateViews;
import jp.kakekin.document.DocumentView;
import jp.kakekin.document.Issuer;
import jp.kakekin.ledger.Address;
import jp.kakekin.ledger.Ledger;

import java.util.Map;
import java.util.Objects;

/**
 * Who a statement is for, as printed: the envelope window of the 掛金納付状況兼領収書, the 住所・氏名 of
 * a 明細書.
 *
 * @param contractNumber 共済契約者番号 with its check digits, e.g. 2000003-57
 * @param postalCode     〒100-0013, or empty
 */
public record HolderBlock(String name, String contractNumber, String postalCode, String addressLine1,
                          String addressLine2) {

    static HolderBlock of(Ledger ledger, Address address) {
        return of(Addressee.of(ledger, address));
    }

    static HolderBlock of(Addressee to) {
        Address address = to.address();
        return new HolderBlock(to.name(), to.contractNo() + "-" + to.checkDigits(),
                address == null ? "" : CertificateViews.postalCode(address.postalCode()),
                address == null ? "" : Objects.toString(address.line1(), ""),
                address == null ? "" : Objects.toString(address.line2(), ""));
    }

    /** The texts of this block and of the issuer block, by the names the glyph check reports. */
    Map<String, String> textFields(Issuer issuer) {
        return DocumentView.holderAndIssuerTexts(name, postalCode, addressLine1, addressLine2, contractNumber, issuer);
    }

    /** The カスタマバーコード of the envelope window, or null when none is printed. */
    public CustomerBarcode customerBarcode() {
        return CustomerBarcode.forAddress(postalCode, addressLine1, addressLine2).orElse(null);
    }

    /** Both address lines on one line (a form's 住所 field). */
    public String address() {
        return addressLine2.isEmpty() ? addressLine1 : addressLine1 + " " + addressLine2;
    }
}
