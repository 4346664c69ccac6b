package jp.kakekin.calc;

import jp.kakekin.ledger.Ledger;
import jp.kakekin.ledger.LedgerFixture;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** RULES.md 1.4 前納減額金, with the official examples of SMRJ and newsletter 2017. */
class PrepaymentDiscountTest {

    private static long june(Ledger ledger, int year, CalculationPolicy policy) {
        return new PrepaymentDiscount(policy).paidInJune(ledger, ledger.payments(), PremiumTimeline.inForce(ledger), year);
    }

    private static long june(Ledger ledger, int year) {
        return june(ledger, year, CalculationPolicy.defaults());
    }

    /** SMRJ: 70,000/month, 12 months paid in October → 66 months, 4,158 yen; by March only 945 → no payout. */
    @Test
    void officialExampleTwelveMonthsInOctoberStaysBelowThreshold() {
        Ledger l = LedgerFixture.shokibo("2020-06-01", "CASH", 70_000)
                .transfer("2025-10-20", 840_000, "2025-10", "2026-09").build();
        assertThat(june(l, 2026)).isZero();
        // the remaining 51 months accrue by March 2027: 945 + 3,213 = 4,158, still below 5,000
        assertThat(june(l, 2027)).isZero();
        // with a lower threshold the March 2026 balance of exactly 945 would be paid
        CalculationPolicy low = new CalculationPolicy(900, true, true, true);
        assertThat(june(l, 2026, low)).isEqualTo(945);
    }

    /** Newsletter 2017: SAFETY 80,000/month, October payment of 12 months at 5/1000 → 26,400; March 6,000 → June. */
    @Test
    void safetyOldRateExamplePaysSixThousandInJune() {
        Ledger l = LedgerFixture.safety("2010-04-01", 80_000)
                .transfer("2016-10-27", 960_000, "2016-10", "2017-09").build();
        assertThat(june(l, 2017)).isEqualTo(6_000);
        assertThat(june(l, 2018)).isEqualTo(20_400);
    }

    @Test
    void safetyRateIsPointNinePerMilleForPrepaymentsFromNovember2017() {
        Ledger l = LedgerFixture.safety("2010-04-01", 80_000)
                .transfer("2017-11-27", 960_000, "2017-11", "2018-10").build();
        // Dec..Mar = 1+2+3+4 = 10 months × 72 = 720 by March 2018: below 5,000
        assertThat(june(l, 2018)).isZero();
        assertThat(PrepaymentDiscount.rate(jp.kakekin.ledger.Scheme.SAFETY, java.time.LocalDate.of(2017, 10, 31)))
                .isEqualTo(50);
        assertThat(PrepaymentDiscount.rate(jp.kakekin.ledger.Scheme.SAFETY, java.time.LocalDate.of(2017, 11, 1)))
                .isEqualTo(9);
    }

    /** policy: balances are exact; the payout is rounded down and the fraction dropped. */
    @Test
    void payoutIsRoundedDownToWholeYen() {
        Ledger l = LedgerFixture.shokibo("2023-12-11", "CASH", 69_500).initialMode("ANNUAL", 12)
                .paid("2023-12-11", "CASH", 834_000, "2023-12", "2024-11")
                .transfer("2024-12-18", 834_000, "2024-12", "2025-11")
                .transfer("2025-12-18", 834_000, "2025-12", "2026-11").build();
        // 6 + 66 + 66 = 138 months × 62.55 = 8,631.9 → 8,631
        assertThat(june(l, 2026)).isEqualTo(8_631);
        assertThat(june(l, 2025)).isZero();
    }

    @Test
    void carriedBalanceIsFirstTestedAtTheMarchAfterItsAsOfWhateverItsSize() {
        Ledger l = LedgerFixture.shokibo("2015-04-01", "CASH", 10_000)
                .discountCarried("2025-03-31", 6_000)
                .monthly(2025, 4, 12, 10_000, 18).build();
        assertThat(june(l, 2025)).isZero();
        assertThat(june(l, 2026)).isEqualTo(6_000);
    }

    @Test
    void balanceCarriesOverUntilItReachesTheThreshold() {
        Ledger l = LedgerFixture.shokibo("2015-04-01", "CASH", 10_000)
                .discountCarried("2025-03-31", 4_990)
                .transfer("2025-12-18", 40_000, "2025-12", "2026-03").build();
        // Jan..Mar 2026 = 1+2+3 = 6 months × 9 = 54 → 5,044 by March 2026
        assertThat(june(l, 2026)).isEqualTo(5_044);
    }

    @Test
    void aPaymentCoveringOnlyItsOwnMonthEarnsNothing() {
        Ledger l = LedgerFixture.shokibo("2015-04-01", "CASH", 70_000).monthly(2025, 1, 12, 70_000, 18).build();
        assertThat(june(l, 2026)).isZero();
    }
}
