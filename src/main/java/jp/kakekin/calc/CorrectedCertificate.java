package jp.kakekin.calc;

import jp.kakekin.ledger.Ledger;
import jp.kakekin.ledger.Payment;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * A certificate of year Y as known at a later data date (追加発行, docs/corrections.md): the figures a
 * corrected certificate states. The issue (November or February) and who gets it stay those of RULES.md
 * 1.5; the ledger is seen as of the data date instead of the issue's cutoff:
 * <ul>
 * <li>お払込み済額: PAID payments dated from January 1 of Y up to the data date (at most December 31 of Y);</li>
 * <li>お払込み予定額: what will be requested from the month after the data date to December of Y (1.1, 1.3,
 *     pending requests), 0 once the data date reaches December's end; the February issue has none;</li>
 * <li>掛金月額: in force in September (November issue) or December (February issue), as the form says;</li>
 * <li>前納減額金: the June payout of Y (1.4);</li>
 * <li>**** (1.6) when at the data date a month of Y is in arrears, a payment longer than a year touches Y,
 *     or (November issue) a change taking effect after the data month and by December is not yet in force
 *     (a request still pending, a premiums[]/paymentModes[] entry from a later month).</li>
 * </ul>
 * With the issue's own cutoff as the data date the figures are the issue's own.
 */
final class CorrectedCertificate {

    private final CalculationPolicy policy;

    CorrectedCertificate(CalculationPolicy policy) {
        this.policy = policy;
    }

    Figures figures(DocumentKind kind, Ledger ledger, int year, LocalDate dataDate, LocalDate addressCutoff) {
        LocalDate issueCutoff = switch (kind) {
            case NOVEMBER_CERTIFICATE -> DataCutoff.november(year);
            case FEBRUARY_CERTIFICATE -> DataCutoff.february(year);
            default -> throw new IllegalArgumentException("only a certificate is corrected, not " + kind);
        };
        if (dataDate.isBefore(issueCutoff)) {
            throw new IllegalArgumentException("the data date %s of a corrected %s of %d is before its cutoff %s"
                    .formatted(dataDate, kind, year, issueCutoff));
        }
        boolean november = kind == DocumentKind.NOVEMBER_CERTIFICATE;
        boolean eligible = november ? Eligibility.november(ledger, year, policy) : Eligibility.february(ledger, year, policy);
        if (!eligible) {
            return CertificateFigures.notIssued(kind, year, ledger.contractNo(), dataDate, addressCutoff);
        }
        LedgerAtCutoff known = new LedgerAtCutoff(ledger, dataDate, policy);
        CollectionSchedule schedule = new CollectionSchedule(known, Math.max(Months.of(year + 1, 12),
                known.cutoffMonth + 1));
        List<HoldCode> held = HeldChecks.of(known, year, policy);
        if (!held.isEmpty()) {
            return new HeldFigures(kind, year, ledger.contractNo(), held);
        }
        LocalDate jan1 = LocalDate.of(year, 1, 1);
        LocalDate last = dataDate.isAfter(DataCutoff.february(year)) ? DataCutoff.february(year) : dataDate;
        long paid = 0;
        for (Payment p : known.payments) {
            if (p.isPaid() && !p.date().isBefore(jan1) && !p.date().isAfter(last)) {
                paid += p.amount();
            }
        }
        int december = Months.of(year, 12);
        int from = Math.max(Months.of(year, 10), Months.of(last) + 1);
        long scheduled = november ? Projection.requestedFrom(known, schedule, year, from) : 0;
        long discount = new PrepaymentDiscount(policy).paidInJune(ledger, known.payments, known.timeline, year,
                known.terminationMonth);
        Set<WhyWithheld> withheld = Withholding.common(known, schedule, year, december);
        if (november && Withholding.pendingChangeFrom(known, year, from)) {
            withheld.add(WhyWithheld.PENDING_CHANGE);
        }
        Long deduction = withheld.isEmpty() ? Withholding.deduction(paid, scheduled, discount, policy) : null;
        return new CertificateFigures(kind, year, ledger.contractNo(), true,
                known.timeline.premium(Months.of(year, november ? 9 : 12)), paid, scheduled, discount, deduction,
                withheld, AddressCutoff.addressAt(ledger.addresses(), addressCutoff), dataDate, addressCutoff);
    }
}
