package jp.kakekin.document;

import jp.kakekin.calc.AddressCutoff;
import jp.kakekin.calc.DocumentKind;
import jp.kakekin.calc.Figures;
import jp.kakekin.calc.SafetyPaymentStatusFigures;
import jp.kakekin.calc.SafetyTaxFigures;
import jp.kakekin.document.CertificateViews;
import jp.kakekin.document.DocumentReference;
import jp.kakekin.document.UniqueCode;
import jp.kakekin.document.Wareki;
import jp.kakekin.document.Yen;
import jp.kakekin.ledger.Ledger;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds the views of the 経営セーフティ共済 documents from the calculator's figures and the ledger:
 * 和暦, amounts with separators and 円, the holder's block, the notes' amounts and the QR link (the same
 * web form and token scheme as the certificates). Stateless and thread-safe.
 */
public final class StatementViews {

    private final CertificateViews links;
    private final FormEdition edition;

    /** @param links gives the QR link and the issuer block, as for the certificates */
    public StatementViews(CertificateViews links, FormEdition edition) {
        this.links = Objects.requireNonNull(links);
        this.edition = Objects.requireNonNull(edition);
    }

    /** The unique code of a SAFETY document: letter S (明細書) or P (掛金納付状況兼領収書), sequence 00. */
    public static UniqueCode uniqueCode(DocumentKind document, Ledger ledger, int year) {
        return UniqueCode.of(document, year, ledger.contractNo(), ledger.checkDigits(), 0);
    }

    /**
     * The 明細書 (individual or corporate, as the figures say), addressed as of the issue date.
     *
     * @throws IllegalArgumentException when figures, ledger and unique code are not the same contract and document
     */
    public TaxStatementView taxStatement(SafetyTaxFigures f, Ledger ledger, UniqueCode code, LocalDate issuedOn) {
        requireSame(f, ledger, code);
        boolean corporate = f.corporate();
        LocalDate from = f.periodFrom().atDay(1);
        LocalDate to = f.periodTo().atEndOfMonth();
        String periodLabel = corporate ? Wareki.date(from) + "～" + Wareki.date(to) : Wareki.year(f.year()) + "分";
        Reconciliation reconciliation = new Reconciliation(
                Yen.format(f.paid()),
                Yen.format(f.deductible()),
                f.excludedByRejoin() != 0,
                Yen.format(f.excludedByRejoin()),
                ledger.previousTermination() == null ? "" : Wareki.date(ledger.previousTermination()),
                f.rejoinExcludedThrough() == null ? "" : Wareki.date(f.rejoinExcludedThrough()),
                f.deferredBeyondPeriod() != 0,
                Yen.format(f.deferredBeyondPeriod()),
                Wareki.month(f.periodTo().plusMonths(1)),
                f.releasedFromEarlier() != 0,
                Yen.format(f.releasedFromEarlier()),
                Wareki.date(from));
        return new TaxStatementView(f, code, issuedOn, Wareki.date(issuedOn), periodLabel, Wareki.date(from),
                Wareki.date(to), HolderBlock.of(ledger, AddressCutoff.addressAt(ledger.addresses(), issuedOn)),
                Yen.format(f.paid()), Yen.format(f.deductible()), reconciliation, edition.corporateSchedule(),
                edition.applicationCode(), qrUrl(code, issuedOn), links.issuer());
    }

    /**
     * The 掛金納付状況兼領収書 of the figures' year.
     *
     * @param addressCutoff the latest address received on or before this day is printed (null: the issue date)
     */
    public PaymentStatusView paymentStatus(SafetyPaymentStatusFigures f, Ledger ledger, UniqueCode code,
                                           LocalDate issuedOn, LocalDate addressCutoff) {
        return paymentStatus(f, Addressee.of(ledger, AddressCutoff.addressAt(ledger.addresses(),
                addressCutoff != null ? addressCutoff : issuedOn)), code, issuedOn);
    }

    /** The same from the addressee alone (what a print run carries to its print step). */
    public PaymentStatusView paymentStatus(SafetyPaymentStatusFigures f, Addressee to, UniqueCode code,
                                           LocalDate issuedOn) {
        if (!f.contractNo().equals(to.contractNo()) || !code.original().equals(
                UniqueCode.of(f.document(), f.year(), to.contractNo(), to.checkDigits(), 0))) {
            throw new IllegalArgumentException("figures %s %s of %d, unique code %s and contract %s are not the same "
                    .formatted(f.document(), f.contractNo(), f.year(), code, to.contractNo()) + "contract and document");
        }
        List<PaymentStatusView.MonthRow> rows = new ArrayList<>(12);
        long monthsTotal = 0;
        for (SafetyPaymentStatusFigures.Month m : f.months()) {
            rows.add(new PaymentStatusView.MonthRow(m.month().getMonthValue() + "月", m.state().label(),
                    m.amount() == 0 ? "" : Yen.format(m.amount()), m.state()));
            monthsTotal += m.amount();
        }
        return new PaymentStatusView(f, code, issuedOn, Wareki.date(issuedOn), Wareki.year(f.year()) + "分",
                Wareki.year(f.year()), Wareki.date(LocalDate.of(f.year(), 12, 31)),
                HolderBlock.of(to),
                rows, Yen.format(monthsTotal), Yen.format(f.totalPaid()), Yen.format(f.applied()),
                Yen.format(f.prepaidBalance()), Yen.format(f.discountPaid()),
                f.discountPaidMonth() == null ? "" : Wareki.month(f.discountPaidMonth()),
                f.cancelledOn() == null ? "" : Wareki.date(f.cancelledOn()),
                qrUrl(code, issuedOn), links.issuer());
    }

    private String qrUrl(UniqueCode code, LocalDate issuedOn) {
        return links.reissueUrl(new DocumentReference(code, issuedOn));
    }

    private static void requireSame(Figures f, Ledger ledger, UniqueCode code) {
        if (!f.contractNo().equals(ledger.contractNo())
                || !code.original().equals(uniqueCode(f.document(), ledger, f.year()))) {
            throw new IllegalArgumentException("figures %s %s of %d, unique code %s and ledger %s are not the same "
                    .formatted(f.document(), f.contractNo(), f.year(), code, ledger.contractNo())
                    + "contract and document");
        }
    }
}
