package jp.kakekin.synthetic;

import jp.kakekin.calc.CollectionCalendar;
import jp.kakekin.calc.DataCutoff;
import jp.kakekin.calc.Eligibility;
import jp.kakekin.calc.HoldCode;
import jp.kakekin.ledger.ApplicationMethod;
import jp.kakekin.ledger.Ledger;
import jp.kakekin.ledger.Payment;
import jp.kakekin.ledger.PaymentMethod;
import jp.kakekin.ledger.PaymentMode;
import jp.kakekin.ledger.PaymentModePeriod;
import jp.kakekin.ledger.PaymentStatus;
import jp.kakekin.ledger.PremiumPeriod;
import jp.kakekin.ledger.Scheme;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns a generated 小規模企業共済 ledger into one of the shapes RULES.md 1.8 holds, for tests of the held
 * path ({@code generate-ledger --held-rate}). Each shape is what an operator's system could plausibly export
 * and what a reader must not compute figures from:
 * <ul>
 * <li>{@link HoldCode#FIRST_COLLECTION_SHAPE}: the mode chosen on the application is designated from the
 *     month after the application month (semiannual/annual), or the first transfer of a monthly NO_CASH/ONLINE
 *     contract covers one month too few;</li>
 * <li>{@link HoldCode#SHORT_COLLECTION}: a designated collection takes 1 to span−2 months, the rest of the
 *     period then collected monthly;</li>
 * <li>{@link HoldCode#REFUND_UNKNOWN}: the contract is terminated after a collection of the year that covers
 *     the termination month, and nothing is collected afterwards.</li>
 * </ul>
 * Every shape is placed where the issue the record gets can see it (dated on or before September 30 of Y
 * when the record is November-issue, by the export otherwise). A ledger that offers no place for the shape
 * drawn is tried with the others; if none fits it is left as it is.
 */
final class HeldShapes {

    private final Ledger ledger;
    private final int year;
    private final LocalDate exportDate;
    private final SplitMix rnd;

    private HeldShapes(Ledger ledger, int year, LocalDate exportDate, SplitMix rnd) {
        this.ledger = ledger;
        this.year = year;
        this.exportDate = exportDate;
        this.rnd = rnd;
    }

    /** The ledger with a held shape, or null when it has no place for any. */
    static Shaped inject(Ledger ledger, int year, LocalDate exportDate, SplitMix rnd) {
        if (ledger.scheme() != Scheme.SHOKIBO) {
            return null;
        }
        HeldShapes s = new HeldShapes(ledger, year, exportDate, rnd);
        HoldCode[] codes = HoldCode.values();
        int first = rnd.below(codes.length);
        for (int k = 0; k < codes.length; k++) {
            HoldCode code = codes[(first + k) % codes.length];
            Ledger shaped = switch (code) {
                case FIRST_COLLECTION_SHAPE -> s.firstCollectionShape();
                case SHORT_COLLECTION -> s.shortCollection();
                case REFUND_UNKNOWN -> s.refundUnknown();
            };
            // only a record that gets a certificate is checked at all (RULES.md 1.8)
            if (shaped != null && (Eligibility.november(shaped, year) || Eligibility.february(shaped, year))) {
                return new Shaped(shaped, code);
            }
        }
        return null;
    }

    record Shaped(Ledger ledger, HoldCode code) {
    }

    // ---------------------------------------------------------------- helpers

    /** The last day a payment can be dated and still be seen by the issue this record gets. */
    private LocalDate visibleUntil() {
        LocalDate limit = Eligibility.november(ledger, year) ? DataCutoff.november(year) : DataCutoff.february(year);
        return limit.isAfter(exportDate) ? exportDate : limit;
    }

    private long premium(YearMonth m) {
        long p = 0;
        for (PremiumPeriod e : ledger.premiums()) {
            if (!e.from().isAfter(m)) {
                p = e.monthly();
            }
        }
        return p;
    }

    private long amount(YearMonth from, YearMonth to) {
        long sum = 0;
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            sum += premium(m);
        }
        return sum;
    }

    private PaymentModePeriod modeIn(YearMonth m) {
        PaymentModePeriod mode = null;
        for (PaymentModePeriod e : ledger.paymentModes()) {
            if (!e.from().isAfter(m)) {
                mode = e;
            }
        }
        return mode;
    }

    private boolean isDesignated(YearMonth m) {
        PaymentModePeriod mode = modeIn(m);
        if (mode == null || mode.mode() == PaymentMode.MONTHLY) {
            return false;
        }
        int moy = m.getMonthValue();
        return mode.mode() == PaymentMode.ANNUAL ? moy == mode.month()
                : Math.floorMod(moy - mode.month(), 6) == 0;
    }

    private boolean failedShortlyBefore(YearMonth m) {
        for (Payment p : ledger.payments()) {
            if (!p.isPaid()) {
                long k = YearMonth.from(p.date()).until(m, java.time.temporal.ChronoUnit.MONTHS);
                if (k >= 0 && k <= 4) {
                    return true;
                }
            }
        }
        return false;
    }

    private Ledger with(List<PaymentModePeriod> modes, List<Payment> payments, boolean keepPending,
                        LocalDate terminatedOn) {
        List<Payment> sorted = new ArrayList<>(payments);
        sorted.sort(Comparator.comparing(Payment::date));
        return new Ledger(ledger.scheme(), ledger.contractNo(), ledger.checkDigits(), ledger.holder(),
                ledger.addresses(), ledger.contractDate(), ledger.applicationMonth(), ledger.applicationMethod(),
                ledger.premiums(), modes, sorted, keepPending ? ledger.pendingRequests() : List.of(),
                ledger.discountCarried(), terminatedOn, ledger.previousTermination(), ledger.eDelivery());
    }

    private static Payment paid(LocalDate date, long amount, YearMonth from, YearMonth to) {
        return new Payment(date, PaymentMethod.TRANSFER, PaymentStatus.PAID, amount, from, to);
    }

    // ---------------------------------------------------------------- the shapes

    private Ledger firstCollectionShape() {
        YearMonth app = ledger.applicationMonth();
        Payment first = null;
        for (Payment p : ledger.payments()) {
            if (p.isPaid() && p.method() != PaymentMethod.REMITTANCE && p.covers(app)) {
                first = p;
                break;
            }
        }
        if (first == null || first.date().isAfter(visibleUntil())
                || ledger.payments().stream().anyMatch(p -> !p.isPaid() && p.covers(app))) {
            return null;
        }
        PaymentModePeriod initial = ledger.paymentModes().getFirst();
        if (initial.mode() != PaymentMode.MONTHLY && !initial.from().isAfter(app)) {
            // designated from the month after the application month (S21's shape)
            int moved = app.getMonthValue() % 12 + 1;
            int designated = initial.mode() == PaymentMode.SEMIANNUAL ? (moved - 1) % 6 + 1 : moved;
            List<PaymentModePeriod> modes = new ArrayList<>(ledger.paymentModes());
            modes.set(0, new PaymentModePeriod(initial.from(), initial.mode(), designated));
            return with(modes, ledger.payments(), true, ledger.terminatedOn());
        }
        if (initial.mode() == PaymentMode.MONTHLY && ledger.applicationMethod() != ApplicationMethod.CASH
                && first.method() == PaymentMethod.TRANSFER && first.from().equals(app)
                && !first.to().isBefore(app.plusMonths(2))) {
            // the first transfer covers the application month and the next month only
            List<Payment> payments = new ArrayList<>(ledger.payments());
            YearMonth to = app.plusMonths(1);
            payments.set(payments.indexOf(first), paid(first.date(), amount(app, to), app, to));
            return with(ledger.paymentModes(), payments, true, ledger.terminatedOn());
        }
        return null;
    }

    private Ledger shortCollection() {
        YearMonth app = ledger.applicationMonth();
        LocalDate until = visibleUntil();
        List<Payment> candidates = new ArrayList<>();
        for (Payment p : ledger.payments()) {
            YearMonth d = YearMonth.from(p.date());
            if (p.isPaid() && p.method() == PaymentMethod.TRANSFER && !p.date().isAfter(until) && !p.covers(app)
                    && p.from().equals(d) && isDesignated(d) && !failedShortlyBefore(d)
                    && d.until(p.to(), java.time.temporal.ChronoUnit.MONTHS) + 1
                    >= modeIn(d).mode().monthsPerCollection()) {
                candidates.add(p);
            }
        }
        if (candidates.isEmpty()) {
            return null;
        }
        Payment p = candidates.get(rnd.below(candidates.size()));
        int span = modeIn(p.from()).mode().monthsPerCollection();
        YearMonth shortTo = p.from().plusMonths(rnd.below(span - 2));
        YearMonth periodEnd = p.from().plusMonths(span - 1);
        List<Payment> payments = new ArrayList<>(ledger.payments());
        payments.set(payments.indexOf(p), paid(p.date(), amount(p.from(), shortTo), p.from(), shortTo));
        // the rest of the period collected month by month, then what the collection prepaid beyond the period
        // in the next designated month, as far as the export saw
        for (YearMonth m = shortTo.plusMonths(1); !m.isAfter(p.to()); m = m.plusMonths(1)) {
            LocalDate td = CollectionCalendar.transferDate(Scheme.SHOKIBO, m);
            if (td.isAfter(exportDate) || (ledger.terminatedOn() != null && !td.isBefore(ledger.terminatedOn()))) {
                break;
            }
            YearMonth to = m.isAfter(periodEnd) ? p.to() : m;
            payments.add(paid(td, amount(m, to), m, to));
            m = to;
        }
        return with(ledger.paymentModes(), payments, true, ledger.terminatedOn());
    }

    private Ledger refundUnknown() {
        if (ledger.terminatedOn() != null) {
            return null;
        }
        LocalDate until = visibleUntil();
        Payment last = null;
        for (Payment p : ledger.payments()) {
            if (p.isPaid() && p.method() != PaymentMethod.REMITTANCE && p.date().getYear() == year
                    && !p.date().isAfter(until)) {
                last = p;
            }
        }
        if (last == null) {
            return null;
        }
        // terminated after that collection, in a month it covers, before the visible limit
        LocalDate latest = last.to().atEndOfMonth();
        if (latest.isAfter(until)) {
            latest = until;
        }
        long room = latest.toEpochDay() - last.date().toEpochDay();
        if (room < 1) {
            return null;
        }
        LocalDate t = last.date().plusDays(1 + rnd.below((int) Math.min(room, 60)));
        List<Payment> payments = new ArrayList<>();
        for (Payment p : ledger.payments()) {
            if (p.date().isBefore(t)) {
                payments.add(p);
            }
        }
        return with(ledger.paymentModes(), payments, false, t);
    }
}
