package jp.kakekin.calc;

import jp.kakekin.ledger.ApplicationMethod;
import jp.kakekin.ledger.Ledger;
import jp.kakekin.ledger.Payment;
import jp.kakekin.ledger.PaymentMethod;
import jp.kakekin.ledger.PaymentMode;
import jp.kakekin.ledger.PaymentModePeriod;
import jp.kakekin.ledger.Scheme;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Ledgers whose collections cannot have happened under RULES.md 1.1–1.3 (RULES.md 1.8): such a record is
 * held for the operator rather than given figures computed from contradictory data. The checks read the
 * ledger as known at the document's cutoff, every collection whatever its year:
 * <ul>
 * <li>a <b>collection</b> is the PAID {@code TRANSFER} entries of one date taken together, or the window
 *     {@code CASH} of the application (CASH entries of one date); {@code REMITTANCE} entries are never
 *     checked;</li>
 * <li>"fewer months" is a count: the months a collection covers against the months 1.1 requires of it,
 *     both without the months paid by other PAID entries dated on or before it; a collection dated on or
 *     after the termination day need only cover the months before the termination month.</li>
 * </ul>
 * Each check can be switched off ({@link CalculationPolicy#heldChecks()}).
 */
final class HeldChecks {

    private HeldChecks() {
    }

    /** One collection: the PAID entries of one method and one date. */
    private record Collection(LocalDate date, PaymentMethod method, List<Payment> entries) {
        int month() {
            return Months.of(date);
        }

        boolean covers(int m) {
            for (Payment p : entries) {
                if (Months.of(p.from()) <= m && m <= Months.of(p.to())) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The codes the record is held for, in RULES.md order; empty when it is not held. */
    static List<HoldCode> of(LedgerAtCutoff known, int year, CalculationPolicy policy) {
        Set<HoldCode> held = EnumSet.noneOf(HoldCode.class);
        if (known.ledger.scheme() != Scheme.SHOKIBO || policy.heldChecks().isEmpty()) {
            return List.of();
        }
        List<Collection> collections = collections(known.payments);
        Collection first = firstCollection(known, collections);
        if (policy.checks(HoldCode.FIRST_COLLECTION_SHAPE) && firstCollectionShapeWrong(known, first)) {
            held.add(HoldCode.FIRST_COLLECTION_SHAPE);
        }
        if (policy.checks(HoldCode.SHORT_COLLECTION) && anyShortCollection(known, collections, first)) {
            held.add(HoldCode.SHORT_COLLECTION);
        }
        if (policy.checks(HoldCode.REFUND_UNKNOWN) && refundUnknown(known, year)) {
            held.add(HoldCode.REFUND_UNKNOWN);
        }
        return List.copyOf(held);
    }

    private static List<Collection> collections(List<Payment> payments) {
        if (!inDateOrder(payments)) {
            return collectionsByMap(payments);
        }
        // The payments in date order (as LedgerAtCutoff keeps them): one pass gives what the maps and the
        // sort below give — per date the window cash, then the transfers, each in the ledger's order —
        // without two TreeMaps and a sort per record.
        List<Collection> all = new ArrayList<>();
        List<Payment> cash = new ArrayList<>(1);
        List<Payment> transfers = new ArrayList<>(2);
        LocalDate date = null;
        for (Payment p : payments) {
            if (!p.isPaid() || p.method() == PaymentMethod.REMITTANCE) {
                continue; // REMITTANCE: never checked (RULES.md 1.8)
            }
            if (!p.date().equals(date)) {
                addCollections(all, date, cash, transfers);
                cash = new ArrayList<>(1);
                transfers = new ArrayList<>(2);
                date = p.date();
            }
            (p.method() == PaymentMethod.CASH ? cash : transfers).add(p);
        }
        addCollections(all, date, cash, transfers);
        return all;
    }

    private static void addCollections(List<Collection> all, LocalDate date, List<Payment> cash, List<Payment> transfers) {
        if (!cash.isEmpty()) {
            all.add(new Collection(date, PaymentMethod.CASH, cash));
        }
        if (!transfers.isEmpty()) {
            all.add(new Collection(date, PaymentMethod.TRANSFER, transfers));
        }
    }

    private static boolean inDateOrder(List<Payment> payments) {
        for (int i = 1; i < payments.size(); i++) {
            if (payments.get(i).date().isBefore(payments.get(i - 1).date())) {
                return false;
            }
        }
        return true;
    }

    private static List<Collection> collectionsByMap(List<Payment> payments) {
        Map<LocalDate, List<Payment>> transfers = new TreeMap<>();
        Map<LocalDate, List<Payment>> cash = new TreeMap<>();
        for (Payment p : payments) {
            if (!p.isPaid()) {
                continue;
            }
            switch (p.method()) {
                case TRANSFER -> transfers.computeIfAbsent(p.date(), d -> new ArrayList<>()).add(p);
                case CASH -> cash.computeIfAbsent(p.date(), d -> new ArrayList<>()).add(p);
                case REMITTANCE -> {
                    // never checked (RULES.md 1.8)
                }
            }
        }
        List<Collection> all = new ArrayList<>();
        cash.forEach((d, ps) -> all.add(new Collection(d, PaymentMethod.CASH, ps)));
        transfers.forEach((d, ps) -> all.add(new Collection(d, PaymentMethod.TRANSFER, ps)));
        all.sort(java.util.Comparator.comparing(Collection::date));
        return all;
    }

    /**
     * The contract's first collection when it is in the ledger (a payment covers the application month):
     * the window cash for {@code CASH}, the first transfer otherwise — the earliest collection of that
     * method covering the application month. Null when the ledger does not hold it.
     */
    private static Collection firstCollection(LedgerAtCutoff known, List<Collection> collections) {
        int application = Months.of(known.ledger.applicationMonth());
        PaymentMethod method = known.ledger.applicationMethod() == ApplicationMethod.CASH
                ? PaymentMethod.CASH : PaymentMethod.TRANSFER;
        for (Collection c : collections) {
            if (c.method() == method && c.covers(application)) {
                return c;
            }
        }
        return null;
    }

    /** The payment mode chosen on the application: the entry in force in the application month (else the first). */
    private static PaymentModePeriod initialMode(Ledger ledger) {
        List<PaymentModePeriod> modes = ledger.paymentModes();
        PaymentModePeriod initial = modes.isEmpty() ? null : modes.getFirst();
        int application = Months.of(ledger.applicationMonth());
        for (PaymentModePeriod m : modes) {
            if (Months.of(m.from()) <= application) {
                initial = m;
            }
        }
        return initial;
    }

    /**
     * FIRST_COLLECTION_SHAPE: the first collection is in the ledger (a payment covers the application
     * month) and contradicts 1.1 — a semiannual/annual mode chosen on the application that is not
     * designated from the application month (semiannual: nor 6 months later), or a first collection
     * covering fewer months than required (the 6/12 months from the application month, or the
     * application month for CASH / application month to transfer month otherwise when paying monthly),
     * unless a FAILED entry covers the application month.
     */
    private static boolean firstCollectionShapeWrong(LedgerAtCutoff known, Collection first) {
        Ledger ledger = known.ledger;
        int application = Months.of(ledger.applicationMonth());
        boolean inLedger = false;
        boolean failed = false;
        for (Payment p : known.payments) {
            if (p.method() != PaymentMethod.REMITTANCE && Months.of(p.from()) <= application
                    && application <= Months.of(p.to())) {
                inLedger = true;
                failed |= !p.isPaid();
            }
        }
        if (!inLedger) {
            return false;
        }
        PaymentModePeriod initial = initialMode(ledger);
        PaymentMode mode = initial == null ? PaymentMode.MONTHLY : initial.mode();
        if (mode != PaymentMode.MONTHLY) {
            int moy = Months.monthOfYear(application);
            int designated = initial.month();
            boolean fromApplication = designated == moy
                    || (mode == PaymentMode.SEMIANNUAL && (designated + 5) % 12 + 1 == moy);
            if (!fromApplication) {
                return true;
            }
        }
        if (first == null || failed) {
            return false;
        }
        int span = mode.monthsPerCollection();
        int lastRequired = ledger.applicationMethod() == ApplicationMethod.CASH
                ? application + span - 1
                : Math.max(application + span - 1, application + 2);
        return coversFewer(known, first, application, lastRequired);
    }

    /**
     * SHORT_COLLECTION: a PAID transfer in a designated month of a semiannual/annual mode (other than the
     * first collection) covering fewer months than the mode's span from that month, unless it is a
     * recovery under 1.3 (two to four months after a failed transfer).
     */
    private static boolean anyShortCollection(LedgerAtCutoff known, List<Collection> collections, Collection first) {
        PremiumTimeline t = known.timeline;
        List<Integer> failures = new ArrayList<>();
        for (Payment p : known.payments) {
            if (!p.isPaid() && p.method() != PaymentMethod.REMITTANCE) {
                failures.add(Months.of(p.date()));
            }
        }
        for (Collection c : collections) {
            if (c.method() != PaymentMethod.TRANSFER || c == first) {
                continue;
            }
            int d = c.month();
            if (!t.isDesignated(d) || isRecovery(d, failures)) {
                continue;
            }
            if (coversFewer(known, c, d, d + t.span(d) - 1)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isRecovery(int month, List<Integer> failures) {
        for (int f : failures) {
            int k = month - f;
            if (k >= 2 && k <= 4) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether collection c covers fewer months than the required months from..to, counting on both sides
     * only months not paid by other PAID entries dated on or before c; a collection dated on or after the
     * termination day need only cover the months before the termination month.
     */
    private static boolean coversFewer(LedgerAtCutoff known, Collection c, int from, int to) {
        LocalDate terminated = known.terminatedOn();
        if (terminated != null && !c.date().isBefore(terminated)) {
            to = Math.min(to, known.terminationMonth - 1);
        }
        int required = 0;
        for (int m = from; m <= to; m++) {
            if (!paidByOthers(known, c, m)) {
                required++;
            }
        }
        int covered = 0;
        int lo = Integer.MAX_VALUE;
        int hi = Integer.MIN_VALUE;
        for (Payment p : c.entries()) {
            lo = Math.min(lo, Months.of(p.from()));
            hi = Math.max(hi, Months.of(p.to()));
        }
        for (int m = lo; m <= hi; m++) {
            if (c.covers(m) && !paidByOthers(known, c, m)) {
                covered++;
            }
        }
        return covered < required;
    }

    private static boolean paidByOthers(LedgerAtCutoff known, Collection c, int m) {
        for (Payment p : known.paidCovering(m)) {
            if (!p.date().isAfter(c.date()) && !containsSame(c.entries(), p)) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsSame(List<Payment> entries, Payment p) {
        for (Payment e : entries) {
            if (e == p) {
                return true;
            }
        }
        return false;
    }

    /**
     * REFUND_UNKNOWN: a PAID payment dated in Y covers a month from the termination month on (a termination
     * known at the cutoff): its refund is not in the ledger, so 済額 cannot be stated.
     */
    private static boolean refundUnknown(LedgerAtCutoff known, int year) {
        if (known.terminationMonth == Integer.MAX_VALUE) {
            return false;
        }
        for (Payment p : known.payments) {
            if (p.isPaid() && p.method() != PaymentMethod.REMITTANCE && p.date().getYear() == year
                    && Months.of(p.to()) >= known.terminationMonth) {
                return true;
            }
        }
        return false;
    }
}
