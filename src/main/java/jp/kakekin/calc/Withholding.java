package jp.kakekin.calc;

import jp.kakekin.ledger.PaymentModePeriod;
import jp.kakekin.ledger.Payment;
import jp.kakekin.ledger.PendingRequest;
import jp.kakekin.ledger.PremiumPeriod;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * When a certificate prints {@code ****} instead of a 控除額 (RULES.md 1.6; SMRJ FAQ id=1060), and the
 * 控除額 formula otherwise.
 */
final class Withholding {

    private Withholding() {
    }

    /** (a) arrears at the cutoff, and (c) a payment longer than one year touching Y. Both issues. */
    static Set<WhyWithheld> common(LedgerAtCutoff known, CollectionSchedule schedule, int year) {
        return common(known, schedule, year, Integer.MAX_VALUE);
    }

    /**
     * The same with arrears looked for up to {@code lastMonth} only: a corrected certificate of Y, whose data
     * date may be in Y+1, is not withheld for a month of Y+1 (docs/corrections.md).
     */
    static Set<WhyWithheld> common(LedgerAtCutoff known, CollectionSchedule schedule, int year, int lastMonth) {
        Set<WhyWithheld> why = EnumSet.noneOf(WhyWithheld.class);
        if (Arrears.firstInArrears(known, schedule, lastMonth) != Integer.MIN_VALUE) {
            why.add(WhyWithheld.ARREARS);
        }
        for (Payment p : known.payments) {
            if (p.isPaid() && PrepaymentTerm.isLongerThanOneYear(p) && PrepaymentTerm.touches(p, year, known.terminationMonth)) {
                why.add(WhyWithheld.PREPAYMENT_OVER_ONE_YEAR);
            }
        }
        return why;
    }

    /**
     * (b) November issue only: a change taking effect in October–December of Y that was not in force at
     * the cutoff — a pending request reaching into Oct–Dec, or a premiums[]/paymentModes[] entry (other
     * than the first) starting in Oct–Dec. Checking the lists too makes a ledger exported later give the
     * same answer as one exported at the cutoff.
     */
    static boolean pendingChange(LedgerAtCutoff known, int year) {
        return pendingChangeFrom(known, year, Months.of(year, 10));
    }

    /**
     * (b) for a corrected November certificate whose data date is in month {@code from} − 1: a request still
     * pending (not yet collected) that reaches into October–December, or a premiums[]/paymentModes[] entry
     * taking effect from {@code from} to December — not yet in force at the data date. Entries from
     * October up to the data month are in force by then: their collections are paid (済額) or in arrears.
     */
    static boolean pendingChangeFrom(LedgerAtCutoff known, int year, int from) {
        int oct = Months.of(year, 10);
        int dec = Months.of(year, 12);
        for (PendingRequest r : known.ledger.pendingRequests()) {
            int m = Months.of(r.kind() == PendingRequest.Kind.AMOUNT_CHANGE ? r.effective() : r.month());
            if (m <= dec && (r.kind() == PendingRequest.Kind.AMOUNT_CHANGE || m >= oct)) {
                return true;
            }
        }
        List<PremiumPeriod> premiums = known.ledger.premiums();
        for (int i = 1; i < premiums.size(); i++) {
            int m = Months.of(premiums.get(i).from());
            if (m >= Math.max(oct, from) && m <= dec) {
                return true;
            }
        }
        List<PaymentModePeriod> modes = known.ledger.paymentModes();
        for (int i = 1; i < modes.size(); i++) {
            int m = Months.of(modes.get(i).from());
            if (m >= Math.max(oct, from) && m <= dec) {
                return true;
            }
        }
        return false;
    }

    /** 控除額 = 済額 + 予定額 − 前納減額金; policy: never below 0. */
    static long deduction(long paid, long scheduled, long discountPaid, CalculationPolicy policy) {
        long d = paid + scheduled - discountPaid;
        return policy.deductionFloorAtZero() ? Math.max(0, d) : d;
    }
}
