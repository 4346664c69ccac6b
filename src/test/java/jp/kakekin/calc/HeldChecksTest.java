package jp.kakekin.calc;

import jp.kakekin.ledger.LedgerFixture;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** RULES.md 1.8: records whose collections cannot have happened under 1.1–1.3 are held, never given figures. */
class HeldChecksTest {

    private static final Calculator ALL_CHECKS = new Calculator();

    private static Figures november(Calculator c, LedgerFixture f) {
        return c.calculate(DocumentKind.NOVEMBER_CERTIFICATE, f.build(), 2026);
    }

    private static Figures february(Calculator c, LedgerFixture f) {
        return c.calculate(DocumentKind.FEBRUARY_CERTIFICATE, f.build(), 2026);
    }

    private static Calculator without(HoldCode code) {
        EnumSet<HoldCode> on = EnumSet.allOf(HoldCode.class);
        on.remove(code);
        return new Calculator(CalculationPolicy.defaults().withHeldChecks(on));
    }

    private static List<HoldCode> held(Figures f) {
        return f instanceof HeldFigures h ? h.codes() : List.of();
    }

    // ------------------------------------------------------------------ FIRST_COLLECTION_SHAPE

    private static LedgerFixture annualOnline(int designated) {
        return LedgerFixture.shokibo("2026-03-06", "ONLINE", 20_000).initialMode("ANNUAL", designated);
    }

    @Test
    void anAnnualApplicationDesignatedFromItsMonthWhoseFirstTransferTakesTwelveMonthsIsNotHeld() {
        Figures f = november(ALL_CHECKS, annualOnline(3).transfer("2026-05-18", 240_000, "2026-03", "2027-02"));
        assertThat(f).isInstanceOf(CertificateFigures.class);
        CertificateFigures c = (CertificateFigures) f;
        assertThat(c.paid()).isEqualTo(240_000);
        // the next collection is the designated month a year after the application: nothing in Oct–Dec
        assertThat(c.scheduled()).isZero();
        assertThat(c.deduction()).isEqualTo(240_000);
    }

    @Test
    void anAnnualModeDesignatedFromAnotherMonthThanTheApplicationIsHeld() {
        Figures f = november(ALL_CHECKS, annualOnline(5).transfer("2026-05-18", 240_000, "2026-03", "2027-02"));
        assertThat(held(f)).containsExactly(HoldCode.FIRST_COLLECTION_SHAPE);
        assertThat(november(without(HoldCode.FIRST_COLLECTION_SHAPE),
                annualOnline(5).transfer("2026-05-18", 240_000, "2026-03", "2027-02")))
                .isInstanceOf(CertificateFigures.class);
    }

    @Test
    void aSemiannualModeDesignatedSixMonthsAfterTheApplicationIsTheSameShape() {
        Figures f = november(ALL_CHECKS, LedgerFixture.shokibo("2026-03-06", "CASH", 20_000)
                .initialMode("SEMIANNUAL", 9).paid("2026-03-06", "CASH", 120_000, "2026-03", "2026-08")
                .transfer("2026-09-18", 120_000, "2026-09", "2027-02"));
        assertThat(f).isInstanceOf(CertificateFigures.class);
        assertThat(((CertificateFigures) f).paid()).isEqualTo(240_000);
    }

    @Test
    void aFirstTransferCoveringFewerMonthsThanRequiredIsHeldUnlessItFailed() {
        LedgerFixture shortFirst = annualOnline(3).transfer("2026-05-18", 60_000, "2026-03", "2026-05");
        assertThat(held(november(ALL_CHECKS, shortFirst))).containsExactly(HoldCode.FIRST_COLLECTION_SHAPE);
        // monthly NO_CASH: the first transfer covers application month, next month and transfer month
        LedgerFixture monthlyShort = LedgerFixture.shokibo("2026-03-06", "NO_CASH", 20_000)
                .transfer("2026-05-18", 40_000, "2026-03", "2026-04");
        assertThat(held(november(ALL_CHECKS, monthlyShort))).containsExactly(HoldCode.FIRST_COLLECTION_SHAPE);
        LedgerFixture monthlyOk = LedgerFixture.shokibo("2026-03-06", "NO_CASH", 20_000)
                .transfer("2026-05-18", 60_000, "2026-03", "2026-05");
        assertThat(november(ALL_CHECKS, monthlyOk)).isInstanceOf(CertificateFigures.class);
        // the first transfer failed: the recovery is not the first collection's shape (1.3)
        LedgerFixture failed = LedgerFixture.shokibo("2026-03-06", "NO_CASH", 20_000)
                .failed("2026-05-18", 60_000, "2026-03", "2026-05")
                .transfer("2026-07-21", 100_000, "2026-03", "2026-07");
        assertThat(november(ALL_CHECKS, failed)).isInstanceOf(CertificateFigures.class);
    }

