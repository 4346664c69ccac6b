package jp.kakekin.calc;

import jp.kakekin.ledger.Ledger;
import jp.kakekin.ledger.LedgerFixture;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** RULES.md 1.1 (first transfer, designated months) and 1.3 (振替不能 and the recovery schedule). */
class CollectionScheduleTest {

    private static CollectionSchedule schedule(Ledger l, String cutoff) {
        LedgerAtCutoff known = new LedgerAtCutoff(l, LocalDate.parse(cutoff), CalculationPolicy.defaults());
        return new CollectionSchedule(known, Months.of(2027, 12));
    }

    private static int m(String ym) {
        return Months.of(java.time.YearMonth.parse(ym));
    }

    /** Newsletter: annual in December fails → Jan nothing; Feb = Feb + Dec; Mar; Apr = Apr + Jan; monthly; Dec 12 again. */
    @Test
    void failedAnnualDecemberCollectionFollowsTheNewsletterTable() {
        Ledger l = LedgerFixture.shokibo("2024-12-05", "CASH", 30_000).initialMode("ANNUAL", 12)
                .paid("2024-12-05", "CASH", 360_000, "2024-12", "2025-11")
                .failed("2025-12-18", 360_000, "2025-12", "2026-11").build();
        CollectionSchedule s = schedule(l, "2026-09-30");
        assertThat(s.collectedIn(m("2025-12"))).as("December stays due from December").isEqualTo(m("2025-12"));
        assertThat(s.collectedIn(m("2026-01"))).as("f+1 is collected in f+4").isEqualTo(m("2026-04"));
        assertThat(s.collectedIn(m("2026-02"))).isEqualTo(m("2026-02"));
        assertThat(s.collectedIn(m("2026-03"))).isEqualTo(m("2026-03"));
        assertThat(s.collectedIn(m("2026-04"))).isEqualTo(m("2026-04"));
        assertThat(s.collectedIn(m("2026-11"))).as("monthly until the next designated month").isEqualTo(m("2026-11"));
        assertThat(s.collectedIn(m("2026-12"))).isEqualTo(m("2026-12"));
        assertThat(s.collectedIn(m("2027-11"))).as("December collects 12 months again").isEqualTo(m("2026-12"));
    }

    @Test
    void newContractMonthsBeforeTheFirstTransferAreCollectedInApplicationMonthPlusTwo() {
        Ledger noCash = LedgerFixture.shokibo("2026-07-15", "NO_CASH", 20_000).build();
        CollectionSchedule s = schedule(noCash, "2026-09-30");
        assertThat(s.collectedIn(m("2026-07"))).isEqualTo(m("2026-09"));
        assertThat(s.collectedIn(m("2026-08"))).isEqualTo(m("2026-09"));
        assertThat(s.collectedIn(m("2026-10"))).isEqualTo(m("2026-10"));

        Ledger cash = LedgerFixture.shokibo("2026-07-15", "CASH", 20_000).build();
        CollectionSchedule c = schedule(cash, "2026-09-30");
        assertThat(c.collectedIn(m("2026-07"))).as("CASH pays the application month at the window").isEqualTo(m("2026-07"));
        assertThat(c.collectedIn(m("2026-08"))).isEqualTo(m("2026-09"));
    }

    @Test
    void semiannualCollectsSixMonthsInEachDesignatedMonth() {
        Ledger l = LedgerFixture.shokibo("2022-03-01", "CASH", 20_000).initialMode("SEMIANNUAL", 3).build();
        CollectionSchedule s = schedule(l, "2026-09-30");
        assertThat(s.collectedIn(m("2026-08"))).isEqualTo(m("2026-03"));
        assertThat(s.collectedIn(m("2026-09"))).isEqualTo(m("2026-09"));
        assertThat(s.collectedIn(m("2027-02"))).isEqualTo(m("2026-09"));
    }

