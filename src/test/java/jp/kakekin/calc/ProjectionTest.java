package jp.kakekin.calc;

import jp.kakekin.ledger.LedgerFixture;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** RULES.md 1.6 お払込み予定額: what October, November and December will request. */
class ProjectionTest {

    private final Calculator calculator = new Calculator();

    private CertificateFigures november(LedgerFixture f) {
        return (CertificateFigures) calculator.calculate(DocumentKind.NOVEMBER_CERTIFICATE, f.build(), 2026);
    }

    @Test
    void augustFailureIsRecoveredInOctoberAndSeptemberInDecember() {
        CertificateFigures c = november(LedgerFixture.shokibo("2015-04-01", "CASH", 10_000)
                .monthly(2026, 1, 7, 10_000, 18)
                .failed("2026-08-18", 10_000, "2026-08", "2026-08"));
        // Sep: nothing; Oct = Oct + Aug; Nov = Nov; Dec = Dec + Sep
        assertThat(c.scheduled()).isEqualTo(50_000);
        assertThat(c.deduction()).isNull();
        assertThat(c.withheld()).containsExactly(WhyWithheld.ARREARS);
    }

    @Test
    void julyFailureRecoveredInSeptemberLeavesAugustForNovember() {
        CertificateFigures c = november(LedgerFixture.shokibo("2015-04-01", "CASH", 10_000)
                .monthly(2026, 1, 6, 10_000, 18)
                .failed("2026-07-21", 10_000, "2026-07", "2026-07")
                .transfer("2026-09-18", 10_000, "2026-07", "2026-07")
                .transfer("2026-09-18", 10_000, "2026-09", "2026-09"));
        // August is collected in November (f+4), so it is not yet due on Sep 30
        assertThat(c.scheduled()).isEqualTo(40_000);
        assertThat(c.paid()).isEqualTo(80_000);
        assertThat(c.deduction()).isEqualTo(120_000);
    }

    @Test
    void cashJoinerInAugustHasFirstTransferInOctober() {
        CertificateFigures c = november(LedgerFixture.shokibo("2026-08-05", "CASH", 10_000)
                .paid("2026-08-05", "CASH", 10_000, "2026-08", "2026-08"));
        // Oct = Sep + Oct; Nov; Dec
        assertThat(c.issued()).isTrue();
        assertThat(c.scheduled()).isEqualTo(40_000);
        assertThat(c.deduction()).isEqualTo(50_000);
    }

    @Test
    void pendingLumpSumIsProjectedAndWithholdsTheDeduction() {
        CertificateFigures c = november(LedgerFixture.shokibo("2015-04-01", "CASH", 10_000)
                .monthly(2026, 1, 9, 10_000, 18)
                .pendingLumpSum("2026-12", 12));
        assertThat(c.scheduled()).isEqualTo(10_000 + 10_000 + 120_000);
        assertThat(c.withheld()).contains(WhyWithheld.PENDING_CHANGE);
    }

    @Test
    void semiannualOctoberCollectsSixMonths() {
        CertificateFigures c = november(LedgerFixture.shokibo("2020-04-01", "CASH", 10_000).initialMode("SEMIANNUAL", 4)
                .transfer("2026-04-20", 60_000, "2026-04", "2026-09"));
        assertThat(c.scheduled()).isEqualTo(60_000);
    }

    /** policy: nothing is owed from the termination month on. */
    @Test
    void terminationKnownAtTheCutoffStopsTheProjection() {
        CertificateFigures c = november(LedgerFixture.shokibo("2015-04-01", "CASH", 10_000)
                .monthly(2026, 1, 8, 10_000, 18).terminatedOn("2026-09-10"));
        assertThat(c.scheduled()).isZero();
        assertThat(c.deduction()).as("September is not owed, so not in arrears").isEqualTo(80_000);
    }

    /** A termination after the Sep 30 cutoff was not known when the November figures were fixed. */
    @Test
    void terminationAfterTheCutoffIsNotSeen() {
        CertificateFigures c = november(LedgerFixture.shokibo("2015-04-01", "CASH", 10_000)
                .monthly(2026, 1, 9, 10_000, 18).terminatedOn("2026-11-10"));
        assertThat(c.scheduled()).isEqualTo(30_000);
    }

    @Test
    void paymentsAfterTheCutoffAreIgnored() {
        LedgerFixture f = LedgerFixture.shokibo("2015-04-01", "CASH", 10_000).monthly(2026, 1, 12, 10_000, 18);
        CertificateFigures c = november(f);
        assertThat(c.paid()).isEqualTo(90_000);
        assertThat(c.scheduled()).isEqualTo(30_000);
    }
}
