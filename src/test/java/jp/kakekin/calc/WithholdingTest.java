package jp.kakekin.calc;

import jp.kakekin.ledger.LedgerFixture;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** RULES.md 1.6: when the 控除額 is printed **** (SMRJ FAQ id=1060). */
class WithholdingTest {

    private final Calculator calculator = new Calculator();

    private CertificateFigures figures(DocumentKind d, LedgerFixture f) {
        return (CertificateFigures) calculator.calculate(d, f.build(), 2026);
    }

    private static LedgerFixture paidAllYear() {
        return LedgerFixture.shokibo("2015-04-01", "CASH", 20_000).monthly(2026, 1, 12, 20_000, 18);
    }

    @Test
    void premiumChangeStartingInNovemberInTheLedgerWithholdsLikeAPendingRequest() {
        CertificateFigures c = figures(DocumentKind.NOVEMBER_CERTIFICATE, LedgerFixture.shokibo("2015-04-01", "CASH", 20_000)
                .premium("2026-11", 40_000).monthly(2026, 1, 9, 20_000, 18));
        assertThat(c.deduction()).isNull();
        assertThat(c.withheld()).containsExactly(WhyWithheld.PENDING_CHANGE);
        assertThat(c.scheduled()).isEqualTo(20_000 + 40_000 + 40_000);
    }

    @Test
    void paymentModeChangeInDecemberWithholds() {
        CertificateFigures c = figures(DocumentKind.NOVEMBER_CERTIFICATE, LedgerFixture.shokibo("2015-04-01", "CASH", 20_000)
                .mode("2026-12", "ANNUAL", 12).monthly(2026, 1, 9, 20_000, 18));
        assertThat(c.withheld()).containsExactly(WhyWithheld.PENDING_CHANGE);
        assertThat(c.scheduled()).isEqualTo(20_000 + 20_000 + 240_000);
    }

    @Test
    void amountChangeFromJanuaryDoesNotTouchTheYear() {
        CertificateFigures c = figures(DocumentKind.NOVEMBER_CERTIFICATE, LedgerFixture.shokibo("2015-04-01", "CASH", 20_000)
                .monthly(2026, 1, 9, 20_000, 18).pendingAmountChange("2027-01", 30_000));
        assertThat(c.deduction()).isEqualTo(240_000);
    }

    @Test
    void prepaymentLongerThanAYearMadeTheYearBeforeWithholdsEveryYearItTouches() {
        LedgerFixture f = LedgerFixture.shokibo("2015-04-01", "CASH", 10_000)
                .transfer("2025-12-18", 240_000, "2025-12", "2027-11");
        CertificateFigures c = figures(DocumentKind.NOVEMBER_CERTIFICATE, f);
        assertThat(c.issued()).isTrue();
        assertThat(c.paid()).isZero();
        assertThat(c.withheld()).containsExactly(WhyWithheld.PREPAYMENT_OVER_ONE_YEAR);
    }

    @Test
    void februaryIssueIgnoresPendingChangesButNotArrears() {
        CertificateFigures ok = figures(DocumentKind.FEBRUARY_CERTIFICATE, LedgerFixture.shokibo("2026-08-20", "NO_CASH", 20_000)
                .transfer("2026-10-19", 60_000, "2026-08", "2026-10")
                .transfer("2026-11-18", 20_000, "2026-11", "2026-11")
                .transfer("2026-12-18", 20_000, "2026-12", "2026-12")
                .pendingAmountChange("2027-01", 30_000));
        assertThat(ok.deduction()).isEqualTo(100_000);

        CertificateFigures arrears = figures(DocumentKind.FEBRUARY_CERTIFICATE, LedgerFixture.shokibo("2026-08-20", "NO_CASH", 20_000)
                .transfer("2026-10-19", 60_000, "2026-08", "2026-10")
                .transfer("2026-11-18", 20_000, "2026-11", "2026-11")
                .failed("2026-12-18", 20_000, "2026-12", "2026-12"));
        assertThat(arrears.deduction()).isNull();
        assertThat(arrears.withheld()).containsExactly(WhyWithheld.ARREARS);
        assertThat(arrears.paid()).isEqualTo(80_000);
    }

    @Test
    void deductionIsPaidPlusScheduledMinusDiscountAndNeverBelowZero() {
        CalculationPolicy p = CalculationPolicy.defaults();
        assertThat(Withholding.deduction(100, 50, 30, p)).isEqualTo(120);
        assertThat(Withholding.deduction(0, 0, 6_000, p)).isZero();
        assertThat(Withholding.deduction(0, 0, 6_000, new CalculationPolicy(5_000, false, true, true))).isEqualTo(-6_000);
    }

    @Test
    void allPaidGivesAnUnwithheldDeduction() {
        CertificateFigures c = figures(DocumentKind.NOVEMBER_CERTIFICATE, paidAllYear());
        assertThat(c.withheld()).isEmpty();
        assertThat(c.deduction()).isEqualTo(240_000);
    }
}
