package jp.kakekin.ledger;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.StringNode;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Turns one JSON object into a {@link Ledger}, or into every error it has, each naming its field.
 * Strict by design: a wrong 控除額 goes straight onto a tax return, so nothing unexpected is let through.
 */
public final class LedgerParser {

    private static final Pattern CONTRACT_NO = Pattern.compile("\\d{7}");
    private static final Pattern CHECK_DIGITS = Pattern.compile("\\d{2}");
    private static final Pattern POSTAL_CODE = Pattern.compile("\\d{7}");

    private static final Fields TOP = new Fields("scheme", "contractNo", "checkDigits", "holder", "addresses",
            "contractDate", "applicationMonth", "applicationMethod", "premiums", "paymentModes", "payments",
            "pendingRequests", "discountCarried", "terminatedOn", "previousTermination", "eDelivery");
    private static final Fields HOLDER = new Fields("name", "nameKana", "birthDate", "phone", "corporate",
            "fiscalYearEndMonth");
    private static final Fields ADDRESS = new Fields("receivedOn", "postalCode", "line1", "line2");
    private static final Fields PREMIUM = new Fields("from", "monthly");
    private static final Fields MODE = new Fields("from", "mode", "month");
    private static final Fields PAYMENT = new Fields("date", "method", "status", "amount", "from", "to");
    private static final Fields PENDING = new Fields("kind", "effective", "monthly", "month", "months");
    private static final Fields CARRIED = new Fields("asOf", "amount");
    private static final Fields EDELIVERY = new Fields("linkedOn");

    /** Longest holder name or reading (characters): far above any real one, within the store's columns. */
    static final int MAX_NAME = 100;
    /** Longest address line (characters). */
    static final int MAX_ADDRESS_LINE = 200;
    /** Longest phone number as written (characters). */
    static final int MAX_PHONE = 30;
    /** Longest other text value (characters). */
    static final int MAX_TEXT = 200;

    private final String file;
    private final long line;
    private final List<LedgerError> errors = new ArrayList<>();

    private LedgerParser(String file, long line) {
        this.file = file;
        this.line = line;
    }

    /** Parses one record; never throws for bad content. */
    public static LedgerRecord parse(JsonNode node, String file, long line) {
        LedgerParser p = new LedgerParser(file, line);
        Ledger ledger = p.ledger(node);
        if (ledger == null || !p.errors.isEmpty()) {
            String contractNo = node != null && node.isObject() && node.path("contractNo").isString()
                    ? Printable.of(node.path("contractNo").stringValue(), 20) : null;
            if (p.errors.isEmpty()) {
                p.error("(record)", "not a valid ledger");
            }
            return new LedgerRecord.Invalid(line, p.errors, contractNo);
        }
        return new LedgerRecord.Valid(line, ledger);
    }

    private void error(String field, String message) {
        errors.add(new LedgerError(file, line, field, message));
    }

    private Ledger ledger(JsonNode n) {
        if (n == null || !n.isObject()) {
            error("(record)", "expected a JSON object");
            return null;
        }
        unknown(n, TOP, "");
        Scheme scheme = enumValue(n, "", "scheme", Scheme.class, true);
        String contractNo = pattern(n, "", "contractNo", CONTRACT_NO, "exactly 7 digits");
        String checkDigits = pattern(n, "", "checkDigits", CHECK_DIGITS, "exactly 2 digits");
        Holder holder = holder(n.get("holder"), scheme);
        List<Address> addresses = list(n, ADDRESSES, true, this::address, ADDRESS);
        if (addresses != null && addresses.isEmpty()) {
            error("addresses", "at least one address is required");
        }
        LocalDate contractDate = date(n, "", "contractDate", true);
        YearMonth applicationMonth = month(n, "", "applicationMonth", true);
        ApplicationMethod method = enumValue(n, "", "applicationMethod", ApplicationMethod.class, true);
        List<PremiumPeriod> premiums = list(n, PREMIUMS, true, (e, path, prefix) -> premium(e, prefix, scheme), PREMIUM);
        if (premiums != null && premiums.isEmpty()) {
            error("premiums", "at least one premium is required");
        }
        List<PaymentModePeriod> modes = list(n, PAYMENT_MODES, true, this::paymentMode, MODE);
        if (modes != null && modes.isEmpty()) {
            error("paymentModes", "at least one payment mode is required");
        }
        List<Payment> payments = list(n, PAYMENTS, true, this::payment, PAYMENT);
        List<PendingRequest> pending = list(n, PENDING_REQUESTS, false, (e, path, prefix) -> pending(e, path, prefix, scheme),
                PENDING);
        DiscountCarried carried = discountCarried(n.get("discountCarried"), scheme);
        LocalDate terminatedOn = date(n, "", "terminatedOn", false);
        LocalDate previousTermination = date(n, "", "previousTermination", false);
        EDelivery eDelivery = eDelivery(n.get("eDelivery"));

        ascending(premiums, PremiumPeriod::from, "premiums");
        ascending(modes, PaymentModePeriod::from, "paymentModes");
        if (premiums != null && payments != null && scheme != null && errors.isEmpty()) {
            amounts(scheme, premiums, payments);
        }
        if (!errors.isEmpty()) {
            return null;
        }
        return new Ledger(scheme, contractNo, checkDigits, holder, addresses, contractDate, applicationMonth, method,
                premiums, modes, payments, pending == null ? List.of() : pending, carried, terminatedOn,
                previousTermination, eDelivery);
    }

