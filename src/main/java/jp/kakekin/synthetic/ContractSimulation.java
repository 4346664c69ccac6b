package jp.kakekin.synthetic;

import jp.kakekin.calc.AddressCutoff;
import jp.kakekin.calc.CollectionCalendar;
import jp.kakekin.ledger.Address;
import jp.kakekin.ledger.ApplicationMethod;
import jp.kakekin.ledger.DiscountCarried;
import jp.kakekin.ledger.EDelivery;
import jp.kakekin.ledger.Holder;
import jp.kakekin.ledger.Ledger;
import jp.kakekin.ledger.Payment;
import jp.kakekin.ledger.PaymentMethod;
import jp.kakekin.ledger.PaymentMode;
import jp.kakekin.ledger.PaymentModePeriod;
import jp.kakekin.ledger.PaymentStatus;
import jp.kakekin.ledger.PendingRequest;
import jp.kakekin.ledger.PremiumPeriod;
import jp.kakekin.ledger.Scheme;
import jp.kakekin.ledger.SchemeLimits;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Lives through one contract month by month, collecting premiums the way RULES.md says the operator
 * does (first transfer in applicationMonth+2, designated months of semiannual/annual modes, the
 * f+2/f+4 recovery of failed transfers, prepayments, the SAFETY cap), and writes down what an export
 * taken on the export date would contain. Months are plain ints ({@code year * 12 + month - 1}) to
 * keep the hot loop free of allocation.
 */
final class ContractSimulation {

    /** Where the contract comes from; decides its age and how much of its history the ledger carries. */
    enum Kind {
        /** joined in Y: CASH/NO_CASH/ONLINE across the year, so some are February-issue or no-issue */
        JOINED_THIS_YEAR,
        /** joined in Y−1, full history */
        JOINED_LAST_YEAR,
        /** joined years ago; the ledger starts late (January of Y, or April of Y−1/Y−2 with a discount seed) */
        LONG_STANDING,
        /** SAFETY re-joined after cancelling an earlier contract (the 2024 two-year rule) */
        SAFETY_REJOIN,
        /** SAFETY with a high premium, reaching the 8,000,000 yen cap around Y with an odd last amount */
        SAFETY_CAP
    }

    private static final long CAP = SchemeLimits.SAFETY_CAP;

    private final SplitMix rnd;
    private final int year;
    private final long index;
    private final long seed;
    private final LocalDate exportDate;
    private final int exportMonth;

    private Scheme scheme;
    private Kind kind;
    private int appMonth;
    private LocalDate contractDate;
    private ApplicationMethod method;
    private int window;
    private boolean trackCap;
    private long maxPremium;

    // premiums[] and paymentModes[] as parallel lists, ascending by month
    private final List<int[]> premiumFrom = new ArrayList<>(); // {from}
    private final List<Long> premiumMonthly = new ArrayList<>();
    private final List<int[]> modes = new ArrayList<>(); // {from, modeOrdinal, designated (1-12 or 0)}

    // simulation state
    private int paidThrough;
    /** The date of the collection that paid up to {@link #paidThrough}. */
    private LocalDate paidThroughOn;
    /** This record is to get a shape RULES.md 1.8 holds (SyntheticLedgers' held rate). */
    private boolean heldShape;
    private int firstTransferMonth;
    private long cumulative;
    private boolean capped;
    private int terminationMonth = Integer.MAX_VALUE;
    private LocalDate terminatedOn;
    private int[][] recovery; // {collectMonth, from, to}
    private int recoveryEnd;
    private int loopEnd;

    // personality
    private double failRate;
    private double lumpRate;
    private boolean yearEndPrepayer;
    private int fiscalYearEnd; // SAFETY: month of the period end (12 for individuals)

    private final List<Payment> payments = new ArrayList<>(32);

    ContractSimulation(long seed, long index, int year, LocalDate exportDate) {
        this.seed = seed;
        this.index = index;
        this.rnd = SplitMix.forRecord(seed, index);
        this.year = year;
        this.exportDate = exportDate;
        this.exportMonth = month(exportDate);
    }

    // ---------------------------------------------------------------- months

    static int month(LocalDate d) {
        return d.getYear() * 12 + d.getMonthValue() - 1;
    }

    static int month(int year, int month) {
        return year * 12 + month - 1;
    }

