package jp.kakekin.calc;

import jp.kakekin.ledger.LedgerFixture;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** RULES.md 1.5: who gets the November issue, the February issue, or none. */
class EligibilityTest {

    @Test
    void prepaidIntoTheYearGetsNovemberWithoutPayingInIt() {
        var l = LedgerFixture.shokibo("2020-06-01", "CASH", 10_000)
                .transfer("2025-12-18", 120_000, "2025-12", "2026-11").build();
        assertThat(Eligibility.november(l, 2026)).isTrue();
        assertThat(Eligibility.february(l, 2026)).isFalse();
    }

    @Test
    void paidOnlyInOctoberToDecemberGetsFebruary() {
        var l = LedgerFixture.shokibo("2026-08-20", "NO_CASH", 20_000)
                .transfer("2026-10-19", 60_000, "2026-08", "2026-10").build();
        assertThat(Eligibility.november(l, 2026)).isFalse();
        assertThat(Eligibility.february(l, 2026)).isTrue();
    }

    @Test
    void onlineJoinerFromNovemberPaysFirstInJanuaryAndGetsNone() {
        var l = LedgerFixture.shokibo("2026-11-10", "ONLINE", 10_000)
                .transfer("2027-01-18", 30_000, "2026-11", "2027-01").build();
        assertThat(Eligibility.november(l, 2026)).isFalse();
        assertThat(Eligibility.february(l, 2026)).isFalse();
    }

    @Test
    void failedPaymentsDoNotQualify() {
        var l = LedgerFixture.shokibo("2026-07-15", "NO_CASH", 20_000)
                .failed("2026-09-18", 60_000, "2026-07", "2026-09").build();
        assertThat(Eligibility.november(l, 2026)).isFalse();
    }

    @Test
    void noContractIsIssuedBothInNovemberAndFebruary() {
        var l = LedgerFixture.shokibo("2015-04-01", "CASH", 10_000).monthly(2026, 1, 12, 10_000, 18).build();
        assertThat(Eligibility.november(l, 2026)).isTrue();
        assertThat(Eligibility.february(l, 2026)).isFalse();
    }
}
