package jp.kakekin.print;

import jp.kakekin.calc.CertificateFigures;
import jp.kakekin.calc.Figures;
import jp.kakekin.calc.SafetyPaymentStatusFigures;
import jp.kakekin.document.UniqueCode;
import jp.kakekin.ledger.Address;

import java.util.Comparator;
import java.util.Objects;

/**
 * A document the calculator issued — a 小規模企業共済 certificate, or the 経営セーフティ共済
 * 掛金納付状況兼領収書 of a {@link PrintIssue#SAFETY_PAYMENT_STATUS} run — with just enough of the ledger to
 * print it: what the sort runs carry between the calculate and print steps (the ledger itself is not kept).
 *
 * @param line        the ledger line it came from
 * @param checkDigits the 2 check digits printed after the contract number
 * @param holderName  氏名 as in the ledger
 * @param address     the address it is mailed to (a certificate's is also in its figures)
 * @param figures     the calculator's figures: {@link CertificateFigures} or {@link SafetyPaymentStatusFigures}
 */
public record IssuedCertificate(long line, String checkDigits, String holderName, Address address, Figures figures) {

    /** 区分郵便物: postal code first, then contract number; the line makes equal keys deterministic. */
    public static final Comparator<IssuedCertificate> POSTAL_ORDER = Comparator
            .comparing(IssuedCertificate::postalCode)
            .thenComparing(IssuedCertificate::contractNo)
            .thenComparingLong(IssuedCertificate::line);

    public IssuedCertificate {
        Objects.requireNonNull(figures);
        boolean printable = switch (figures) {
            case CertificateFigures c -> c.issued() && c.address() != null && c.address().equals(address);
            case SafetyPaymentStatusFigures s -> address != null;
            default -> false;
        };
        if (!printable) {
            throw new IllegalArgumentException("contract " + figures.contractNo() + " is not an issued "
                    + figures.document() + " with an address");
        }
    }

    /** An issued certificate, mailed to the address its figures name. */
    public IssuedCertificate(long line, String checkDigits, String holderName, CertificateFigures figures) {
        this(line, checkDigits, holderName, figures.address(), figures);
    }

    public String contractNo() {
        return figures.contractNo();
    }

    public String postalCode() {
        return address.postalCode() == null ? "" : address.postalCode();
    }

    /** The code of the first issue (sequence 00): the same on every run, restart and export. */
    public UniqueCode uniqueCode() {
        return UniqueCode.of(figures.document(), figures.year(), figures.contractNo(), checkDigits, 0);
    }
}