    private Holder holder(JsonNode h, Scheme scheme) {
        if (h == null || h.isNull()) {
            error("holder", "is required");
            return null;
        }
        if (!h.isObject()) {
            error("holder", "expected an object");
            return null;
        }
        unknown(h, HOLDER, "holder.");
        String name = string(h, "holder.", "name", true, MAX_NAME);
        if (name != null && name.isBlank()) {
            error("holder.name", "must not be blank");
        }
        String kana = string(h, "holder.", "nameKana", false, MAX_NAME);
        LocalDate birth = date(h, "holder.", "birthDate", false);
        String phone = string(h, "holder.", "phone", false, MAX_PHONE);
        boolean corporate = false;
        JsonNode c = h.get("corporate");
        if (c != null && !c.isNull()) {
            if (!c.isBoolean()) {
                error("holder.corporate", "expected true or false");
            } else {
                corporate = c.booleanValue();
            }
        }
        Integer fyEnd = integer(h, "holder.", "fiscalYearEndMonth", false);
        if (fyEnd != null && (fyEnd < 1 || fyEnd > 12)) {
            error("holder.fiscalYearEndMonth", "must be a month from 1 to 12, was " + fyEnd);
        }
        if (corporate && scheme == Scheme.SHOKIBO) {
            error("holder.corporate", "小規模企業共済 holders are individuals");
        }
        if (corporate && fyEnd == null && scheme == Scheme.SAFETY) {
            error("holder.fiscalYearEndMonth", "is required for a corporation (the month its 事業年度 ends)");
        }
        return new Holder(name, kana, birth, phone, corporate, fyEnd);
    }

    private Address address(JsonNode a, String path, String prefix) {
        LocalDate received = date(a, prefix, "receivedOn", true);
        String postal = pattern(a, prefix, "postalCode", POSTAL_CODE, "exactly 7 digits");
        String line1 = string(a, prefix, "line1", true, MAX_ADDRESS_LINE);
        if (line1 != null && line1.isBlank()) {
            error(prefix + "line1", "must not be blank");
        }
        String line2 = string(a, prefix, "line2", false, MAX_ADDRESS_LINE);
        return new Address(received, postal, line1, line2 == null ? "" : line2);
    }

    private PremiumPeriod premium(JsonNode p, String prefix, Scheme scheme) {
        YearMonth from = month(p, prefix, "from", true);
        Long monthly = longValue(p, prefix, "monthly", true);
        if (monthly != null && scheme != null && !SchemeLimits.isValidMonthly(scheme, monthly)) {
            error(prefix + "monthly", "%,d is not a valid %s premium (%s)".formatted(monthly, scheme,
                    SchemeLimits.describe(scheme)));
        }
        return new PremiumPeriod(from, monthly == null ? 0 : monthly);
    }

    private PaymentModePeriod paymentMode(JsonNode m, String path, String prefix) {
        YearMonth from = month(m, prefix, "from", true);
        PaymentMode mode = enumValue(m, prefix, "mode", PaymentMode.class, true);
        Integer month = integer(m, prefix, "month", false);
        if (mode != null && mode != PaymentMode.MONTHLY && month == null) {
            error(prefix + "month", "is required for " + mode + " (the designated month)");
        }
        if (month != null && (month < 1 || month > 12)) {
            error(prefix + "month", "must be a month from 1 to 12, was " + month);
        }
        if (mode == PaymentMode.MONTHLY && month != null) {
            error(prefix + "month", "must be absent for MONTHLY");
        }
        return new PaymentModePeriod(from, mode, month);
    }

