package jp.kakekin.calc;

import jp.kakekin.ledger.Ledger;
import jp.kakekin.ledger.Payment;
import jp.kakekin.ledger.PaymentMethod;
import jp.kakekin.ledger.PaymentMode;
import jp.kakekin.ledger.PaymentModePeriod;
import jp.kakekin.ledger.PendingRequest;
import jp.kakekin.ledger.PremiumPeriod;
import jp.kakekin.ledger.Scheme;
import jp.kakekin.ledger.LedgerJson;
import jp.kakekin.synthetic.SyntheticLedgers;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.LocalDate;
import java.time.YearMonth;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of the calculator's figures over synthetic ledgers (jp.kakekin.synthetic). Each try is one
 * record of a generated file, named by seed, year and index so that a failure can be reproduced with
 * {@code kakekin generate-ledger --seed S --year Y --count index+1 | tail -1}. Where a property re-derives a
 * figure it does so from the plainest reading of RULES.md, independently of the calculator's code.
 */
class GeneratedLedgerProperties {

    private static final Calculator CALCULATOR = new Calculator();

    /** One generated record; toString shows how to get it again and the ledger itself. */
    record Generated(long seed, int year, long index, LocalDate exportDate, Ledger ledger) {
        @Override
        public String toString() {
            return "generate-ledger --seed %d --year %d, record %d (exported %s):%n%s".formatted(seed, year, index,
                    exportDate, LedgerJson.toJson(ledger));
        }
    }

    @Provide
    Arbitrary<Generated> shokibo() {
        return generated().filter(g -> g.ledger().scheme() == Scheme.SHOKIBO);
    }

    @Provide
    Arbitrary<Generated> safety() {
        return generated().filter(g -> g.ledger().scheme() == Scheme.SAFETY);
    }

