package jp.kakekin.calc;

import jp.kakekin.ledger.Ledger;
import jp.kakekin.ledger.Payment;
import jp.kakekin.ledger.PaymentMode;
import jp.kakekin.ledger.PaymentModePeriod;
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

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RULES.md 1.1 and 1.5: the November figures are fixed at the cutoff (September 30). A {@code premiums[]} or
 * {@code paymentModes[]} entry starting after it may have been filed after the cutoff, so a ledger exported
 * later, carrying such entries, must give the same figures as one exported at the cutoff without them:
 * <ul>
 * <li>entries from January of Y+1 on change nothing at all (a designated collection keeps its span);</li>
 * <li>an entry from October–December of Y cannot change a printed figure either: it prints {@code ****}
 *     (1.6(b)) and leaves 済額 and 前納減額金 alone.</li>
 * </ul>
 * The ledgers are generated ones (seed, year, index name them), stripped of their entries after the cutoff,
 * then given those back plus random later entries: a premium change only after every month already paid
 * (so that every payment amount stays what the ledger's premiums say), a mode change from any month.
 */
class LaterEntriesProperties {

    private static final Calculator CALCULATOR = new Calculator();

    /** A generated ledger and the entries after the cutoff to add to it. */
    record Case(long seed, int year, long index, Ledger atCutoff, Ledger later) {
        @Override
        public String toString() {
            return "generate-ledger --seed %d --year %d, record %d; at the cutoff:%n%s%nwith the later entries:%n%s"
                    .formatted(seed, year, index, LedgerJson.toJson(atCutoff), LedgerJson.toJson(later));
        }

        boolean laterEntryInOctoberToDecember() {
            YearMonth oct = YearMonth.of(year, 10);
            YearMonth dec = YearMonth.of(year, 12);
            return later.premiums().stream().skip(1).anyMatch(p -> !p.from().isBefore(oct) && !p.from().isAfter(dec))
                    || later.paymentModes().stream().skip(1)
                    .anyMatch(p -> !p.from().isBefore(oct) && !p.from().isAfter(dec));
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Integer> years = Arbitraries.integers().between(2024, 2030);
        Arbitrary<Integer> modeOffset = Arbitraries.integers().between(0, 26);    // months after September of Y
        Arbitrary<Integer> premiumOffset = Arbitraries.integers().between(1, 18); // months after the last paid month
        Arbitrary<Integer> mode = Arbitraries.integers().between(0, 2);
        Arbitrary<Integer> designated = Arbitraries.integers().between(1, 12);
        Arbitrary<Long> premium = Arbitraries.longs().between(2, 140).map(n -> n * 500);
        Arbitrary<Boolean> onlyAfterDecember = Arbitraries.of(true, true, false);
        return Combinators.combine(Arbitraries.longs(), years, Arbitraries.integers().between(0, 1_000_000),
                        Combinators.combine(modeOffset, mode, designated, premiumOffset, premium, onlyAfterDecember)
                                .as(Extra::new))
                .as((seed, year, index, extra) -> {
                    Ledger generated = new SyntheticLedgers(seed, year).ledger(index);
                    return build(seed, year, index, generated, extra);
                })
                .filter(c -> c.atCutoff().scheme() == Scheme.SHOKIBO);
    }

    record Extra(int modeOffset, int mode, int designated, int premiumOffset, long premium, boolean onlyAfterDecember) {
    }

    private static Case build(long seed, int year, long index, Ledger g, Extra extra) {
        YearMonth cutoff = YearMonth.of(year, 9);
        YearMonth floor = extra.onlyAfterDecember() ? YearMonth.of(year + 1, 1) : YearMonth.of(year, 10);
        List<PremiumPeriod> premiums = new ArrayList<>();
        List<PremiumPeriod> laterPremiums = new ArrayList<>();
        for (int i = 0; i < g.premiums().size(); i++) {
            PremiumPeriod p = g.premiums().get(i);
            (i == 0 || !p.from().isAfter(cutoff) ? premiums : laterPremiums).add(p);
        }
        List<PaymentModePeriod> modes = new ArrayList<>();
        List<PaymentModePeriod> laterModes = new ArrayList<>();
        for (int i = 0; i < g.paymentModes().size(); i++) {
            PaymentModePeriod m = g.paymentModes().get(i);
            (i == 0 || !m.from().isAfter(cutoff) ? modes : laterModes).add(m);
        }
        Ledger atCutoff = with(g, premiums, modes);
        // the generated entries after the cutoff, unless the case wants only entries after December
        List<PremiumPeriod> p2 = new ArrayList<>(premiums);
        laterPremiums.stream().filter(p -> !p.from().isBefore(floor)).forEach(p2::add);
        List<PaymentModePeriod> m2 = new ArrayList<>(modes);
        laterModes.stream().filter(m -> !m.from().isBefore(floor)).forEach(m2::add);
        // a random mode change after the cutoff
        YearMonth modeFrom = max(floor, cutoff.plusMonths(1 + extra.modeOffset()));
        if (modeFrom.isAfter(m2.getLast().from())) {
            PaymentMode mode = PaymentMode.values()[extra.mode()];
            m2.add(new PaymentModePeriod(modeFrom, mode, mode == PaymentMode.MONTHLY ? null
                    : mode == PaymentMode.SEMIANNUAL ? (extra.designated() - 1) % 6 + 1 : extra.designated()));
        }
        // a random premium change after every month any payment covers
        YearMonth lastPaid = cutoff;
        for (Payment p : g.payments()) {
            lastPaid = max(lastPaid, p.to());
        }
        YearMonth premiumFrom = max(floor, lastPaid.plusMonths(extra.premiumOffset()));
        if (premiumFrom.isAfter(p2.getLast().from())) {
            p2.add(new PremiumPeriod(premiumFrom, extra.premium()));
        }
        return new Case(seed, year, index, atCutoff, with(g, p2, m2));
    }

    private static YearMonth max(YearMonth a, YearMonth b) {
        return a.isAfter(b) ? a : b;
    }

    private static Ledger with(Ledger g, List<PremiumPeriod> premiums, List<PaymentModePeriod> modes) {
        return new Ledger(g.scheme(), g.contractNo(), g.checkDigits(), g.holder(), g.addresses(), g.contractDate(),
                g.applicationMonth(), g.applicationMethod(), premiums, modes, g.payments(), g.pendingRequests(),
                g.discountCarried(), g.terminatedOn(), g.previousTermination(), g.eDelivery());
    }

    private static Figures november(Ledger l, int year) {
        return CALCULATOR.calculate(DocumentKind.NOVEMBER_CERTIFICATE, l, year);
    }

    @Property(tries = 3000)
    void entriesAfterTheCutoffNeverChangeTheNovemberFigures(@ForAll("cases") Case c) {
        Figures atCutoff = november(c.atCutoff(), c.year());
        Figures later = november(c.later(), c.year());
        if (!c.laterEntryInOctoberToDecember()) {
            assertThat(later).isEqualTo(atCutoff);
            return;
        }
        // an entry from Oct–Dec of Y: no printed figure can depend on it
        assertThat(later.getClass()).isEqualTo(atCutoff.getClass());
        if (later instanceof CertificateFigures l && atCutoff instanceof CertificateFigures a) {
            assertThat(l.issued()).isEqualTo(a.issued());
            if (l.issued()) {
                assertThat(l.deduction()).isNull();
                assertThat(l.withheld()).contains(WhyWithheld.PENDING_CHANGE);
                assertThat(l.paid()).isEqualTo(a.paid());
                assertThat(l.discountPaid()).isEqualTo(a.discountPaid());
                assertThat(l.monthlyPremium()).isEqualTo(a.monthlyPremium());
            }
        } else {
            assertThat(later).isEqualTo(atCutoff);
        }
    }
}