    private Payment payment(JsonNode p, String path, String prefix) {
        LocalDate date = date(p, prefix, "date", true);
        PaymentMethod method = enumValue(p, prefix, "method", PaymentMethod.class, true);
        PaymentStatus status = enumValue(p, prefix, "status", PaymentStatus.class, false);
        Long amount = longValue(p, prefix, "amount", true);
        if (amount != null && amount <= 0) {
            error(prefix + "amount", "must be positive, was " + amount);
        }
        YearMonth from = month(p, prefix, "from", true);
        YearMonth to = month(p, prefix, "to", true);
        if (from != null && to != null && from.isAfter(to)) {
            error(prefix + "from", "%s is after to %s".formatted(from, to));
        } else if (from != null && to != null && amount != null && amount > 0) {
            // A failed transfer is not checked against the premiums; it still cannot exceed what the months
            // could ever cost, nor can a payment cover more months than a contract can last.
            long months = from.until(to, java.time.temporal.ChronoUnit.MONTHS) + 1;
            if (months > SchemeLimits.MAX_MONTHS) {
                error(prefix + "to", "covers %,d months; at most %,d".formatted(months, SchemeLimits.MAX_MONTHS));
            } else if (amount > months * SchemeLimits.MAX_MONTHLY) {
                error(prefix + "amount", "%,d is more than %,d months of the highest premium (%,d)"
                        .formatted(amount, months, months * SchemeLimits.MAX_MONTHLY));
            }
        }
        return new Payment(date, method, status == null ? PaymentStatus.PAID : status, amount == null ? 0 : amount,
                from, to);
    }

    private PendingRequest pending(JsonNode r, String path, String prefix, Scheme scheme) {
        PendingRequest.Kind kind = enumValue(r, prefix, "kind", PendingRequest.Kind.class, true);
        YearMonth effective = month(r, prefix, "effective", false);
        Long monthly = longValue(r, prefix, "monthly", false);
        YearMonth month = month(r, prefix, "month", false);
        Integer months = integer(r, prefix, "months", false);
        if (kind == PendingRequest.Kind.AMOUNT_CHANGE) {
            if (effective == null) {
                error(prefix + "effective", "is required for AMOUNT_CHANGE");
            }
            if (monthly == null) {
                error(prefix + "monthly", "is required for AMOUNT_CHANGE");
            } else if (scheme != null && !SchemeLimits.isValidMonthly(scheme, monthly)) {
                error(prefix + "monthly", "%,d is not a valid %s premium (%s)".formatted(monthly, scheme,
                        SchemeLimits.describe(scheme)));
            }
            if (month != null || months != null) {
                error(path, "AMOUNT_CHANGE takes effective and monthly only");
            }
        } else if (kind == PendingRequest.Kind.LUMP_SUM) {
            if (month == null) {
                error(prefix + "month", "is required for LUMP_SUM");
            }
            if (months == null) {
                error(prefix + "months", "is required for LUMP_SUM");
            } else if (months < 1 || months > SchemeLimits.MAX_MONTHS) {
                error(prefix + "months", "must be from 1 to %,d, was %,d".formatted(SchemeLimits.MAX_MONTHS, months));
            }
            if (effective != null || monthly != null) {
                error(path, "LUMP_SUM takes month and months only");
            }
        }
        return new PendingRequest(kind, effective, monthly, month, months);
    }

    private DiscountCarried discountCarried(JsonNode d, Scheme scheme) {
        if (d == null || d.isNull()) {
            return null;
        }
        if (!d.isObject()) {
            error("discountCarried", "expected an object or null");
            return null;
        }
        unknown(d, CARRIED, "discountCarried.");
        LocalDate asOf = date(d, "discountCarried.", "asOf", true);
        if (asOf != null && !(asOf.getMonthValue() == 3 && asOf.getDayOfMonth() == 31)) {
            error("discountCarried.asOf", "must be a March-end (YYYY-03-31), was " + asOf);
        }
        JsonNode amount = d.get("amount");
        BigDecimal value = null;
        String path = "discountCarried.amount";
        if (amount == null || amount.isNull()) {
            error(path, "is required");
        } else if (!amount.isNumber()) {
            error(path, "expected a number");
        } else {
            // Jackson reads 1e20 or 30000.5 as a double: the decimal is taken from the number as written
            BigDecimal v = amount.decimalValue().stripTrailingZeros();
            BigDecimal max = SchemeLimits.maxDiscountCarried(scheme);
            if (v.signum() < 0) {
                error(path, "must not be negative, was " + v.toPlainString());
            } else if (v.scale() > SchemeLimits.DISCOUNT_SCALE) {
                error(path, "%s has more than %d decimals: a 前納減額金 balance is kept in 1/10,000 yen"
                        .formatted(Printable.of(v.toPlainString()), SchemeLimits.DISCOUNT_SCALE));
            } else if (max != null && v.compareTo(max) > 0) {
                error(path, "%s is more than a %s 前納減額金 balance can be (%s yen)".formatted(
                        Printable.of(v.toPlainString()), scheme, SchemeLimits.describeMaxDiscountCarried(scheme)));
            } else {
                value = v.scale() < 0 ? v.setScale(0) : v;
            }
        }
        return new DiscountCarried(asOf, value);
    }

