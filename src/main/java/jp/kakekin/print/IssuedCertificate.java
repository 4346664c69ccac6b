package jp.kakekin.print;

import jp.kakekin.calc.CertificateFigures;
import jp.kakekin.document.UniqueCode;

import java.util.Comparator;
import java.util.Objects;

/**
 * A certificate the calculator issued, with just enough of the ledger to print it: what the sort runs
 * carry between the calculate and print steps (the ledger itself is not kept).
 *
 * @param line        the ledger line it came from
 * @param checkDigits the 2 check digits printed after the contract number
 * @param holderName  氏名 as in the ledger
 * @param figures     the calculator's figures, including the address used
 */
public record IssuedCertificate(long line, String checkDigits, String holderName, CertificateFigures figures) {

    /** 区分郵便物: postal code first, then contract number; the line makes equal keys deterministic. */
    public static final Comparator<IssuedCertificate> POSTAL_ORDER = Comparator
            .comparing(IssuedCertificate::postalCode)
            .thenComparing(IssuedCertificate::contractNo)
            .thenComparingLong(IssuedCertificate::line);

    public IssuedCertificate {
        Objects.requireNonNull(figures);
        if (!figures.issued() || figures.address() == null) {
            throw new IllegalArgumentException("contract " + figures.contractNo() + " is not an issued certificate with an address");
        }
    }

    public String contractNo() {
        return figures.contractNo();
    }

    public String postalCode() {
        return figures.postalCode();
    }

    /** The code of the first issue (sequence 00): the same on every run, restart and export. */
    public UniqueCode uniqueCode() {
        return UniqueCode.of(figures.document(), figures.year(), figures.contractNo(), checkDigits, 0);
    }
}
