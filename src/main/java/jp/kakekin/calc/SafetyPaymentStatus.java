package jp.kakekin.calc;

import jp.kakekin.ledger.Ledger;
import jp.kakekin.ledger.Payment;
import jp.kakekin.ledger.SchemeLimits;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * 経営セーフティ共済 掛金納付状況兼領収書 for year Y (RULES.md 2.1), as of December 31 of Y: each month's
 * state, the premiums paid since joining, how much of them is applied to months already due and how
 * much is held for later months (前納残高), the 前納減額金 paid in Y and the cancellation date.
 * <p>
 * A failed SAFETY transfer in month f suspends f+1 (nothing is requested) and f+2 collects f, f+1 and
 * f+2 (RULES.md 2); so an unpaid month right after a failed transfer is SUSPENDED, not UNPAID.
 */
final class SafetyPaymentStatus {

    private final CalculationPolicy policy;

    SafetyPaymentStatus(CalculationPolicy policy) {
        this.policy = policy;
    }

    SafetyPaymentStatusFigures figures(Ledger ledger, int year) {
        LocalDate asOf = LocalDate.of(year, 12, 31);
        int jan = Months.of(year, 1);
        int dec = Months.of(year, 12);
        PremiumTimeline premiums = PremiumTimeline.inForce(ledger);
        List<Payment> known = ledger.payments().stream().filter(p -> !p.date().isAfter(asOf)).toList();

        long[] amount = new long[12];
        boolean[] prepaid = new boolean[12];
        boolean[] covered = new boolean[12];
        boolean[] failedIn = new boolean[13];
        long totalPaid = 0;
        long applied = 0;
        long capReachedMonth = Long.MAX_VALUE;
        for (Payment p : known.stream().sorted(java.util.Comparator.comparing(Payment::date)).toList()) {
            int paidMonth = Months.of(p.date());
            if (!p.isPaid()) {
                if (paidMonth >= jan - 1 && paidMonth <= dec) {
                    failedIn[paidMonth - jan + 1] = true;
                }
                continue;
            }
            totalPaid += p.amount();
            long[] shares = premiums.shares(p);
            int from = Months.of(p.from());
            if (totalPaid >= SchemeLimits.SAFETY_CAP && capReachedMonth == Long.MAX_VALUE) {
                // the cap payment (端数) may run out before its last month: premiums stop after the last one it paid
                int last = shares.length - 1;
                while (last > 0 && shares[last] == 0) {
                    last--;
                }
                capReachedMonth = from + last;
            }
            for (int i = 0; i < shares.length; i++) {
                int m = from + i;
                if (m <= dec) {
                    applied += shares[i];
                }
                if (m >= jan && m <= dec && shares[i] > 0) {
                    covered[m - jan] = true;
                    amount[m - jan] += shares[i];
                    prepaid[m - jan] = paidMonth < m;
                }
            }
        }
        int contractMonth = Months.of(ledger.contractDate());
        LocalDate cancelled = ledger.terminatedOn() != null && !ledger.terminatedOn().isAfter(asOf)
                ? ledger.terminatedOn() : null;
        int cancelMonth = cancelled == null ? Integer.MAX_VALUE
                : Months.of(cancelled) + (policy.terminationMonthOwesNothing() ? 0 : 1);
        List<SafetyPaymentStatusFigures.Month> months = new ArrayList<>(12);
        for (int m = jan; m <= dec; m++) {
            int i = m - jan;
            MonthState state;
            if (m < contractMonth) {
                state = MonthState.NOT_CONTRACTED;
            } else if (covered[i]) {
                state = prepaid[i] ? MonthState.PREPAID : MonthState.PAID;
            } else if (m >= cancelMonth) {
                state = MonthState.CANCELLED;
            } else if (m > capReachedMonth) {
                state = MonthState.STOPPED_AT_CAP;
            } else if (failedIn[i]) {
                // failedIn is indexed from the month before January: [i] is a failure in month m-1
                state = MonthState.SUSPENDED;
            } else {
                state = MonthState.UNPAID;
            }
            months.add(new SafetyPaymentStatusFigures.Month(Months.toYearMonth(m), state, covered[i] ? amount[i] : 0));
        }
        long discount = new PrepaymentDiscount(policy).paidInJune(ledger, known, premiums, year,
                LedgerAtCutoff.terminationMonth(ledger, asOf, policy));
        return new SafetyPaymentStatusFigures(DocumentKind.SAFETY_PAYMENT_STATUS, year, ledger.contractNo(), months,
                totalPaid, applied, totalPaid - applied, discount,
                discount > 0 ? java.time.YearMonth.of(year, 6) : null, cancelled);
    }
}