    @Test
    void aCashAnnualApplicationPaysAllTwelveMonthsAtTheWindow() {
        LedgerFixture ok = LedgerFixture.shokibo("2026-03-06", "CASH", 20_000).initialMode("ANNUAL", 3)
                .paid("2026-03-06", "CASH", 240_000, "2026-03", "2027-02");
        assertThat(november(ALL_CHECKS, ok)).isInstanceOf(CertificateFigures.class);
        LedgerFixture windowOnlyTheMonth = LedgerFixture.shokibo("2026-03-06", "CASH", 20_000).initialMode("ANNUAL", 3)
                .paid("2026-03-06", "CASH", 20_000, "2026-03", "2026-03")
                .transfer("2026-05-18", 220_000, "2026-04", "2027-02");
        assertThat(held(november(ALL_CHECKS, windowOnlyTheMonth))).containsExactly(HoldCode.FIRST_COLLECTION_SHAPE);
    }

    // ------------------------------------------------------------------ SHORT_COLLECTION

    private static LedgerFixture annualJune() {
        return LedgerFixture.shokibo("2015-04-01", "CASH", 30_000).mode("2020-06", "ANNUAL", 6)
                .transfer("2025-06-18", 360_000, "2025-06", "2026-05");
    }

    @Test
    void aDesignatedCollectionOfTooFewMonthsIsHeldAndTheCheckCanBeSwitchedOff() {
        LedgerFixture f = annualJune().transfer("2026-06-18", 90_000, "2026-06", "2026-08")
                .transfer("2026-09-18", 30_000, "2026-09", "2026-09");
        assertThat(held(november(ALL_CHECKS, f))).containsExactly(HoldCode.SHORT_COLLECTION);
        Figures off = november(without(HoldCode.SHORT_COLLECTION), f);
        assertThat(off).isInstanceOf(CertificateFigures.class);
        assertThat(((CertificateFigures) off).paid()).isEqualTo(120_000);
    }

    @Test
    void monthsAlreadyPaidAreNotRequiredOfADesignatedCollection() {
        // a lump sum paid in May covered June–August: June's annual collection needs only September–May
        LedgerFixture f = annualJune().paid("2026-05-08", "REMITTANCE", 90_000, "2026-06", "2026-08")
                .transfer("2026-06-18", 270_000, "2026-09", "2027-05");
        assertThat(november(ALL_CHECKS, f)).isInstanceOf(CertificateFigures.class);
    }

    @Test
    void aRecoveryCollectionInADesignatedMonthIsNotShort() {
        // monthly until February, annual (March) from March; January's transfer fails: March collects March and
        // January (f+2), April April, May May and February (f+4), then monthly until next March
        LedgerFixture f = LedgerFixture.shokibo("2015-04-01", "CASH", 10_000).mode("2026-03", "ANNUAL", 3)
                .monthly(2025, 1, 12, 10_000, 18)
                .failed("2026-01-19", 10_000, "2026-01", "2026-01")
                .transfer("2026-03-18", 10_000, "2026-01", "2026-01")
                .transfer("2026-03-18", 10_000, "2026-03", "2026-03")
                .transfer("2026-04-20", 10_000, "2026-04", "2026-04")
                .transfer("2026-05-18", 10_000, "2026-02", "2026-02")
                .transfer("2026-05-18", 10_000, "2026-05", "2026-05")
                .monthly(2026, 6, 9, 10_000, 18);
        assertThat(november(ALL_CHECKS, f)).isInstanceOf(CertificateFigures.class);
    }

    // ------------------------------------------------------------------ REFUND_UNKNOWN

    private static LedgerFixture annualJanuaryTerminatedInMarch() {
        return LedgerFixture.shokibo("2015-04-01", "CASH", 70_000).mode("2020-01", "ANNUAL", 1)
                .transfer("2025-01-20", 840_000, "2025-01", "2025-12")
                .transfer("2026-01-19", 840_000, "2026-01", "2026-12")
                .terminatedOn("2026-03-10");
    }

    @Test
    void aPaymentOfTheYearCoveringMonthsAfterTheTerminationIsHeld() {
        assertThat(held(november(ALL_CHECKS, annualJanuaryTerminatedInMarch())))
                .containsExactly(HoldCode.REFUND_UNKNOWN);
        Figures off = november(without(HoldCode.REFUND_UNKNOWN), annualJanuaryTerminatedInMarch());
        assertThat(off).isInstanceOf(CertificateFigures.class);
        CertificateFigures c = (CertificateFigures) off;
        assertThat(c.paid()).isEqualTo(840_000);
        assertThat(c.scheduled()).isZero();
    }

