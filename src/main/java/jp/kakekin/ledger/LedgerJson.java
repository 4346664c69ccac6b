package jp.kakekin.ledger;

import jp.kakekin.ledger.Address;
import jp.kakekin.ledger.Holder;
import jp.kakekin.ledger.Ledger;
import jp.kakekin.ledger.Payment;
import jp.kakekin.ledger.PaymentMode;
import jp.kakekin.ledger.PaymentModePeriod;
import jp.kakekin.ledger.PaymentStatus;
import jp.kakekin.ledger.PendingRequest;
import jp.kakekin.ledger.PremiumPeriod;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * Writes a {@link Ledger} as one line of spec/ledger.md JSON, fields always in the spec's order, so
 * equal ledgers give equal bytes. Hand-written rather than through Jackson: the generator must
 * sustain tens of thousands of lines a second and the format is small and fixed. Optional fields are
 * written as null; a payment's {@code status} only when it is FAILED (PAID is the default).
 */
public final class LedgerJson {

    private LedgerJson() {
    }

    public static String toJson(Ledger l) {
        StringBuilder sb = new StringBuilder(2048);
        append(sb, l);
        return sb.toString();
    }

    public static void append(StringBuilder sb, Ledger l) {
        sb.append("{\"scheme\":\"").append(l.scheme().name()).append('"');
        sb.append(",\"contractNo\":");
        string(sb, l.contractNo());
        sb.append(",\"checkDigits\":");
        string(sb, l.checkDigits());
        holder(sb, l.holder());
        sb.append(",\"addresses\":[");
        for (int i = 0; i < l.addresses().size(); i++) {
            Address a = l.addresses().get(i);
            sb.append(i == 0 ? "{" : ",{");
            sb.append("\"receivedOn\":");
            date(sb, a.receivedOn());
            sb.append(",\"postalCode\":");
            string(sb, a.postalCode());
            sb.append(",\"line1\":");
            string(sb, a.line1());
            sb.append(",\"line2\":");
            string(sb, a.line2());
            sb.append('}');
        }
        sb.append("],\"contractDate\":");
        date(sb, l.contractDate());
        sb.append(",\"applicationMonth\":");
        month(sb, l.applicationMonth());
        sb.append(",\"applicationMethod\":\"").append(l.applicationMethod().name()).append('"');
        sb.append(",\"premiums\":[");
        for (int i = 0; i < l.premiums().size(); i++) {
            PremiumPeriod p = l.premiums().get(i);
            sb.append(i == 0 ? "{\"from\":" : ",{\"from\":");
            month(sb, p.from());
            sb.append(",\"monthly\":").append(p.monthly()).append('}');
        }
        sb.append("],\"paymentModes\":[");
        for (int i = 0; i < l.paymentModes().size(); i++) {
            PaymentModePeriod m = l.paymentModes().get(i);
            sb.append(i == 0 ? "{\"from\":" : ",{\"from\":");
            month(sb, m.from());
            sb.append(",\"mode\":\"").append(m.mode().name()).append('"');
            if (m.mode() != PaymentMode.MONTHLY) {
                sb.append(",\"month\":").append(m.month());
            }
            sb.append('}');
        }
        sb.append("],\"payments\":[");
        for (int i = 0; i < l.payments().size(); i++) {
            Payment p = l.payments().get(i);
            sb.append(i == 0 ? "{\"date\":" : ",{\"date\":");
            date(sb, p.date());
            sb.append(",\"method\":\"").append(p.method().name()).append('"');
            if (p.status() == PaymentStatus.FAILED) {
                sb.append(",\"status\":\"FAILED\"");
            }
            sb.append(",\"amount\":").append(p.amount());
            sb.append(",\"from\":");
            month(sb, p.from());
            sb.append(",\"to\":");
            month(sb, p.to());
            sb.append('}');
        }
        sb.append("],\"pendingRequests\":[");
        for (int i = 0; i < l.pendingRequests().size(); i++) {
            PendingRequest r = l.pendingRequests().get(i);
            sb.append(i == 0 ? "{" : ",{");
            sb.append("\"kind\":\"").append(r.kind().name()).append('"');
            if (r.kind() == PendingRequest.Kind.AMOUNT_CHANGE) {
                sb.append(",\"effective\":");
                month(sb, r.effective());
                sb.append(",\"monthly\":").append(r.monthly());
            } else {
                sb.append(",\"month\":");
                month(sb, r.month());
                sb.append(",\"months\":").append(r.months());
            }
            sb.append('}');
        }
        sb.append("],\"discountCarried\":");
        if (l.discountCarried() == null) {
            sb.append("null");
        } else {
            sb.append("{\"asOf\":");
            date(sb, l.discountCarried().asOf());
            sb.append(",\"amount\":").append(l.discountCarried().amount().toPlainString()).append('}');
        }
        sb.append(",\"terminatedOn\":");
        date(sb, l.terminatedOn());
        sb.append(",\"previousTermination\":");
        date(sb, l.previousTermination());
        sb.append(",\"eDelivery\":");
        if (l.eDelivery() == null) {
            sb.append("null");
        } else {
            sb.append("{\"linkedOn\":");
            date(sb, l.eDelivery().linkedOn());
            sb.append('}');
        }
        sb.append('}');
    }

    private static void holder(StringBuilder sb, Holder h) {
        sb.append(",\"holder\":{\"name\":");
        string(sb, h.name());
        sb.append(",\"nameKana\":");
        string(sb, h.nameKana());
        sb.append(",\"birthDate\":");
        date(sb, h.birthDate());
        sb.append(",\"phone\":");
        string(sb, h.phone());
        sb.append(",\"corporate\":").append(h.corporate());
        sb.append(",\"fiscalYearEndMonth\":");
        if (h.fiscalYearEndMonth() == null) {
            sb.append("null");
        } else {
            sb.append(h.fiscalYearEndMonth().intValue());
        }
        sb.append('}');
    }

    static void string(StringBuilder sb, String s) {
        if (s == null) {
            sb.append("null");
            return;
        }
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    private static void date(StringBuilder sb, LocalDate d) {
        if (d == null) {
            sb.append("null");
            return;
        }
        sb.append('"');
        digits(sb, d.getYear(), 4);
        sb.append('-');
        digits(sb, d.getMonthValue(), 2);
        sb.append('-');
        digits(sb, d.getDayOfMonth(), 2);
        sb.append('"');
    }

    private static void month(StringBuilder sb, YearMonth m) {
        if (m == null) {
            sb.append("null");
            return;
        }
        sb.append('"');
        digits(sb, m.getYear(), 4);
        sb.append('-');
        digits(sb, m.getMonthValue(), 2);
        sb.append('"');
    }

    private static void digits(StringBuilder sb, int value, int width) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        sb.append(s);
    }
}