    private EDelivery eDelivery(JsonNode e) {
        if (e == null || e.isNull()) {
            return null;
        }
        if (!e.isObject()) {
            error("eDelivery", "expected an object or null");
            return null;
        }
        unknown(e, EDELIVERY, "eDelivery.");
        LocalDate linked = date(e, "eDelivery.", "linkedOn", false);
        return linked == null ? null : new EDelivery(linked);
    }

    /** Every PAID amount must equal the premiums of the months it covers (spec/ledger.md, Validation). */
    private void amounts(Scheme scheme, List<PremiumPeriod> premiums, List<Payment> payments) {
        // Ledgers nearly always list both in order already; a stable sort of a list in order is that list.
        List<PremiumPeriod> sorted = inOrder(premiums, PremiumPeriod::from) ? premiums
                : premiums.stream().sorted(Comparator.comparing(PremiumPeriod::from)).toList();
        YearMonth first = sorted.getFirst().from();
        int[] premiumFrom = new int[sorted.size()];
        long[] premiumMonthly = new long[sorted.size()];
        for (int k = 0; k < sorted.size(); k++) {
            premiumFrom[k] = month(sorted.get(k).from());
            premiumMonthly[k] = sorted.get(k).monthly();
        }
        // The SAFETY cap is cumulative in collection order, whatever order the ledger lists payments in.
        List<Integer> order = new ArrayList<>(payments.size());
        for (int i = 0; i < payments.size(); i++) {
            order.add(i);
        }
        if (!inOrder(payments, Payment::date)) {
            order.sort(Comparator.comparing(i -> payments.get(i).date()));
        }
        long cumulative = 0;
        for (int i : order) {
            Payment p = payments.get(i);
            String prefix = PAYMENTS.prefix(i);
            if (p.from().isBefore(first)) {
                error(prefix + "from", "%s is before the first premium (%s)".formatted(p.from(), first));
                continue;
            }
            if (!p.isPaid()) {
                continue;
            }
            // the premiums of the months from..to, on month numbers rather than a YearMonth made per month
            // (≈ 2 % of the calculate step, issue #14); only a PAID payment's is used.
            long expected = 0;
            for (int m = month(p.from()), to = month(p.to()); m <= to; m++) {
                expected += premiumIn(premiumFrom, premiumMonthly, m);
            }
            if (scheme == Scheme.SAFETY) {
                long after = cumulative + p.amount();
                if (after > SchemeLimits.SAFETY_CAP) {
                    error(prefix + "amount", "takes the cumulative premiums to %,d, over the %,d yen cap"
                            .formatted(after, SchemeLimits.SAFETY_CAP));
                    cumulative = after;
                    continue;
                }
                boolean reachesCap = after == SchemeLimits.SAFETY_CAP && p.amount() < expected;
                if (p.amount() != expected && !reachesCap) {
                    error(prefix + "amount", mismatch(p, expected));
                }
                cumulative = after;
            } else if (p.amount() != expected) {
                error(prefix + "amount", mismatch(p, expected));
            }
        }
    }

    /** Whether the keys never decrease along the list (a stable sort by them would leave it as it is). */
    private static <T, K extends Comparable<? super K>> boolean inOrder(List<T> items, Function<T, K> key) {
        for (int i = 1; i < items.size(); i++) {
            if (key.apply(items.get(i - 1)).compareTo(key.apply(items.get(i))) > 0) {
                return false;
            }
        }
        return true;
    }

    private static String mismatch(Payment p, long expected) {
        return "%,d does not match the premiums in force for %s..%s (%,d)".formatted(p.amount(), p.from(), p.to(),
                expected);
    }

