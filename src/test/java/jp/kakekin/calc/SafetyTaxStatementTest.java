package jp.kakekin.calc;

import jp.kakekin.ledger.LedgerFixture;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.YearMonth;

import static org.assertj.core.api.Assertions.assertThat;

/** RULES.md 2: 経営セーフティ共済 premiums paid and deductible in a tax period. */
class SafetyTaxStatementTest {

    private SafetyTaxFigures figures(LedgerFixture f, int year, CalculationPolicy policy) {
        return (SafetyTaxFigures) new Calculator(policy).calculate(DocumentKind.SAFETY_TAX_STATEMENT, f.build(), year);
    }

    private SafetyTaxFigures figures(LedgerFixture f, int year) {
        return figures(f, year, CalculationPolicy.defaults());
    }

    private static LedgerFixture twentyFourMonthsPaidInDecember() {
        return LedgerFixture.safety("2019-05-01", 50_000).transfer("2026-12-28", 1_200_000, "2026-12", "2028-11");
    }

    @Test
    void prepaymentBeyondOneYearIsApportionedToTheYearsItsMonthsFallDueIn() {
        SafetyTaxFigures y2026 = figures(twentyFourMonthsPaidInDecember(), 2026);
        assertThat(y2026.paid()).isEqualTo(1_200_000);
        assertThat(y2026.deductible()).isEqualTo(50_000);
        assertThat(y2026.deferredBeyondPeriod()).isEqualTo(1_150_000);
        SafetyTaxFigures y2027 = figures(twentyFourMonthsPaidInDecember(), 2027);
        assertThat(y2027.paid()).isZero();
        assertThat(y2027.deductible()).isEqualTo(600_000);
        assertThat(y2027.releasedFromEarlier()).isEqualTo(600_000);
        assertThat(figures(twentyFourMonthsPaidInDecember(), 2028).deductible()).isEqualTo(550_000);
    }

    /**
     * RULES.md 2: the payment that reaches the 8,000,000 cap ends in 端数; each covered month's share is its
     * premium in order and the last month takes what is left, in whichever later period it falls.
     */
    @Test
    void theCapPaymentPutsItsOddAmountOnItsLastMonth() {
        // 36 months of 150,000 = 5,400,000; then 2,600,000 for Dec 2025–May 2027: 17 × 150,000 + 50,000
        LedgerFixture f = LedgerFixture.safety("2022-12-01", 150_000).monthly(2022, 12, 12, 150_000, 27)
                .monthly(2023, 1, 12, 150_000, 27).monthly(2024, 1, 12, 150_000, 27).monthly(2025, 1, 11, 150_000, 27)
                .transfer("2025-12-29", 2_600_000, "2025-12", "2027-05");
        assertThat(figures(f, 2025).deductible()).isEqualTo(11 * 150_000 + 150_000);
        assertThat(figures(f, 2026).deductible()).isEqualTo(12 * 150_000);
        SafetyTaxFigures y2027 = figures(f, 2027);
        assertThat(y2027.deductible()).isEqualTo(4 * 150_000 + 50_000);
        assertThat(y2027.releasedFromEarlier()).isEqualTo(650_000);
    }

    @Test
    void corporationPeriodIsItsBusinessYear() {
        SafetyTaxFigures f = figures(LedgerFixture.safety("2023-04-01", 100_000).corporate(9)
                .transfer("2025-10-27", 100_000, "2025-10", "2025-10")
                .transfer("2026-09-28", 100_000, "2026-09", "2026-09")
                .transfer("2026-10-27", 100_000, "2026-10", "2026-10"), 2026);
        assertThat(f.periodFrom()).isEqualTo(YearMonth.of(2025, 10));
        assertThat(f.periodTo()).isEqualTo(YearMonth.of(2026, 9));
        assertThat(f.paid()).isEqualTo(200_000);
    }

    @Test
    void rejoinRuleExcludesPaymentsUpToTwoYearsAfterCancellationInclusive() {
        LedgerFixture f = LedgerFixture.safety("2025-01-15", 100_000).previousTermination("2024-11-30")
                .transfer("2026-11-30", 100_000, "2026-11", "2026-11")
                .transfer("2026-12-28", 100_000, "2026-12", "2026-12");
        SafetyTaxFigures inclusive = figures(f, 2026);
        assertThat(inclusive.deductible()).isEqualTo(100_000);
        assertThat(inclusive.excludedByRejoin()).isEqualTo(100_000);
        assertThat(inclusive.rejoinExcludedThrough()).isEqualTo(LocalDate.of(2026, 11, 30));
        SafetyTaxFigures dayBefore = figures(f, 2026, new CalculationPolicy(5_000, true, true, false));
        assertThat(dayBefore.deductible()).isEqualTo(200_000);
        assertThat(dayBefore.rejoinExcludedThrough()).isEqualTo(LocalDate.of(2026, 11, 29));
    }

    @Test
    void cancellationsBeforeOctober2024AreNotAffected() {
        SafetyTaxFigures f = figures(LedgerFixture.safety("2025-01-15", 100_000).previousTermination("2024-09-30")
                .transfer("2026-01-27", 100_000, "2026-01", "2026-01"), 2026);
        assertThat(f.deductible()).isEqualTo(100_000);
        assertThat(f.excludedByRejoin()).isZero();
        assertThat(f.rejoinExcludedThrough()).isNull();
    }

    @Test
    void failedTransfersAreNeitherPaidNorDeductible() {
        SafetyTaxFigures f = figures(LedgerFixture.safety("2019-05-01", 50_000)
                .failed("2026-03-27", 50_000, "2026-03", "2026-03")
                .transfer("2026-05-27", 150_000, "2026-03", "2026-05"), 2026);
        assertThat(f.paid()).isEqualTo(150_000);
        assertThat(f.deductible()).isEqualTo(150_000);
    }
}
