package jp.kakekin.calc;

import jp.kakekin.ledger.Ledger;
import jp.kakekin.ledger.Payment;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * The November issue of year Y (RULES.md 1.6): data cutoff Sep 30; 掛金月額 in force in September;
 * お払込み済額 = PAID payments dated Jan 1–Sep 30; お払込み予定額 = the Oct–Dec projection;
 * 前納減額金 = June's payout; 控除額 = 済額 + 予定額 − 前納減額金 unless withheld (****).
 */
final class NovemberCertificate {

    private final CalculationPolicy policy;

    NovemberCertificate(CalculationPolicy policy) {
        this.policy = policy;
    }

    /** The certificate's figures, or {@link HeldFigures} when the ledger contradicts the rules (RULES.md 1.8). */
    Figures figures(Ledger ledger, int year, LocalDate addressCutoff) {
        LocalDate cutoff = DataCutoff.november(year);
        if (!Eligibility.november(ledger, year, policy)) {
            return CertificateFigures.notIssued(DocumentKind.NOVEMBER_CERTIFICATE, year, ledger.contractNo(), cutoff,
                    addressCutoff);
        }
        LedgerAtCutoff known = new LedgerAtCutoff(ledger, cutoff, policy);
        CollectionSchedule schedule = new CollectionSchedule(known, Months.of(year + 1, 12));
        // RULES.md 1.8: only records this issue would go to are checked; a held one gets no figures at all
        List<HoldCode> held = HeldChecks.of(known, year, policy);
        if (!held.isEmpty()) {
            return new HeldFigures(DocumentKind.NOVEMBER_CERTIFICATE, year, ledger.contractNo(), held);
        }
        long paid = 0;
        LocalDate jan1 = LocalDate.of(year, 1, 1);
        for (Payment p : known.payments) {
            if (p.isPaid() && !p.date().isBefore(jan1)) {
                paid += p.amount();
            }
        }
        long scheduled = Projection.octoberToDecember(known, schedule, year);
        long discount = new PrepaymentDiscount(policy).paidInJune(ledger, known.payments, known.timeline, year,
                known.terminationMonth);
        Set<WhyWithheld> withheld = Withholding.common(known, schedule, year);
        if (Withholding.pendingChange(known, year)) {
            withheld.add(WhyWithheld.PENDING_CHANGE);
        }
        Long deduction = withheld.isEmpty() ? Withholding.deduction(paid, scheduled, discount, policy) : null;
        return new CertificateFigures(DocumentKind.NOVEMBER_CERTIFICATE, year, ledger.contractNo(), true,
                known.timeline.premium(Months.of(year, 9)), paid, scheduled, discount, deduction, withheld,
                AddressCutoff.addressAt(ledger.addresses(), addressCutoff), cutoff, addressCutoff);
    }
}