    /** A month as one number, in the order of YearMonth. */
    private static int month(YearMonth m) {
        return m.getYear() * 12 + m.getMonthValue() - 1;
    }

    /** The premium in force in month m: the last of the premiums (from months sorted, amounts) from on or before m. */
    private static long premiumIn(int[] from, long[] monthly, int m) {
        long premium = 0;
        for (int k = 0; k < from.length && from[k] <= m; k++) {
            premium = monthly[k];
        }
        return premium;
    }

    private <T> void ascending(List<T> items, Function<T, YearMonth> from, String field) {
        if (items == null) {
            return;
        }
        for (int i = 1; i < items.size(); i++) {
            YearMonth a = from.apply(items.get(i - 1));
            YearMonth b = from.apply(items.get(i));
            if (a != null && b != null && !b.isAfter(a)) {
                error(field + "[" + i + "].from", "%s must come after the previous entry's %s".formatted(b, a));
            }
        }
    }

    @FunctionalInterface
    private interface Element<T> {
        /** @param path the element's field path ({@code payments[3]}), @param prefix that path and a dot */
        T read(JsonNode node, String path, String prefix);
    }

    /**
     * A list field with the paths of its first elements made once ({@code payments[3]}, {@code payments[3].}):
     * the parser names a field only in an error, but every element used to build its paths on every line.
     */
    private static final class ListField {
        private static final int CACHED = 64;
        final String name;
        private final String[] paths = new String[CACHED];
        private final String[] prefixes = new String[CACHED];

        ListField(String name) {
            this.name = name;
            for (int i = 0; i < CACHED; i++) {
                paths[i] = name + "[" + i + "]";
                prefixes[i] = paths[i] + ".";
            }
        }

        String path(int i) {
            return i < CACHED ? paths[i] : name + "[" + i + "]";
        }

        String prefix(int i) {
            return i < CACHED ? prefixes[i] : name + "[" + i + "].";
        }
    }

    private static final ListField ADDRESSES = new ListField("addresses");
    private static final ListField PREMIUMS = new ListField("premiums");
    private static final ListField PAYMENT_MODES = new ListField("paymentModes");
    private static final ListField PAYMENTS = new ListField("payments");
    private static final ListField PENDING_REQUESTS = new ListField("pendingRequests");

