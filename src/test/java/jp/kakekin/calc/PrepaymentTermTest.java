package jp.kakekin.calc;

import jp.kakekin.ledger.LedgerFixture;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** 所得税基本通達 74・75-1/-2 (RULES.md 1.2): the one-year rule counts months from the payment's own month on. */
class PrepaymentTermTest {

    @Test
    void firstTransferOfFourteenMonthsIsWithinOneYearBecauseTwoAreArrears() {
        var p = LedgerFixture.shokibo("2026-05-12", "NO_CASH", 70_000)
                .transfer("2026-07-21", 980_000, "2026-05", "2027-06").build().payments().getFirst();
        assertThat(PrepaymentTerm.monthsAhead(p)).isEqualTo(12);
        assertThat(PrepaymentTerm.isLongerThanOneYear(p)).isFalse();
    }

    @Test
    void thirteenMonthsAheadIsLongerThanOneYear() {
        var p = LedgerFixture.shokibo("2015-04-01", "CASH", 10_000)
                .transfer("2026-12-18", 130_000, "2026-12", "2027-12").build().payments().getFirst();
        assertThat(PrepaymentTerm.isLongerThanOneYear(p)).isTrue();
    }
}