    @Test
    void aTerminationAfterTheCutoffIsNotKnownToTheNovemberIssue() {
        LedgerFixture f = LedgerFixture.shokibo("2015-04-01", "CASH", 70_000).mode("2020-01", "ANNUAL", 1)
                .transfer("2026-01-19", 840_000, "2026-01", "2026-12").terminatedOn("2026-11-10");
        assertThat(november(ALL_CHECKS, f)).isInstanceOf(CertificateFigures.class);
        // the February issue knows it, but the contract gets the November issue, not the February one
        Figures feb = february(ALL_CHECKS, f);
        assertThat(feb).isInstanceOf(CertificateFigures.class);
        assertThat(((CertificateFigures) feb).issued()).isFalse();
    }

    // ------------------------------------------------------------------ termination policy (1.1)

    @Test
    void monthsFromTheTerminationMonthOnEarnNoDiscount() {
        // December's annual collection covers Dec 2025–Nov 2026; terminated 2026-03-10: only January and
        // February are 充当 (1 and 2 months ahead: 3 × 70,000 × 0.9/1000 = 189 yen), on top of the 4,900 carried
        LedgerFixture f = LedgerFixture.shokibo("2015-04-01", "CASH", 70_000).mode("2020-12", "ANNUAL", 12)
                .transfer("2025-12-18", 840_000, "2025-12", "2026-11").discountCarried("2025-03-31", 4_900)
                .terminatedOn("2026-03-10");
        Figures figures = november(ALL_CHECKS, f);
        assertThat(figures).isInstanceOf(CertificateFigures.class);
        CertificateFigures c = (CertificateFigures) figures;
        assertThat(c.issued()).isTrue();
        assertThat(c.discountPaid()).isEqualTo(5_089);
        assertThat(c.scheduled()).isZero();
        assertThat(c.deduction()).isZero();
    }

    @Test
    void aPrepaymentCoveringOnlyMonthsAfterTheTerminationDoesNotMakeTheContractPrepaid() {
        LedgerFixture f = LedgerFixture.shokibo("2025-09-05", "CASH", 20_000).initialMode("SEMIANNUAL", 9)
                .paid("2025-09-05", "CASH", 120_000, "2025-09", "2026-02").terminatedOn("2025-12-20");
        assertThat(((CertificateFigures) november(ALL_CHECKS, f)).issued()).isFalse();
        // still 前納中 when the termination leaves January and February owed
        LedgerFixture later = LedgerFixture.shokibo("2025-09-05", "CASH", 20_000).initialMode("SEMIANNUAL", 9)
                .paid("2025-09-05", "CASH", 120_000, "2025-09", "2026-02").terminatedOn("2026-03-02");
        assertThat(((CertificateFigures) november(ALL_CHECKS, later)).issued()).isTrue();
    }

    @Test
    void aLongPrepaymentTouchesTheYearOnlyThroughMonthsBeforeTheTermination() {
        // paid in 2024 for 24 months to November 2026, terminated in December 2025: nothing of 2026 is 充当
        LedgerFixture f = LedgerFixture.shokibo("2015-04-01", "CASH", 10_000)
                .transfer("2024-12-18", 240_000, "2024-12", "2026-11").terminatedOn("2025-12-10");
        assertThat(((CertificateFigures) november(ALL_CHECKS, f)).issued()).isFalse();
        // terminated in March 2026: January and February are 充当, and the long payment withholds (****)
        LedgerFixture march = LedgerFixture.shokibo("2015-04-01", "CASH", 10_000)
                .transfer("2024-12-18", 240_000, "2024-12", "2026-11").terminatedOn("2026-03-10");
        CertificateFigures c = (CertificateFigures) november(ALL_CHECKS, march);
        assertThat(c.issued()).isTrue();
        assertThat(c.withheld()).containsExactly(WhyWithheld.PREPAYMENT_OVER_ONE_YEAR);
    }

    // ------------------------------------------------------------------ designated collections (1.1)

    @Test
    void aLaterModeEntryNeverShortensADesignatedCollectionMadeBeforeIt() {
        // S16's shape with a semiannual switch: November's collection covers Nov–Apr under the mode in force in
        // November, whatever the ledger says from February on
        LedgerFixture f = LedgerFixture.shokibo("2015-04-01", "CASH", 20_000).mode("2020-11", "SEMIANNUAL", 5)
                .transfer("2025-11-18", 120_000, "2025-11", "2026-04")
                .transfer("2026-05-18", 120_000, "2026-05", "2026-10")
                .mode("2027-02", "MONTHLY", null);
        CertificateFigures c = (CertificateFigures) november(ALL_CHECKS, f);
        assertThat(c.scheduled()).isEqualTo(120_000);
        assertThat(c.deduction()).isEqualTo(240_000);
    }
}
