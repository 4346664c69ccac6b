package jp.kakekin.synthetic;

import jp.kakekin.ledger.LedgerJson;

import jp.kakekin.calc.AddressCutoff;
import jp.kakekin.calc.CollectionCalendar;
import jp.kakekin.ledger.Address;
import jp.kakekin.ledger.ApplicationMethod;
import jp.kakekin.ledger.Ledger;
import jp.kakekin.ledger.LedgerReader;
import jp.kakekin.ledger.LedgerRecord;
import jp.kakekin.ledger.Payment;
import jp.kakekin.ledger.PaymentMethod;
import jp.kakekin.ledger.PaymentMode;
import jp.kakekin.ledger.PaymentModePeriod;
import jp.kakekin.ledger.PendingRequest;
import jp.kakekin.ledger.PremiumPeriod;
import jp.kakekin.ledger.Scheme;
import jp.kakekin.ledger.SchemeLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class SyntheticLedgersTest {

    private static final int YEAR = 2026;

    @TempDir
    Path dir;

    /**
     * The generator's contract with the rest of the project: every line it writes is a ledger the strict
     * reader accepts, and the file has every variety the docs promise (counted in the same pass).
     */
    @Test
    void hundredThousandGeneratedLinesAllPassTheReaderAndCoverEveryVariety() throws IOException {
        Path file = dir.resolve("synthetic.jsonl");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            new SyntheticLedgers(20260101L, YEAR).writeJsonLines(100_000, out);
        }
        Varieties seen = new Varieties();
        List<String> errors = new ArrayList<>();
        long valid = 0;
        try (LedgerReader reader = LedgerReader.open(file)) {
            while (reader.hasNext()) {
                LedgerRecord r = reader.next();
                switch (r) {
                    case LedgerRecord.Valid v -> {
                        valid++;
                        seen.count(v.ledger());
                    }
                    case LedgerRecord.Invalid bad -> errors.add(bad.message());
                }
            }
        }
        assertThat(errors).isEmpty();
        assertThat(valid).isEqualTo(100_000);

        Map<String, Integer> c = seen.counts;
        assertThat(c.get("scheme SHOKIBO") / 1000.0).as("about 80% SHOKIBO").isBetween(77.0, 83.0);
        assertThat(c.get("contractNo distinct")).isEqualTo(100_000);
        for (String variety : List.of(
                "mode MONTHLY", "mode SEMIANNUAL", "mode ANNUAL", "mode change", "premium change",
                "method CASH", "method TRANSFER", "method REMITTANCE", "FAILED SHOKIBO", "FAILED SAFETY",
                "first transfer failed",
                "joined in Y CASH Jan-Jul", "joined in Y NO_CASH Jan-Jul", "joined in Y ONLINE Jan-Jul",
                "joined in Y CASH Aug-Oct", "joined in Y NO_CASH Aug-Oct", "joined in Y ONLINE Aug-Oct",
                "joined in Y CASH Nov-Dec", "joined in Y NO_CASH Nov-Dec", "joined in Y ONLINE Nov-Dec",
                "first-transfer prepayment", "cash prepayment", "prepayment over 12 months", "prepayment 36 months",
                "pending AMOUNT_CHANGE Oct-Dec", "pending LUMP_SUM Oct-Dec", "pending AMOUNT_CHANGE next year",
                "terminated", "address received on the November cutoff", "address received on the February cutoff",
                "address received just before a cutoff", "address received just after a cutoff",
                "e-私書箱 linked before the November run", "e-私書箱 linked after the November run",
                "corporation", "corporation fiscal year 3", "corporation fiscal year 12", "individual SAFETY",
                "re-join cancelled before 2024-10-01", "re-join cancelled from 2024-10-01",
                "cap reached with an odd amount", "discountCarried above zero", "discountCarried zero",
                "kanji 髙", "kanji 﨑", "kanji 𠮷", "kanji 德", "kanji in an address",
                "history from January of Y", "history from April")) {
            assertThat(c.getOrDefault(variety, 0)).as(variety).isGreaterThan(0);
        }
    }

    /** Tallies what a file contains; also checks, for every ledger, what must hold of each one. */
    private static final class Varieties {
        final Map<String, Integer> counts = new TreeMap<>();
        final Set<String> contractNos = new HashSet<>();

        void inc(String key) {
            counts.merge(key, 1, Integer::sum);
        }

        void count(Ledger l) {
            inc("scheme " + l.scheme());
            if (contractNos.add(l.contractNo())) {
                inc("contractNo distinct");
            }
            for (PaymentModePeriod m : l.paymentModes()) {
                inc("mode " + m.mode());
            }
            if (l.paymentModes().size() > 1) {
                inc("mode change");
            }
            if (l.premiums().size() > 1) {
                inc("premium change");
            }
            YearMonth app = l.applicationMonth();
            if (app.getYear() == YEAR) {
                int m = app.getMonthValue();
                inc("joined in Y " + l.applicationMethod() + " " + (m <= 7 ? "Jan-Jul" : m <= 10 ? "Aug-Oct" : "Nov-Dec"));
            }
            boolean anyFailed = false;
            for (Payment p : l.payments()) {
                inc("method " + p.method());
                if (!p.isPaid()) {
                    anyFailed = true;
                    inc("FAILED " + l.scheme());
                    if (p.from().equals(app) && l.applicationMethod() != ApplicationMethod.CASH) {
                        inc("first transfer failed");
                    }
                }
                int own = months(YearMonth.from(p.date()), p.to()) + 1;
                if (p.isPaid() && own > 12) {
                    inc("prepayment over 12 months");
                }
                if (p.isPaid() && own == 36) {
                    inc("prepayment 36 months");
                }
                if (p.isPaid() && p.method() == PaymentMethod.TRANSFER && p.from().equals(app)
                        && YearMonth.from(p.date()).equals(app.plusMonths(2)) && own > 1
                        && l.paymentModes().getFirst().mode() == PaymentMode.MONTHLY) {
                    inc("first-transfer prepayment");
                }
                if (p.method() == PaymentMethod.CASH && p.to().isAfter(app)
                        && l.paymentModes().getFirst().mode() == PaymentMode.MONTHLY) {
                    inc("cash prepayment");
                }
                if (p.method() == PaymentMethod.TRANSFER && l.scheme() == Scheme.SAFETY
                        && p.date().getDayOfMonth() < 5) {
                    inc("SAFETY transfer moved into the next month");
                }
            }
            if (!l.payments().isEmpty()) {
                LocalDate first = l.payments().getFirst().date();
                if (first.getYear() == YEAR && first.getMonthValue() == 1 && l.contractDate().getYear() < YEAR - 1) {
                    inc("history from January of Y");
                }
                if (first.getMonthValue() == 4 && l.discountCarried() != null) {
                    inc("history from April");
                }
            }
            for (PendingRequest r : l.pendingRequests()) {
                YearMonth when = r.kind() == PendingRequest.Kind.AMOUNT_CHANGE ? r.effective() : r.month();
                inc("pending " + r.kind() + (when.getYear() == YEAR && when.getMonthValue() >= 10 ? " Oct-Dec"
                        : when.getYear() > YEAR ? " next year" : " other"));
            }
            if (l.terminatedOn() != null) {
                inc("terminated");
            }
            for (Address a : l.addresses()) {
                for (LocalDate cutoff : List.of(AddressCutoff.november(YEAR), AddressCutoff.february(YEAR))) {
                    long d = a.receivedOn().toEpochDay() - cutoff.toEpochDay();
                    if (d == 0) {
                        inc(cutoff.getMonthValue() == 10 ? "address received on the November cutoff"
                                : "address received on the February cutoff");
                    } else if (d >= -3 && d < 0) {
                        inc("address received just before a cutoff");
                    } else if (d > 0 && d <= 3) {
                        inc("address received just after a cutoff");
                    }
                }
                if (hasUncommonKanji(a.line1() + a.line2())) {
                    inc("kanji in an address");
                }
            }
            if (l.eDelivery() != null) {
                inc(l.eDelivery().linkedOn().isBefore(LocalDate.of(YEAR, 11, 16))
                        ? "e-私書箱 linked before the November run" : "e-私書箱 linked after the November run");
            }
            if (l.holder().corporate()) {
                inc("corporation");
                inc("corporation fiscal year " + l.holder().fiscalYearEndMonth());
            } else if (l.scheme() == Scheme.SAFETY) {
                inc("individual SAFETY");
            }
            if (l.previousTermination() != null) {
                inc(l.previousTermination().isBefore(LocalDate.of(2024, 10, 1))
                        ? "re-join cancelled before 2024-10-01" : "re-join cancelled from 2024-10-01");
                assertThat(l.previousTermination()).isBefore(l.contractDate());
            }
            if (l.discountCarried() != null) {
                inc(l.discountCarried().amount().signum() > 0 ? "discountCarried above zero" : "discountCarried zero");
                assertThat(l.discountCarried().amount()).isLessThan(java.math.BigDecimal.valueOf(5_000));
            }
            for (String ch : List.of("髙", "﨑", "𠮷", "德")) {
                if (l.holder().name().contains(ch)) {
                    inc("kanji " + ch);
                }
            }
            if (l.scheme() == Scheme.SAFETY) {
                long total = l.payments().stream().filter(Payment::isPaid).mapToLong(Payment::amount).sum();
                assertThat(total).isLessThanOrEqualTo(SchemeLimits.SAFETY_CAP);
                if (total == SchemeLimits.SAFETY_CAP) {
                    Payment last = l.payments().stream().filter(Payment::isPaid).reduce((a, b) -> b).orElseThrow();
                    if (last.amount() < premiumsOf(l, last.from(), last.to())) {
                        inc("cap reached with an odd amount");
                    }
                    // nothing is collected once the cap is reached
                    assertThat(l.payments().getLast()).isEqualTo(last);
                    assertThat(l.pendingRequests()).isEmpty();
                }
            }
            checkTransferDates(l);
            if (anyFailed) {
                checkRecoveries(l);
            }
        }
    }

    private static boolean hasUncommonKanji(String s) {
        return s.contains("髙") || s.contains("﨑") || s.contains("𠮷") || s.contains("德");
    }

    /** Transfers happen on the 18th / 27th or the next business day; cash and remittances on business days. */
    private static void checkTransferDates(Ledger l) {
        for (Payment p : l.payments()) {
            assertThat(CollectionCalendar.isBusinessDay(p.date())).as("%s %s", l.contractNo(), p).isTrue();
            if (p.method() == PaymentMethod.TRANSFER) {
                YearMonth m = YearMonth.from(p.date());
                boolean onTransferDay = p.date().equals(CollectionCalendar.transferDate(l.scheme(), m))
                        || p.date().equals(CollectionCalendar.transferDate(l.scheme(), m.minusMonths(1)));
                assertThat(onTransferDay).as("%s %s", l.contractNo(), p).isTrue();
            }
        }
    }

    /**
     * RULES.md 1.3: after the transfer of month f fails, f+1 collects nothing, f+2 collects month f+2 and the
     * months due at f, f+3 month f+3, f+4 month f+4 and month f+1. SAFETY (RULES.md 2): f+2 collects f..f+2.
     * Checked as far as the export reaches and the contract lasts.
     */
    private static void checkRecoveries(Ledger l) {
        List<Payment> ps = l.payments();
        for (Payment failed : ps) {
            if (failed.isPaid()) {
                continue;
            }
            YearMonth f = collectionMonth(l, failed);
            YearMonth lastSeen = collectionMonth(l, ps.getLast());
            YearMonth end = l.terminatedOn() != null ? YearMonth.from(l.terminatedOn()) : null;
            List<String> got = new ArrayList<>();
            List<String> want = new ArrayList<>();
            for (int k = 1; k <= (l.scheme() == Scheme.SHOKIBO ? 4 : 2); k++) {
                YearMonth m = f.plusMonths(k);
                if (m.isAfter(lastSeen) || (end != null && !m.isBefore(end))) {
                    break;
                }
                for (Payment p : ps) {
                    if (p != failed && collectionMonth(l, p).equals(m)) {
                        got.add(m + ":" + p.from() + ".." + p.to());
                    }
                }
                if (l.scheme() == Scheme.SAFETY) {
                    if (k == 2) {
                        Payment last = ps.getLast();
                        boolean reachesCap = last.isPaid() && collectionMonth(l, last).equals(m)
                                && ps.stream().filter(Payment::isPaid).mapToLong(Payment::amount).sum() == SchemeLimits.SAFETY_CAP;
                        // the collection that reaches the cap buys only the months up to it
                        want.add(m + ":" + failed.from() + ".." + (reachesCap ? last.to() : m));
                    }
                    continue;
                }
                switch (k) {
                    case 2 -> {
                        want.add(m + ":" + failed.from() + ".." + f);
                        want.add(m + ":" + m + ".." + m);
                    }
                    case 3 -> want.add(m + ":" + m + ".." + m);
                    case 4 -> {
                        want.add(m + ":" + f.plusMonths(1) + ".." + f.plusMonths(1));
                        want.add(m + ":" + m + ".." + m);
                    }
                    default -> {
                    }
                }
            }
            assertThat(got).as("recovery of %s in contract %s", failed, l.contractNo()).isEqualTo(want);
        }
    }

    /** The month a collection belongs to: a SAFETY February transfer can land on the first days of March. */
    private static YearMonth collectionMonth(Ledger l, Payment p) {
        YearMonth m = YearMonth.from(p.date());
        if (p.method() == PaymentMethod.TRANSFER && !p.date().equals(CollectionCalendar.transferDate(l.scheme(), m))) {
            return m.minusMonths(1);
        }
        return m;
    }

    private static long premiumsOf(Ledger l, YearMonth from, YearMonth to) {
        long sum = 0;
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            long p = 0;
            for (PremiumPeriod pp : l.premiums()) {
                if (!pp.from().isAfter(m)) {
                    p = pp.monthly();
                }
            }
            sum += p;
        }
        return sum;
    }

    private static int months(YearMonth a, YearMonth b) {
        return (b.getYear() - a.getYear()) * 12 + b.getMonthValue() - a.getMonthValue();
    }

    @Test
    void sameArgumentsGiveTheSameBytesAndAnotherSeedDoesNot() throws Exception {
        byte[] a = sha256(new SyntheticLedgers(7, YEAR), 5_000);
        byte[] b = sha256(new SyntheticLedgers(7, YEAR), 5_000);
        byte[] otherSeed = sha256(new SyntheticLedgers(8, YEAR), 5_000);
        byte[] otherYear = sha256(new SyntheticLedgers(7, YEAR + 1), 5_000);
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(otherSeed);
        assertThat(a).isNotEqualTo(otherYear);
    }

    /** Output produced by this generator once and kept: any change to the generator that alters bytes shows here. */
    @Test
    void outputIsStableAcrossBuilds() throws Exception {
        StringWriter out = new StringWriter();
        new SyntheticLedgers(1, YEAR).writeJsonLines(3, out);
        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(3);
        for (String line : lines) {
            assertThat(LedgerReader.parseOne("pinned", line)).isInstanceOf(LedgerRecord.Valid.class);
        }
        assertThat(hex(MessageDigest.getInstance("SHA-256").digest(out.toString().getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(PINNED_SHA256);
    }

    // SHA-256 of `generate-ledger --count 3 --seed 1 --year 2026`; update deliberately when the generator changes.
    private static final String PINNED_SHA256 = "509ccaa60eda1d970bf8d695f9636c99cb5585fcbeca2668a149adcc8fe78a65";

    @Test
    void aRecordDependsOnlyOnItsIndexNotOnTheFileSize() throws IOException {
        SyntheticLedgers g = new SyntheticLedgers(99, YEAR);
        StringWriter out = new StringWriter();
        g.writeJsonLines(50, out);
        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(50);
        assertThat(lines[37]).isEqualTo(LedgerJson.toJson(g.ledger(37)));
        assertThat(lines[0]).isEqualTo(LedgerJson.toJson(new SyntheticLedgers(99, YEAR).ledger(0)));
    }

    @Test
    void writtenJsonReadsBackToTheSameLedger() {
        SyntheticLedgers g = new SyntheticLedgers(3, YEAR);
        for (int i = 0; i < 3_000; i++) {
            Ledger l = g.ledger(i);
            LedgerRecord r = LedgerReader.parseOne("roundtrip", LedgerJson.toJson(l));
            assertThat(r).isInstanceOf(LedgerRecord.Valid.class);
            assertThat(((LedgerRecord.Valid) r).ledger()).as("record %d", i).isEqualTo(l);
        }
    }

    @Test
    void exportPointDecidesWhatTheLedgersCanShow() {
        LocalDate october = AddressCutoff.november(YEAR);
        SyntheticLedgers oct = new SyntheticLedgers(5, YEAR, SyntheticLedgers.ExportPoint.OCTOBER);
        SyntheticLedgers jan = new SyntheticLedgers(5, YEAR, SyntheticLedgers.ExportPoint.JANUARY);
        boolean sawJanuaryPayment = false;
        for (int i = 0; i < 2_000; i++) {
            Ledger o = oct.ledger(i);
            for (Payment p : o.payments()) {
                assertThat(p.date()).isBeforeOrEqualTo(october);
            }
            for (Address a : o.addresses()) {
                assertThat(a.receivedOn()).isBeforeOrEqualTo(october);
            }
            for (Payment p : jan.ledger(i).payments()) {
                assertThat(p.date()).isBeforeOrEqualTo(LocalDate.of(YEAR + 1, 1, 31));
                sawJanuaryPayment |= p.date().getYear() == YEAR + 1;
            }
        }
        assertThat(sawJanuaryPayment).isTrue();
    }

    @Test
    void checkDigitsAreMod97() {
        assertThat(ContractSimulation.checkDigits("1000000")).hasSize(2);
        for (int n = 1_000_000; n < 1_000_500; n++) {
            String s = Integer.toString(n);
            assertThat((Long.parseLong(s + ContractSimulation.checkDigits(s))) % 97).isEqualTo(1);
        }
    }

    private static byte[] sha256(SyntheticLedgers g, int count) throws Exception {
        StringWriter out = new StringWriter();
        g.writeJsonLines(count, out);
        return MessageDigest.getInstance("SHA-256").digest(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(Character.forDigit((b >> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
        }
        return sb.toString();
    }
}
