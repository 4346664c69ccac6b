package jp.kakekin.calc;

import jp.kakekin.ledger.Ledger;
import jp.kakekin.ledger.Payment;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * The February issue for year Y, mailed in Y+1 (RULES.md 1.6): data cutoff Dec 31; 掛金月額 in force
 * in December; お払込み済額 = PAID payments dated in Y; no projection; 控除額 = 済額 − 前納減額金
 * unless a month is in arrears on Dec 31 or a payment longer than one year touches Y (****).
 */
final class FebruaryCertificate {

    private final CalculationPolicy policy;

    FebruaryCertificate(CalculationPolicy policy) {
        this.policy = policy;
    }

    /** The certificate's figures, or {@link HeldFigures} when the ledger contradicts the rules (RULES.md 1.8). */
    Figures figures(Ledger ledger, int year, LocalDate addressCutoff) {
        LocalDate cutoff = DataCutoff.february(year);
        if (!Eligibility.february(ledger, year, policy)) {
            return CertificateFigures.notIssued(DocumentKind.FEBRUARY_CERTIFICATE, year, ledger.contractNo(), cutoff,
                    addressCutoff);
        }
        LedgerAtCutoff known = new LedgerAtCutoff(ledger, cutoff, policy);
        CollectionSchedule schedule = new CollectionSchedule(known, Months.of(year + 1, 12));
        // RULES.md 1.8: only records this issue would go to are checked; a held one gets no figures at all
        List<HoldCode> held = HeldChecks.of(known, year, policy);
        if (!held.isEmpty()) {
            return new HeldFigures(DocumentKind.FEBRUARY_CERTIFICATE, year, ledger.contractNo(), held);
        }
        long paid = 0;
        for (Payment p : known.payments) {
            if (p.isPaid() && p.date().getYear() == year) {
                paid += p.amount();
            }
        }
        long discount = new PrepaymentDiscount(policy).paidInJune(ledger, known.payments, known.timeline, year,
                known.terminationMonth);
        Set<WhyWithheld> withheld = Withholding.common(known, schedule, year);
        Long deduction = withheld.isEmpty() ? Withholding.deduction(paid, 0, discount, policy) : null;
        return new CertificateFigures(DocumentKind.FEBRUARY_CERTIFICATE, year, ledger.contractNo(), true,
                known.timeline.premium(Months.of(year, 12)), paid, 0, discount, deduction, withheld,
                AddressCutoff.addressAt(ledger.addresses(), addressCutoff), cutoff, addressCutoff);
    }
}