    static YearMonth yearMonth(int m) {
        return YearMonth.of(Math.floorDiv(m, 12), Math.floorMod(m, 12) + 1);
    }

    /** 1..12 */
    static int monthOfYear(int m) {
        return Math.floorMod(m, 12) + 1;
    }

    private LocalDate transferDate(int m) {
        return CollectionCalendar.transferDate(scheme, yearMonth(m));
    }

    /** A business day of month m between the two days of the month (inclusive), never after the export. */
    private LocalDate businessDayIn(int m, int fromDay, int toDay) {
        YearMonth ym = yearMonth(m);
        int last = Math.min(toDay, ym.lengthOfMonth());
        LocalDate limit = ym.atDay(last);
        if (limit.isAfter(exportDate)) {
            limit = exportDate;
        }
        LocalDate first = ym.atDay(Math.min(fromDay, limit.getDayOfMonth()));
        LocalDate d = first.plusDays(rnd.below(limit.getDayOfMonth() - first.getDayOfMonth() + 1));
        LocalDate forward = CollectionCalendar.onOrNextBusinessDay(d);
        if (!forward.isAfter(limit)) {
            return forward;
        }
        for (LocalDate back = d; !back.isBefore(first); back = back.minusDays(1)) {
            if (CollectionCalendar.isBusinessDay(back)) {
                return back;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- the contract

    Ledger run() {
        scheme = rnd.chance(0.8) ? Scheme.SHOKIBO : Scheme.SAFETY;
        chooseKind();
        Holder holder = holder();
        chooseStart();
        if (contractDate == null) {
            // No business day left before the export in the chosen month: take the previous month.
            if (window == appMonth) {
                window--;
            }
            appMonth--;
            contractDate = businessDayIn(appMonth, 1, 31);
        }
        choosePersonality();
        chooseMethod();
        choosePremiumsAndModes();
        chooseTermination();
        LocalDate previousTermination = kind == Kind.SAFETY_REJOIN ? previousTermination() : null;

        simulate();

        List<PendingRequest> pending = pendingRequests();
        DiscountCarried carried = discountCarried();
        List<Address> addresses = addresses();
        EDelivery eDelivery = eDelivery();

        List<PremiumPeriod> premiums = new ArrayList<>(premiumFrom.size());
        for (int i = 0; i < premiumFrom.size(); i++) {
            premiums.add(new PremiumPeriod(yearMonth(premiumFrom.get(i)[0]), premiumMonthly.get(i)));
        }
        List<PaymentModePeriod> modeList = new ArrayList<>(modes.size());
        for (int[] m : modes) {
            PaymentMode mode = PaymentMode.values()[m[1]];
            modeList.add(new PaymentModePeriod(yearMonth(m[0]), mode, mode == PaymentMode.MONTHLY ? null : m[2]));
        }
        String contractNo = contractNo();
        return new Ledger(scheme, contractNo, checkDigits(contractNo), holder, addresses, contractDate,
                yearMonth(appMonth), method, premiums, modeList, payments, pending, carried,
                terminatedOn != null && !terminatedOn.isAfter(exportDate) ? terminatedOn : null,
                previousTermination, eDelivery);
    }

    private void chooseKind() {
        double r = rnd.unit();
        if (scheme == Scheme.SHOKIBO) {
            kind = r < 0.12 ? Kind.JOINED_THIS_YEAR : r < 0.20 ? Kind.JOINED_LAST_YEAR : Kind.LONG_STANDING;
        } else {
            kind = r < 0.10 ? Kind.SAFETY_CAP : r < 0.18 ? Kind.SAFETY_REJOIN : r < 0.28 ? Kind.JOINED_THIS_YEAR
                    : r < 0.38 ? Kind.JOINED_LAST_YEAR : Kind.LONG_STANDING;
        }
    }

    private void chooseStart() {
        int lastJoin = Math.min(month(year, 12), exportMonth);
        switch (kind) {
            case JOINED_THIS_YEAR -> appMonth = rnd.between(month(year, 1), lastJoin);
            case JOINED_LAST_YEAR -> appMonth = rnd.between(month(year - 1, 1), month(year - 1, 12));
            case LONG_STANDING -> {
                int oldest = Math.max(month(2000, 1), month(year - (scheme == Scheme.SHOKIBO ? 30 : 12), 1));
                appMonth = rnd.between(oldest, month(year - 2, 12));
            }
            case SAFETY_REJOIN -> appMonth = rnd.between(month(year - 2, 1), lastJoin);
            case SAFETY_CAP -> {
                // chosen with the premium in choosePremiumsAndModes; a provisional month here
                appMonth = month(year - 3, 1);
            }
        }
        contractDate = businessDayIn(appMonth, 1, 28);
        if (kind == Kind.LONG_STANDING) {
            int w = rnd.below(100);
            window = w < 50 ? month(year, 1) : w < 85 ? month(year - 1, 4) : month(year - 2, 4);
            if (appMonth >= window) {
                window = appMonth;
            }
        } else {
            window = appMonth;
        }
    }

    private void choosePersonality() {
        if (scheme == Scheme.SHOKIBO) {
            failRate = rnd.chance(0.12) ? 0.07 : 0;
            lumpRate = rnd.chance(0.15) ? 0.04 : 0;
        } else {
            failRate = rnd.chance(0.10) ? 0.06 : 0;
            yearEndPrepayer = rnd.chance(0.35);
            lumpRate = rnd.chance(0.10) ? 0.02 : 0;
        }
    }

    private void chooseMethod() {
        int r = rnd.below(100);
        method = r < 40 ? ApplicationMethod.CASH : r < 70 ? ApplicationMethod.NO_CASH : ApplicationMethod.ONLINE;
        if (method == ApplicationMethod.ONLINE && appMonth < month(2021, 1)) {
            method = ApplicationMethod.NO_CASH;
        }
    }

    private long shokiboPremium() {
        int r = rnd.below(100);
        if (r < 25) {
            return 70_000;
        } else if (r < 40) {
            return 10_000;
        } else if (r < 52) {
            return 30_000;
        } else if (r < 64) {
            return 50_000;
        } else if (r < 74) {
            return 20_000;
        }
        return 1_000 + 500L * rnd.below(139);
    }

    private long safetyPremium() {
        long p;
        int r = rnd.below(100);
        if (r < 15) {
            p = 200_000;
        } else if (r < 35) {
            p = 100_000;
        } else if (r < 55) {
            p = 50_000;
        } else {
            p = 5_000 + 5_000L * rnd.below(40);
        }
        if (p > maxPremium) {
            p = 5_000 + 5_000L * rnd.below((int) (maxPremium / 5_000));
        }
        return p;
    }

    private long premium() {
        return scheme == Scheme.SHOKIBO ? shokiboPremium() : safetyPremium();
    }

    private void choosePremiumsAndModes() {
        maxPremium = SchemeLimits.maxMonthly(scheme);
        long first;
        if (kind == Kind.SAFETY_CAP) {
            long[] odd = {150_000, 155_000, 160_000, 165_000, 170_000, 175_000, 185_000, 190_000, 195_000, 200_000};
            first = odd[rnd.below(odd.length)];
            int monthsToCap = (int) ((CAP + first - 1) / first);
            appMonth = Math.max(month(2000, 1), month(year, 12) - monthsToCap + rnd.between(-10, 4));
            contractDate = businessDayIn(appMonth, 1, 28);
            window = appMonth;
            trackCap = true;
            if (method == ApplicationMethod.ONLINE && appMonth < month(2021, 1)) {
                method = ApplicationMethod.NO_CASH;
            }
        } else if (scheme == Scheme.SAFETY) {
            trackCap = window == appMonth;
            if (!trackCap) {
                // A ledger that starts late cannot show the cap being reached (the reader checks the cap
                // against the payments it sees), so long-standing contracts are ones that never get there.
                int span = exportMonth - appMonth + 40;
                maxPremium = Math.max(5_000, Math.min(200_000, (CAP - 100_000) / span / 5_000 * 5_000));
            }
            first = safetyPremium();
        } else {
            first = shokiboPremium();
        }
        premiumFrom.add(new int[]{appMonth});
        premiumMonthly.add(first);

        // the mode at the start
        int modeOrdinal;
        int r = rnd.below(100);
        if (scheme == Scheme.SHOKIBO) {
            modeOrdinal = r < 75 ? 0 : r < 92 ? 2 : 1;
        } else {
            modeOrdinal = r < 95 || kind == Kind.SAFETY_CAP ? 0 : r < 98 ? 2 : 1;
        }
        int designated = 0;
        if (modeOrdinal != 0) {
            if (simulationStart() == appMonth) {
                // RULES.md 1.1: a mode chosen on the application is designated from the application month; its
                // first collection covers the 6/12 months from it (CASH: at the window; NO_CASH/ONLINE: with
                // the first transfer in applicationMonth+2).
                designated = monthOfYear(appMonth);
            } else {
                designated = rnd.chance(0.3) ? 12 : rnd.between(1, 12);
            }
            if (modeOrdinal == 1) {
                designated = (designated - 1) % 6 + 1;
            }
        }
        modes.add(new int[]{appMonth, modeOrdinal, designated});

        // history before the simulated stretch: an old premium or mode change (no payment of it is exported)
        int simStart = simulationStart();
        if (simStart > appMonth && simStart - 12 > appMonth + 1) {
            if (rnd.chance(0.15)) {
                int at = rnd.between(appMonth + 1, simStart - 12);
                long p = premium();
                if (p != first) {
                    premiumFrom.add(new int[]{at});
                    premiumMonthly.add(p);
                }
            }
            if (scheme == Scheme.SHOKIBO && rnd.chance(0.05)) {
                int at = rnd.between(appMonth + 1, simStart - 12);
                if (modeOrdinal == 0) {
                    int d = rnd.chance(0.4) ? 12 : rnd.between(1, 12);
                    modes.add(rnd.chance(0.7) ? new int[]{at, 2, d} : new int[]{at, 1, (d - 1) % 6 + 1});
                } else {
                    modes.add(new int[]{at, 0, 0});
                }
            }
        }
    }

    private int simulationStart() {
        return appMonth >= window - 36 ? appMonth : window - 24;
    }

    private void chooseTermination() {
        if (kind == Kind.SAFETY_CAP || !rnd.chance(0.04)) {
            return;
        }
        LocalDate earliest = LocalDate.of(year, 1, 1);
        if (!contractDate.plusDays(20).isBefore(earliest)) {
            earliest = contractDate.plusDays(20);
        }
        if (!earliest.isBefore(exportDate)) {
            return;
        }
        long span = exportDate.toEpochDay() - earliest.toEpochDay();
        LocalDate t = earliest.plusDays(rnd.below((int) span + 1));
        // A termination before the month's transfer day stops that month's collection (policy: nothing is
        // owed from the termination month on); place it there so the ledger shows no collection to refund.
        int tm = month(t);
        int transferDay = transferDate(tm).getMonth() == t.getMonth() ? transferDate(tm).getDayOfMonth() : 28;
        if (t.getDayOfMonth() >= transferDay) {
            t = t.withDayOfMonth(1 + rnd.below(transferDay - 1));
        }
        if (!t.isAfter(contractDate)) {
            return;
        }
        terminatedOn = t;
        terminationMonth = tm;
    }

    /** Moves the termination to month m, before that month's transfer day. */
    private void postponeTermination(int m) {
        YearMonth ym = yearMonth(m);
        int transferDay = transferDate(m).getDayOfMonth();
        int day = Math.max(1, Math.min(terminatedOn.getDayOfMonth(), Math.min(ym.lengthOfMonth(), transferDay - 1)));
        terminatedOn = ym.atDay(day);
        terminationMonth = m;
    }

    private LocalDate previousTermination() {
        // cancelled 1–30 months before re-joining: both sides of the 2024-10-01 reform for Y = 2026
        int m = appMonth - rnd.between(1, 30);
        LocalDate d = businessDayIn(m, 1, 28);
        return d != null ? d : yearMonth(m).atDay(15);
    }

    // ---------------------------------------------------------------- collections

    private long premiumIn(int m) {
        long p = 0;
        for (int i = 0; i < premiumFrom.size(); i++) {
            if (premiumFrom.get(i)[0] > m) {
                break;
            }
            p = premiumMonthly.get(i);
        }
        return p;
    }

    private int[] modeIn(int m) {
        int[] mode = modes.getFirst();
        for (int[] x : modes) {
            if (x[0] > m) {
                break;
            }
            mode = x;
        }
        return mode;
    }

    private static int perCollection(int[] mode) {
        return PaymentMode.values()[mode[1]].monthsPerCollection();
    }

    private boolean isDesignated(int m) {
        int[] mode = modeIn(m);
        return switch (mode[1]) {
            case 0 -> false;
            case 1 -> Math.floorMod(monthOfYear(m) - mode[2], 6) == 0;
            default -> monthOfYear(m) == mode[2];
        };
    }

    /** A month in which a new period starts: any month for MONTHLY, a designated month otherwise. */
    private boolean isCollectionStart(int m) {
        return modeIn(m)[1] == 0 || isDesignated(m);
    }

    /**
     * Under a semiannual or annual mode a prepayment ends the month before a designated month, so the next
     * period starts with its own collection (RULES.md has no rule for a prepayment that runs into the middle
     * of a period): the wished-for end is cut back to such a month, or extended when none lies in between.
     */
    private int aligned(int regularTo, int wishedTo) {
        if (modeIn(regularTo)[1] == 0) {
            return wishedTo;
        }
        for (int t = wishedTo; t >= regularTo; t--) {
            if (isDesignated(t + 1)) {
                return t;
            }
        }
        int t = wishedTo;
        while (!isDesignated(t + 1)) {
            t++;
        }
        return t;
    }

    private long amount(int from, int to) {
        long sum = 0;
        for (int m = from; m <= to; m++) {
            sum += premiumIn(m);
        }
        return sum;
    }

    private void simulate() {
        int start = simulationStart();
        if (start == appMonth) {
            firstTransferMonth = appMonth + 2;
            paidThrough = appMonth - 1;
            if (method == ApplicationMethod.CASH) {
                // the application month (and, with a designated first month, the whole period; sometimes a
                // prepayment on top) paid at the window on the application date
                int to = appMonth;
                if (isDesignated(appMonth)) {
                    to = appMonth + perCollection(modeIn(appMonth)) - 1;
                } else if (rnd.chance(0.08)) {
                    to = aligned(appMonth, appMonth + rnd.pick(new int[]{2, 5, 11, 11, 12, 23}));
                }
                collect(contractDate, PaymentMethod.CASH, appMonth, to);
            }
        } else {
            firstTransferMonth = appMonth + 2;
            int[] mode = modeIn(start - 1);
            if (mode[1] == 0) {
                paidThrough = start - 1;
            } else {
                int last = start - 1;
                while (!isDesignated(last)) {
                    last--;
                }
                paidThrough = last + perCollection(mode) - 1;
            }
            // a long-standing SAFETY contract's earlier premiums (they stay far from the cap by construction)
            cumulative = 0;
        }

        int m = start;
        for (; ; m++) {
            LocalDate td = transferDate(m);
            if (m >= terminationMonth && m <= paidThrough && paidThroughOn != null
                    && paidThroughOn.getYear() == terminatedOn.getYear() && !heldShape) {
                // The holder terminates once the months a collection of the same year paid for have run out:
                // a refund of months paid that year is not in a ledger (RULES.md 1.8 REFUND_UNKNOWN), so the
                // generator makes that shape only when asked to (--held-rate).
                postponeTermination(paidThrough + 1);
            }
            if (td.isAfter(exportDate) || m >= terminationMonth || capped) {
                break;
            }
            if (recovery != null) {
                for (int[] r : recovery) {
                    if (r[0] == m && !capped) {
                        collect(td, PaymentMethod.TRANSFER, r[1], r[2]);
                    }
                }
                if (m == recoveryEnd) {
                    recovery = null;
                }
                continue;
            }
            if (m < firstTransferMonth || m <= paidThrough) {
                continue;
            }
            boolean first = m == firstTransferMonth;
            boolean start0 = isCollectionStart(m);
            if (!first && m == paidThrough + 1 && start0) {
                maybeChange(m);
            }
            int[] mode = modeIn(m);
            int from = paidThrough + 1;
            int to = isDesignated(m) ? m + perCollection(mode) - 1 : m;
            if (first && isDesignated(appMonth)) {
                // the first transfer of a semiannual/annual application: the 6/12 months from the application month
                to = Math.max(to, appMonth + perCollection(modeIn(appMonth)) - 1);
            }
            LocalDate date = td;
            PaymentMethod how = PaymentMethod.TRANSFER;
            boolean prepayment = false;
            if (first && method != ApplicationMethod.CASH && rnd.chance(0.10)) {
                // 加入時前納: prepaid months written on the application, collected with the first transfer
                to = aligned(to, to + rnd.pick(new int[]{3, 6, 9, 11, 11, 12, 18, 21}));
                prepayment = true;
            } else if (!first && start0 && wantsLump(m)) {
                int n = lumpMonths();
                to = aligned(to, Math.max(to, m + n - 1));
                prepayment = true;
                if (scheme == Scheme.SHOKIBO && rnd.chance(0.5)) {
                    LocalDate d = businessDayIn(m, 1, td.getDayOfMonth() - 1);
                    if (d != null && d.getMonth() == td.getMonth()) {
                        date = d;
                        how = PaymentMethod.REMITTANCE;
                    }
                }
            }
            boolean fails = !prepayment && failRate > 0 && rnd.chance(failRate)
                    && (scheme == Scheme.SHOKIBO ? start0 || mode[1] == 0 : mode[1] == 0 && !first);
            if (fails) {
                fail(td, m, from, to);
            } else {
                collect(date, how, from, to);
            }
        }
        loopEnd = m;
    }

    private boolean wantsLump(int m) {
        if (scheme == Scheme.SAFETY) {
            int periodEnd = fiscalYearEnd == 0 ? 12 : fiscalYearEnd;
            if (yearEndPrepayer && monthOfYear(m) == periodEnd && rnd.chance(0.6)) {
                return true;
            }
            return lumpRate > 0 && rnd.chance(lumpRate);
        }
        double rate = monthOfYear(m) >= 10 ? lumpRate * 3 : lumpRate;
        return rate > 0 && rnd.chance(rate);
    }

    private int lumpMonths() {
        int r = rnd.below(100);
        if (scheme == Scheme.SAFETY) {
            return r < 60 ? 12 : r < 72 ? 6 : r < 85 ? 24 : r < 92 ? 36 : rnd.between(1, 36);
        }
        return r < 35 ? 12 : r < 50 ? 6 : r < 70 ? rnd.between(1, 11) : r < 80 ? 24 : r < 86 ? 36 : rnd.between(13, 36);
    }

    private void maybeChange(int m) {
        if (rnd.chance(0.004)) {
            long current = premiumIn(m);
            long p = premium();
            if (p != current && premiumFrom.getLast()[0] < m) {
                premiumFrom.add(new int[]{m});
                premiumMonthly.add(p);
            }
        }
        if (scheme == Scheme.SHOKIBO && rnd.chance(0.002) && modes.getLast()[0] < m) {
            int[] mode = modeIn(m);
            if (mode[1] == 0) {
                int d = monthOfYear(m);
                modes.add(rnd.chance(0.7) ? new int[]{m, 2, d} : new int[]{m, 1, (d - 1) % 6 + 1});
            } else {
                modes.add(new int[]{m, 0, 0});
            }
        }
    }

    /**
     * RULES.md 1.3 (小規模企業共済): f+1 nothing; f+2 month f+2 plus every month due at f and unpaid; f+3
     * month f+3; f+4 month f+4 plus month f+1; then the regular rule (monthly until the next designated
     * month). RULES.md 2 (SAFETY): f+1 nothing; f+2 the three months f..f+2; then monthly.
     * The months due at f are {@code from..f}: for an annual or semiannual collection only f itself (the
     * rest was prepayment and is dropped), for a first transfer every month since the application.
     */
    private void fail(LocalDate td, int f, int from, int to) {
        payments.add(new Payment(td, PaymentMethod.TRANSFER, PaymentStatus.FAILED, amount(from, to), yearMonth(from),
                yearMonth(to)));
        // A failure before the ledger's window is shown only when its recovery (from f+2 on) is inside it,
        // so that every FAILED record in a ledger comes with its whole recovery.
        if (td.isBefore(yearMonth(window).atDay(1)) && f + 2 < window) {
            payments.removeLast();
        }
        if (scheme == Scheme.SHOKIBO) {
            recovery = new int[][]{{f + 2, from, f}, {f + 2, f + 2, f + 2}, {f + 3, f + 3, f + 3}, {f + 4, f + 1, f + 1},
                    {f + 4, f + 4, f + 4}};
            recoveryEnd = f + 4;
        } else {
            recovery = new int[][]{{f + 2, from, f + 2}};
            recoveryEnd = f + 2;
        }
        paidThrough = recoveryEnd;
        paidThroughOn = transferDate(recoveryEnd);
    }

    /** Records a PAID collection, cut short at the SAFETY cap; exported when the window can see it. */
    private void collect(LocalDate date, PaymentMethod how, int from, int to) {
        long amount = amount(from, to);
        if (trackCap && cumulative + amount >= CAP) {
            long remaining = CAP - cumulative;
            // the months actually bought: the fewest whose premiums reach the cap (the last one partly)
            long sum = 0;
            int end = from;
            for (; end <= to; end++) {
                sum += premiumIn(end);
                if (sum >= remaining) {
                    break;
                }
            }
            to = Math.min(end, to);
            amount = remaining;
            capped = true;
        }
        cumulative += amount;
        if (to > paidThrough) {
            paidThrough = to;
            paidThroughOn = date;
        }
        if (!date.isBefore(yearMonth(window).atDay(1)) || to >= window) {
            payments.add(new Payment(date, how, PaymentStatus.PAID, amount, yearMonth(from), yearMonth(to)));
        }
    }

    // ---------------------------------------------------------------- what the export adds

    /**
     * Requests accepted before the export and not yet collected (spec/ledger.md): an amount change from the
     * next collection, or a lump sum to be collected with it. With an October export these take effect in
     * Oct–Dec of Y (the certificate prints ****); with a January export, in Y+1.
     */
    private List<PendingRequest> pendingRequests() {
        if (capped || recovery != null || (terminatedOn != null && !terminatedOn.isAfter(exportDate))
                || loopEnd < firstTransferMonth) {
            return List.of();
        }
        int next = Math.max(loopEnd, paidThrough + 1);
        while (!isCollectionStart(next)) {
            next++;
        }
        double r = rnd.unit();
        if (r < 0.06) {
            int effective = next;
            if (modeIn(next)[1] == 0) {
                effective += rnd.below(3);
            }
            long current = premiumIn(effective);
            long p = premium();
            if (p == current || effective <= premiumFrom.getLast()[0]) {
                return List.of();
            }
            return List.of(new PendingRequest(PendingRequest.Kind.AMOUNT_CHANGE, yearMonth(effective), p, null, null));
        } else if (r < 0.10) {
            int n = lumpMonths();
            if (trackCap && cumulative + amount(next, next + n - 1) >= CAP) {
                return List.of();
            }
            return List.of(new PendingRequest(PendingRequest.Kind.LUMP_SUM, null, null, yearMonth(next), n));
        }
        return List.of();
    }

    private DiscountCarried discountCarried() {
        if (kind != Kind.LONG_STANDING || window == appMonth || monthOfYear(window) != 4) {
            return null;
        }
        LocalDate asOf = LocalDate.of(window / 12, 3, 31);
        boolean prepays = modes.stream().anyMatch(x -> x[1] != 0) || lumpRate > 0 || yearEndPrepayer;
        if (!prepays || rnd.chance(0.3)) {
            return new DiscountCarried(asOf, BigDecimal.ZERO);
        }
        // balances move in steps of 0.45 yen (500 yen × 0.9/1000) and stay below 5,000 after a March test
        BigDecimal amount = BigDecimal.valueOf(rnd.below(11_111) * 45L, 2).stripTrailingZeros();
        return new DiscountCarried(asOf, amount.scale() < 0 ? amount.setScale(0) : amount);
    }

    private List<Address> addresses() {
        List<Address> list = new ArrayList<>(3);
        list.add(address(contractDate));
        int changes = rnd.chance(0.75) ? 0 : rnd.chance(0.8) ? 1 : 2;
        for (int i = 0; i < changes; i++) {
            long span = exportDate.toEpochDay() - contractDate.toEpochDay();
            if (span > 1) {
                add(list, address(contractDate.plusDays(1 + rnd.below((int) span))));
            }
        }
        if (rnd.chance(0.12)) {
            // around an address cutoff (the cutoff day itself counts)
            LocalDate cutoff = rnd.chance(0.6) ? AddressCutoff.november(year) : AddressCutoff.february(year);
            LocalDate d = cutoff.plusDays(rnd.chance(0.35) ? 0 : rnd.between(-3, 3));
            if (d.isAfter(contractDate) && !d.isAfter(exportDate)) {
                add(list, address(d));
            }
        }
        list.sort(Comparator.comparing(Address::receivedOn));
        return list;
    }

    private static void add(List<Address> list, Address a) {
        for (Address x : list) {
            if (x.receivedOn().equals(a.receivedOn())) {
                return;
            }
        }
        list.add(a);
    }

    private Address address(LocalDate receivedOn) {
        String[] town = rnd.pick(People.TOWN);
        String line1 = town[1] + People.KANJI_DIGIT[rnd.between(1, 9)] + "丁目" + rnd.between(1, 30) + "番"
                + rnd.between(1, 20) + "号";
        String line2 = "";
        if (rnd.chance(0.35)) {
            String building = rnd.pick(People.BUILDING);
            line2 = rnd.chance(0.5) ? building + rnd.between(1, 15) + "階"
                    : building + rnd.between(1, 9) + "0" + rnd.between(1, 9) + "号室";
        }
        return new Address(receivedOn, town[0], line1, line2);
    }

    private EDelivery eDelivery() {
        if (scheme != Scheme.SHOKIBO || !rnd.chance(0.25)) {
            return null;
        }
        LocalDate from;
        LocalDate to;
        int r = rnd.below(100);
        if (r < 50) {
            from = contractDate;
            to = LocalDate.of(year, 10, 31);
        } else if (r < 85) {
            // around the November run (mid/late November): some link before it, some after
            from = LocalDate.of(year, 11, 1);
            to = LocalDate.of(year, 12, 20);
        } else {
            from = LocalDate.of(year + 1, 1, 4);
            to = LocalDate.of(year + 1, 2, 28);
        }
        if (from.isBefore(contractDate)) {
            from = contractDate;
        }
        if (to.isAfter(exportDate)) {
            to = exportDate;
        }
        if (from.isAfter(to)) {
            return null;
        }
        return new EDelivery(from.plusDays(rnd.below((int) (to.toEpochDay() - from.toEpochDay()) + 1)));
    }

    // ---------------------------------------------------------------- the holder

    private Holder holder() {
        boolean corporate = scheme == Scheme.SAFETY && rnd.chance(0.45);
        LocalDate birth = LocalDate.of(corporate ? 1950 : 1945, 1, 1).plusDays(rnd.below(corporate ? 40 * 365 : 53 * 365));
        String phone = phone();
        if (corporate) {
            String[] form = rnd.pick(People.COMPANY_FORM);
            String[] stem = rnd.pick(People.COMPANY_STEM);
            String[] trade = rnd.pick(People.COMPANY_TRADE);
            boolean before = rnd.chance(0.7); // 前株 / 後株
            String name = before ? form[0] + stem[0] + trade[0] : stem[0] + trade[0] + form[0];
            String kana = before ? form[1] + stem[1] + trade[1] : stem[1] + trade[1] + "（" + form[1].charAt(0);
            int r = rnd.below(100);
            fiscalYearEnd = r < 45 ? 3 : r < 60 ? 12 : r < 70 ? 9 : rnd.between(1, 12);
            return new Holder(name, kana, birth, phone, true, fiscalYearEnd);
        }
        fiscalYearEnd = 0;
        String[] family = rnd.chance(0.10) ? rnd.pick(People.FAMILY_UNCOMMON) : rnd.pick(People.FAMILY);
        String[] given = rnd.pick(People.GIVEN);
        return new Holder(family[0] + " " + given[0], family[1] + " " + given[1], birth, phone, false, null);
    }

    private String phone() {
        StringBuilder sb = new StringBuilder(11);
        if (rnd.chance(0.5)) {
            sb.append(rnd.pick(new String[]{"090", "080", "070"}));
            for (int i = 0; i < 8; i++) {
                sb.append((char) ('0' + rnd.below(10)));
            }
        } else {
            sb.append(rnd.pick(new String[]{"03", "06", "092", "011", "022", "052", "075", "082", "045", "078"}));
            while (sb.length() < 10) {
                sb.append((char) ('0' + rnd.below(10)));
            }
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- numbers

    /**
     * 7 digits, unique within a file of up to 9,000,000 records: an affine permutation of the record index
     * (7,777,777 shares no factor with 9,000,000 = 2^6·3^2·5^6), offset by the seed so files with
     * different seeds number their contracts differently.
     */
    private String contractNo() {
        long offset = Math.floorMod(SplitMix.mix(seed), 9_000_000L);
        long n = 1_000_000L + Math.floorMod(index * 7_777_777L + offset, 9_000_000L);
        return Long.toString(n);
    }

    /** ISO 7064 MOD 97-10 over the 7 digits: a deterministic stand-in for the operator's own check digits. */
    static String checkDigits(String contractNo) {
        long n = Long.parseLong(contractNo);
        int cd = (int) (98 - (n * 100) % 97);
        return cd < 10 ? "0" + cd : Integer.toString(cd);
    }
}