    private static Arbitrary<Generated> generated() {
        // years around the 2024 re-join reform weigh most, but the calendar and the rules must hold on any year
        Arbitrary<Integer> years = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(2024, 2028)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(SyntheticLedgers.FIRST_YEAR + 2, 2060)));
        return Combinators.combine(Arbitraries.longs(), years, Arbitraries.integers().between(0, 1_000_000))
                .as((seed, year, index) -> {
                    SyntheticLedgers g = new SyntheticLedgers(seed, year);
                    return new Generated(seed, year, index, g.exportDate(index), g.ledger(index));
                });
    }

    private static CertificateFigures november(Generated g) {
        return certificate(CALCULATOR.calculate(DocumentKind.NOVEMBER_CERTIFICATE, g.ledger(), g.year()));
    }

    private static CertificateFigures february(Generated g) {
        return certificate(CALCULATOR.calculate(DocumentKind.FEBRUARY_CERTIFICATE, g.ledger(), g.year()));
    }

    /**
     * Without --held-rate the generator follows RULES.md 1.1–1.3, so nothing it makes is held (RULES.md 1.8):
     * every property below doubles as that check.
     */
    private static CertificateFigures certificate(Figures f) {
        assertThat(f).as("a generated ledger without held shapes was held").isInstanceOf(CertificateFigures.class);
        return (CertificateFigures) f;
    }

    // ------------------------------------------------------------------ 小規模企業共済

    /** RULES.md 1.6: 控除額 = 済額 + 予定額 − 前納減額金, never below 0 (policy), whenever it is printed. */
    @Property(tries = 2000)
    void deductionIsPaidPlusScheduledMinusDiscount(@ForAll("shokibo") Generated g) {
        for (CertificateFigures f : new CertificateFigures[]{november(g), february(g)}) {
            if (f.issued() && f.deduction() != null) {
                assertThat(f.deduction()).isEqualTo(Math.max(0, f.paid() + f.scheduled() - f.discountPaid()));
            }
            if (f.issued() && f.deduction() == null) {
                assertThat(f.withheld()).as("a **** certificate says why").isNotEmpty();
            }
        }
    }

    /** RULES.md 1.5: the February issue is only for contracts the November issue did not reach. */
    @Property(tries = 2000)
    void noContractIsIssuedInBothNovemberAndFebruary(@ForAll("shokibo") Generated g) {
        assertThat(november(g).issued() && february(g).issued()).isFalse();
    }

    /** RULES.md 1.4: 前納減額金 is paid out only once the balance reaches 5,000 yen. */
    @Property(tries = 2000)
    void discountPaidIsZeroOrAtLeastTheThreshold(@ForAll("shokibo") Generated g) {
        for (CertificateFigures f : new CertificateFigures[]{november(g), february(g)}) {
            assertThat(f.discountPaid()).satisfiesAnyOf(d -> assertThat(d).isZero(),
                    d -> assertThat(d).isGreaterThanOrEqualTo(CALCULATOR.policy().discountPayoutThreshold()));
        }
    }

    /** RULES.md 1.4: without a single prepaid month (and with a carried seed below 5,000) there is nothing to pay out. */
    @Property(tries = 2000)
    void noPrepaymentNoDiscount(@ForAll("shokibo") Generated g) {
        boolean prepaid = g.ledger().payments().stream()
                .anyMatch(p -> p.isPaid() && p.to().isAfter(YearMonth.from(p.date())));
        if (!prepaid) {
            assertThat(november(g).discountPaid()).isZero();
            assertThat(february(g).discountPaid()).isZero();
        }
    }

    /** RULES.md 1.5 re-derived: who gets which issue, from the payments alone. */
    @Property(tries = 2000)
    void eligibilityFollowsThePayments(@ForAll("shokibo") Generated g) {
        int y = g.year();
        boolean paidJanSep = false;
        boolean prepaidIntoY = false;
        boolean paidOctDec = false;
        for (Payment p : g.ledger().payments()) {
            if (p.date().getYear() == y && p.isPaid()) {
                if (p.date().getMonthValue() <= 9) {
                    paidJanSep = true;
                } else {
                    paidOctDec = true;
                }
            }
            // 前納中: a month of Y before the termination month (a termination known at Sep 30) is covered
            LocalDate t = g.ledger().terminatedOn();
            YearMonth lastOwed = t != null && !t.isAfter(LocalDate.of(y, 9, 30)) ? YearMonth.from(t).minusMonths(1)
                    : YearMonth.of(y, 12);
            YearMonth firstOfY = YearMonth.of(y, 1);
            if (p.date().getYear() < y && p.isPaid() && !p.to().isBefore(firstOfY) && !lastOwed.isBefore(firstOfY)
                    && !p.from().isAfter(lastOwed)) {
                prepaidIntoY = true;
            }
        }
        boolean novemberEligible = paidJanSep || prepaidIntoY;
        assertThat(november(g).issued()).isEqualTo(novemberEligible);
        assertThat(february(g).issued()).isEqualTo(!novemberEligible && paidOctDec);
    }

    /** RULES.md 1.6: 済額 is the PAID payments dated Jan–Sep (November) or in Y (February); 掛金月額 is September's. */
    @Property(tries = 2000)
    void paidAndMonthlyPremiumComeStraightFromTheLedger(@ForAll("shokibo") Generated g) {
        int y = g.year();
        long janSep = 0;
        long wholeYear = 0;
        for (Payment p : g.ledger().payments()) {
            if (p.isPaid() && p.date().getYear() == y) {
                wholeYear += p.amount();
                janSep += p.date().getMonthValue() <= 9 ? p.amount() : 0;
            }
        }
        CertificateFigures nov = november(g);
        if (nov.issued()) {
            assertThat(nov.paid()).isEqualTo(janSep);
            assertThat(nov.monthlyPremium()).isEqualTo(premiumIn(g.ledger(), YearMonth.of(y, 9)));
        }
        CertificateFigures feb = february(g);
        if (feb.issued()) {
            assertThat(feb.paid()).isEqualTo(wholeYear);
            assertThat(feb.scheduled()).isZero();
            assertThat(feb.monthlyPremium()).isEqualTo(premiumIn(g.ledger(), YearMonth.of(y, 12)));
        }
    }

    /**
     * RULES.md 1.3/1.6: a transfer that fails in August or September is not recovered by September 30, so a month is
     * in arrears at the November cutoff and the certificate prints ****; the same for November/December and the
     * February issue.
     */
    @Property(tries = 3000)
    void aLateFailedTransferWithholdsTheDeduction(@ForAll("shokibo") Generated g) {
        int y = g.year();
        boolean augSep = false;
        boolean novDec = false;
        for (Payment p : g.ledger().payments()) {
            if (!p.isPaid() && p.date().getYear() == y) {
                augSep |= p.date().getMonthValue() == 8 || p.date().getMonthValue() == 9;
                novDec |= p.date().getMonthValue() >= 11;
            }
        }
        CertificateFigures nov = november(g);
        if (augSep && nov.issued()) {
            assertThat(nov.deduction()).isNull();
            assertThat(nov.withheld()).contains(WhyWithheld.ARREARS);
        }
        CertificateFigures feb = february(g);
        if (novDec && feb.issued()) {
            assertThat(feb.deduction()).isNull();
            assertThat(feb.withheld()).contains(WhyWithheld.ARREARS);
        }
    }

    /** RULES.md 1.6 (b): a request pending for Oct–Dec withholds the November deduction. */
    @Property(tries = 3000)
    void aPendingRequestForOctoberToDecemberWithholdsTheDeduction(@ForAll("shokibo") Generated g) {
        boolean pending = g.ledger().pendingRequests().stream().anyMatch(r -> {
            YearMonth m = r.kind() == PendingRequest.Kind.AMOUNT_CHANGE ? r.effective() : r.month();
            return m.getYear() == g.year() && m.getMonthValue() >= 10;
        });
        CertificateFigures nov = november(g);
        if (pending && nov.issued()) {
            assertThat(nov.withheld()).contains(WhyWithheld.PENDING_CHANGE);
        }
    }

    /** RULES.md 1.2/1.6 (c): a PAID payment covering more than 12 months from its own month that touches Y withholds it. */
    @Property(tries = 3000)
    void aPrepaymentOfMoreThanAYearWithholdsTheDeduction(@ForAll("shokibo") Generated g) {
        int y = g.year();
        boolean longOne = g.ledger().payments().stream().anyMatch(p -> p.isPaid()
                && monthsBetween(YearMonth.from(p.date()), p.to()) + 1 > 12
                && !p.date().isAfter(LocalDate.of(y, 9, 30))
                && (p.date().getYear() == y || p.to().getYear() >= y));
        CertificateFigures nov = november(g);
        if (longOne && nov.issued()) {
            assertThat(nov.withheld()).contains(WhyWithheld.PREPAYMENT_OVER_ONE_YEAR);
        }
    }

    /**
     * RULES.md 1.6 予定額, checked against what then happened: when a ledger exported in January shows that
     * October–December went as foreseen on September 30 (no failure, no new lump sum or remittance, no
     * termination, no change — the deduction was printed), the November projection equals what was collected.
     */
    @Property(tries = 3000)
    void scheduledIsWhatWasCollectedWhenNothingUnforeseenHappened(@ForAll("shokibo") Generated g) {
        int y = g.year();
        Ledger l = g.ledger();
        CertificateFigures nov = november(g);
        if (g.exportDate().getYear() != y + 1 || !nov.issued() || nov.deduction() == null || l.terminatedOn() != null) {
            return;
        }
        long collected = 0;
        for (Payment p : l.payments()) {
            if (p.date().getYear() != y || p.date().getMonthValue() < 10) {
                continue;
            }
            if (!p.isPaid() || p.method() == PaymentMethod.REMITTANCE) {
                return;
            }
            YearMonth month = YearMonth.from(p.date());
            PaymentModePeriod mode = null;
            for (PaymentModePeriod m : l.paymentModes()) {
                if (!m.from().isAfter(month)) {
                    mode = m;
                }
            }
            int ahead = monthsBetween(month, p.to());
            boolean designated = mode.mode() != PaymentMode.MONTHLY
                    && Math.floorMod(month.getMonthValue() - mode.month(), mode.mode().monthsPerCollection()) == 0;
            if (ahead >= 1 && !(designated && ahead + 1 == mode.mode().monthsPerCollection())) {
                return; // a prepayment nobody had asked for at the cutoff
            }
            collected += p.amount();
        }
        assertThat(nov.scheduled()).isEqualTo(collected);
    }

    // ------------------------------------------------------------------ 経営セーフティ共済

    /** RULES.md 2: what is deductible in a period was paid in it or released from a longer prepayment paid before. */
    @Property(tries = 2000)
    void safetyDeductibleIsBoundedByPaidAndReleased(@ForAll("safety") Generated g) {
        SafetyTaxFigures s = (SafetyTaxFigures) CALCULATOR.calculate(DocumentKind.SAFETY_TAX_STATEMENT, g.ledger(), g.year());
        assertThat(s.deductible()).isBetween(0L, s.paid() + s.releasedFromEarlier());
        assertThat(s.deductible()).isEqualTo(s.paid() - s.deferredBeyondPeriod() + s.releasedFromEarlier()
                - s.excludedByRejoin());
        assertThat(s.excludedByRejoin()).isGreaterThanOrEqualTo(0);
        if (g.ledger().previousTermination() == null
                || g.ledger().previousTermination().isBefore(LocalDate.of(2024, 10, 1))) {
            assertThat(s.excludedByRejoin()).isZero();
        }
    }

    /** RULES.md 2: the period ends in Y — December for an individual, the fiscal year-end month for a corporation. */
    @Property(tries = 2000)
    void safetyPeriodAndPaidComeFromTheLedger(@ForAll("safety") Generated g) {
        Ledger l = g.ledger();
        SafetyTaxFigures s = (SafetyTaxFigures) CALCULATOR.calculate(DocumentKind.SAFETY_TAX_STATEMENT, l, g.year());
        int endMonth = l.holder().corporate() ? l.holder().fiscalYearEndMonth() : 12;
        assertThat(s.periodTo()).isEqualTo(YearMonth.of(g.year(), endMonth));
        assertThat(s.periodFrom()).isEqualTo(s.periodTo().minusMonths(11));
        long paid = 0;
        for (Payment p : l.payments()) {
            YearMonth m = YearMonth.from(p.date());
            if (p.isPaid() && !m.isBefore(s.periodFrom()) && !m.isAfter(s.periodTo())) {
                paid += p.amount();
            }
        }
        assertThat(s.paid()).isEqualTo(paid);
        boolean longOnes = l.payments().stream().anyMatch(p -> monthsBetween(YearMonth.from(p.date()), p.to()) + 1 > 12);
        if (!longOnes && s.excludedByRejoin() == 0) {
            assertThat(s.deductible()).isEqualTo(s.paid());
        }
    }

    private static long premiumIn(Ledger l, YearMonth m) {
        long p = 0;
        for (PremiumPeriod pp : l.premiums()) {
            if (!pp.from().isAfter(m)) {
                p = pp.monthly();
            }
        }
        return p;
    }

    private static int monthsBetween(YearMonth a, YearMonth b) {
        return (b.getYear() - a.getYear()) * 12 + b.getMonthValue() - a.getMonthValue();
    }
}