    @Test
    void monthsBeforeTheFirstDesignatedMonthOfANewModeAreCollectedMonthly() {
        Ledger l = LedgerFixture.shokibo("2015-04-01", "CASH", 20_000).mode("2026-05", "ANNUAL", 12).build();
        CollectionSchedule s = schedule(l, "2026-09-30");
        assertThat(s.collectedIn(m("2026-06"))).isEqualTo(m("2026-06"));
        assertThat(s.collectedIn(m("2026-12"))).isEqualTo(m("2026-12"));
        assertThat(s.collectedIn(m("2027-05"))).isEqualTo(m("2026-12"));
    }
    /**
     * Found by LaterEntriesProperties (generate-ledger --seed 26 --year 2024, record 682880, shrunk): the
     * annual collection of June 2024 fails and a paymentModes[] entry from January 2025 (semiannual,
     * January/July) is added after the cutoff. The months the failed collection would have prepaid that
     * fall after the new mode's first designated month are collected by it, not "in June 2024": they were
     * dropped (1.3), never paid, so the new entry governs them (1.1). Before, they stayed due from June 2024
     * and the November certificate of 2024 printed **** for arrears only because of an entry made later.
     */
    @Test
    void aModeEntryInsideAFailedCollectionsSpanGovernsTheMonthsItWouldHavePrepaid() {
        LedgerFixture base = LedgerFixture.shokibo("2008-08-04", "NO_CASH", 54_000).initialMode("ANNUAL", 6)
                .transfer("2023-06-19", 648_000, "2023-06", "2024-05")
                .failed("2024-06-18", 648_000, "2024-06", "2025-05")
                .transfer("2024-08-19", 54_000, "2024-06", "2024-06")
                .transfer("2024-08-19", 54_000, "2024-08", "2024-08")
                .transfer("2024-09-18", 54_000, "2024-09", "2024-09");
        Ledger atCutoff = base.build();
        Ledger later = base.mode("2025-01", "SEMIANNUAL", 1).build();

        CollectionSchedule before = schedule(atCutoff, "2024-09-30");
        assertThat(before.collectedIn(m("2025-01"))).as("monthly after the failure").isEqualTo(m("2025-01"));
        CollectionSchedule after = schedule(later, "2024-09-30");
        assertThat(after.collectedIn(m("2024-07"))).as("f+1 in f+4").isEqualTo(m("2024-10"));
        assertThat(after.collectedIn(m("2024-12"))).isEqualTo(m("2024-12"));
        assertThat(after.collectedIn(m("2025-01"))).as("the new mode's first collection").isEqualTo(m("2025-01"));
        assertThat(after.collectedIn(m("2025-05"))).as("not due from the failed June collection").isEqualTo(m("2025-01"));
        assertThat(after.collectedIn(m("2025-07"))).isEqualTo(m("2025-07"));

        Calculator calculator = new Calculator();
        assertThat(calculator.calculate(DocumentKind.NOVEMBER_CERTIFICATE, later, 2024))
                .isEqualTo(calculator.calculate(DocumentKind.NOVEMBER_CERTIFICATE, atCutoff, 2024));
    }

    /**
     * Without failures a schedule is the timeline's regular collection with the application's rule, month by
     * month — whether it keeps no array (monthly throughout) or fills one from the designated months' spans
     * found in one pass (PremiumTimeline.designatedSpans, which must agree with isDesignated and span).
     */
    @Test
    void withoutFailuresEveryMonthIsItsRegularCollectionWithTheApplicationRule() {
        java.util.Random random = new java.util.Random(14);
        String[] modes = {"MONTHLY", "SEMIANNUAL", "ANNUAL"};
        for (int round = 0; round < 300; round++) {
            int year = 2010 + random.nextInt(15);
            String method = random.nextBoolean() ? "CASH" : "NO_CASH";
            LedgerFixture f = LedgerFixture.shokibo("%d-%02d-05".formatted(year, 1 + random.nextInt(12)), method, 10_000);
            String first = modes[random.nextInt(3)];
            f.initialMode(first, first.equals("MONTHLY") ? null : 1 + random.nextInt(12));
            int from = year + 1;
            for (int k = random.nextInt(3); k > 0; k--, from += 1 + random.nextInt(3)) {
                String mode = modes[random.nextInt(3)];
                f.mode("%d-%02d".formatted(from, 1 + random.nextInt(12)), mode,
                        mode.equals("MONTHLY") ? null : 1 + random.nextInt(12));
            }
            Ledger l = f.build();
            LedgerAtCutoff known = new LedgerAtCutoff(l, LocalDate.parse("2026-09-30"), CalculationPolicy.defaults());
            CollectionSchedule s = new CollectionSchedule(known, Months.of(2027, 12));
            PremiumTimeline t = known.timeline;
            int application = Months.of(l.applicationMonth());
            boolean cash = method.equals("CASH");
            for (int m = s.firstMonth() - 12; m <= s.lastMonth() + 12; m++) {
                int c = m < s.firstMonth() || m > s.lastMonth() ? m : t.regularCollection(m);
                if (m >= s.firstMonth() && m <= s.lastMonth() && m >= application && c < application + 2
                        && !(cash && c == application)) {
                    c = application + 2;
                }
                assertThat(s.collectedIn(m)).as("%s month %d", l.paymentModes(), m).isEqualTo(c);
            }
            int[] spans = t.designatedSpans(s.firstMonth() - 11, s.lastMonth());
            for (int d = s.firstMonth() - 11; d <= s.lastMonth(); d++) {
                assertThat(spans[d - s.firstMonth() + 11]).as("%s month %d", l.paymentModes(), d)
                        .isEqualTo(t.isDesignated(d) ? t.span(d) : 0);
            }
        }
    }
}