    private <T> List<T> list(JsonNode n, ListField field, boolean required, Element<T> element, Fields fields) {
        String name = field.name;
        JsonNode a = n.get(name);
        if (a == null || a.isNull()) {
            if (required) {
                error(name, "is required");
            }
            return required ? null : List.of();
        }
        if (!a.isArray()) {
            error(name, "expected an array");
            return null;
        }
        List<T> out = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            JsonNode e = a.get(i);
            if (!e.isObject()) {
                error(field.path(i), "expected an object");
                continue;
            }
            String prefix = field.prefix(i);
            unknown(e, fields, prefix);
            out.add(element.read(e, field.path(i), prefix));
        }
        return out;
    }

    /**
     * The names an object may have, in the order a ledger lists them. Jackson hands over interned names
     * ({@link LedgerReader#JSON}), so a name is nearly always the very instance of the next expected one here:
     * an identity comparison or two instead of a hash probe of the set per name (the probes were 2.5 % of the
     * print run's calculate step, issue #14). Any other name — unknown, out of order, or not interned (a tree
     * read elsewhere) — is looked up in the set, so the answer is the set's in every case.
     */
    private static final class Fields {
        private final String[] names;
        private final Set<String> set;

        Fields(String... names) {
            this.names = names;
            this.set = Set.of(names);
        }
    }

    private void unknown(JsonNode n, Fields allowed, String prefix) {
        String[] names = allowed.names;
        int next = 0;
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            String key = e.getKey();
            int k = next;
            while (k < names.length && names[k] != key) { // identity on purpose: see Fields
                k++;
            }
            if (k < names.length) {
                next = k + 1;
            } else if (!allowed.set.contains(key)) {
                error(prefix + key, "unknown field");
            }
        }
    }

    /** A value of the input as a message shows it: quoted, control characters escaped, long ones cut. */
    static String quote(String s) {
        return "\"" + Printable.of(s) + "\"";
    }

    private String string(JsonNode n, String prefix, String name, boolean required) {
        return string(n, prefix, name, required, MAX_TEXT);
    }

    /**
     * A text value: at most {@code maxLength} characters (the store's columns and the printed fields are
     * bounded; a longer value is an error of its field, not a failed insert), and no control character
     * (a NUL is refused by PostgreSQL, a newline or ESC has no place in a name or an address).
     */
    private String string(JsonNode n, String prefix, String name, boolean required, int maxLength) {
        JsonNode v = n.get(name);
        String s;
        // Jackson's own StringNode (this exact class: no subclass can change its answers) is a string and not
        // null; asking the node (isNull, isString, stringValue) is a call through getNodeType on one of half a
        // dozen node classes each, ≈ 5 % of the calculate step's samples with JsonNode.isNull (issue #14).
        if (v != null && v.getClass() == StringNode.class) {
            s = ((StringNode) v).stringValue();
        } else if (v == null || v.isNull()) {
            if (required) {
                error(prefix + name, "is required");
            }
            return null;
        } else if (!v.isString()) {
            error(prefix + name, "expected a string");
            return null;
        } else {
            s = v.stringValue();
        }
        // never more code points than chars: only a long string needs counting
        int length = s.length() <= maxLength ? s.length() : s.codePointCount(0, s.length());
        if (length > maxLength) {
            error(prefix + name, "%,d characters: longer than the %,d allowed (%s)".formatted(length, maxLength, quote(s)));
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7F) {
                continue; // printable ASCII, most of a ledger's text: neither a control character nor a surrogate
            }
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
                error(prefix + name, "contains the control character U+%04X at character %d: not allowed (%s)"
                        .formatted((int) c, i + 1, quote(s)));
                return null;
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                error(prefix + name, "contains a lone surrogate \\u%04x: not a character (%s)".formatted((int) c, quote(s)));
                return null;
            }
        }
        return s;
    }

    private String pattern(JsonNode n, String prefix, String name, Pattern pattern, String what) {
        String s = string(n, prefix, name, true);
        if (s != null && !pattern.matcher(s).matches()) {
            error(prefix + name, "must be " + what + ", was " + quote(s));
            return null;
        }
        return s;
    }

    private <E extends Enum<E>> E enumValue(JsonNode n, String prefix, String name, Class<E> type, boolean required) {
        String s = string(n, prefix, name, required);
        if (s == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, s);
        } catch (IllegalArgumentException e) {
            error(prefix + name, quote(s) + " is not one of " + java.util.Arrays.toString(type.getEnumConstants()));
            return null;
        }
    }

    private LocalDate date(JsonNode n, String prefix, String name, boolean required) {
        String s = string(n, prefix, name, required);
        if (s == null) {
            return null;
        }
        try {
            return parseDate(s);
        } catch (DateTimeException e) {
            error(prefix + name, quote(s) + " is not a date that exists (YYYY-MM-DD)");
            return null;
        }
    }

    private YearMonth month(JsonNode n, String prefix, String name, boolean required) {
        String s = string(n, prefix, name, required);
        if (s == null) {
            return null;
        }
        try {
            return parseMonth(s);
        } catch (DateTimeException e) {
            error(prefix + name, quote(s) + " is not a month (YYYY-MM)");
            return null;
        }
    }

    /*
     * Hand-rolled ISO parsing: a ledger line carries dozens of dates, and java.time's formatter-based
     * parse dominated the cost of reading a line. LocalDate.of still rejects dates that do not exist.
     */
    static LocalDate parseDate(String s) {
        if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            throw new DateTimeException("not YYYY-MM-DD");
        }
        return LocalDate.of(digits(s, 0, 4), digits(s, 5, 7), digits(s, 8, 10));
    }

    static YearMonth parseMonth(String s) {
        if (s.length() != 7 || s.charAt(4) != '-') {
            throw new DateTimeException("not YYYY-MM");
        }
        return YearMonth.of(digits(s, 0, 4), digits(s, 5, 7));
    }

    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new DateTimeException("not a digit");
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private Long longValue(JsonNode n, String prefix, String name, boolean required) {
        JsonNode v = n.get(name);
        if (v != null && v.getClass() == IntNode.class) {
            return (long) ((IntNode) v).intValue(); // what the checks below let through for it (see string)
        }
        if (v == null || v.isNull()) {
            if (required) {
                error(prefix + name, "is required");
            }
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            error(prefix + name, "expected a whole number of yen");
            return null;
        }
        return v.longValue();
    }

    private Integer integer(JsonNode n, String prefix, String name, boolean required) {
        Long v = longValue(n, prefix, name, required);
        if (v == null) {
            return null;
        }
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            error(prefix + name, "out of range");
            return null;
        }
        return v.intValue();
    }
}
