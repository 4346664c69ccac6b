package jp.kakekin.store;

import jp.kakekin.ledger.Address;
import jp.kakekin.ledger.Ledger;
import jp.kakekin.ledger.LedgerReader;
import jp.kakekin.ledger.LedgerRecord;
import jp.kakekin.ledger.Payment;
import jp.kakekin.ledger.PaymentModePeriod;
import jp.kakekin.ledger.PendingRequest;
import jp.kakekin.ledger.PremiumPeriod;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * Writes a {@link Ledger} back as one line of spec/ledger.md, so the store keeps the ledger in the
 * exchange format itself and reads it with the same strict parser as an import
 * ({@link LedgerReader#parseOne}). Every field is written, defaults included, so the text is canonical:
 * two imports of the same contract store the same text.
 */
public final class LedgerJson {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private LedgerJson() {
    }

    public static String write(Ledger l) {
        ObjectNode n = JSON.createObjectNode();
        n.put("scheme", l.scheme().name());
        n.put("contractNo", l.contractNo());
        n.put("checkDigits", l.checkDigits());
        ObjectNode h = n.putObject("holder");
        h.put("name", l.holder().name());
        h.put("nameKana", l.holder().nameKana());
        h.put("birthDate", text(l.holder().birthDate()));
        h.put("phone", l.holder().phone());
        h.put("corporate", l.holder().corporate());
        h.put("fiscalYearEndMonth", l.holder().fiscalYearEndMonth());
        ArrayNode addresses = n.putArray("addresses");
        for (Address a : l.addresses()) {
            addresses.addObject().put("receivedOn", text(a.receivedOn())).put("postalCode", a.postalCode())
                    .put("line1", a.line1()).put("line2", a.line2());
        }
        n.put("contractDate", text(l.contractDate()));
        n.put("applicationMonth", text(l.applicationMonth()));
        n.put("applicationMethod", l.applicationMethod().name());
        ArrayNode premiums = n.putArray("premiums");
        for (PremiumPeriod p : l.premiums()) {
            premiums.addObject().put("from", text(p.from())).put("monthly", p.monthly());
        }
        ArrayNode modes = n.putArray("paymentModes");
        for (PaymentModePeriod m : l.paymentModes()) {
            ObjectNode o = modes.addObject().put("from", text(m.from())).put("mode", m.mode().name());
            if (m.month() != null) {
                o.put("month", m.month());
            }
        }
        ArrayNode payments = n.putArray("payments");
        for (Payment p : l.payments()) {
            payments.addObject().put("date", text(p.date())).put("method", p.method().name())
                    .put("status", p.status().name()).put("amount", p.amount())
                    .put("from", text(p.from())).put("to", text(p.to()));
        }
        ArrayNode pending = n.putArray("pendingRequests");
        for (PendingRequest r : l.pendingRequests()) {
            ObjectNode o = pending.addObject().put("kind", r.kind().name());
            if (r.kind() == PendingRequest.Kind.AMOUNT_CHANGE) {
                o.put("effective", text(r.effective())).put("monthly", r.monthly());
            } else {
                o.put("month", text(r.month())).put("months", r.months());
            }
        }
        if (l.discountCarried() == null) {
            n.putNull("discountCarried");
        } else {
            n.putObject("discountCarried").put("asOf", text(l.discountCarried().asOf()))
                    .put("amount", l.discountCarried().amount());
        }
        n.put("terminatedOn", text(l.terminatedOn()));
        n.put("previousTermination", text(l.previousTermination()));
        if (l.eDelivery() == null) {
            n.putNull("eDelivery");
        } else {
            n.putObject("eDelivery").put("linkedOn", text(l.eDelivery().linkedOn()));
        }
        return JSON.writeValueAsString(n);
    }

    /**
     * Reads a stored ledger. The text was written by {@link #write} from a valid ledger, so a failure
     * here means the store was changed behind kakekin's back (or the format changed): say so loudly.
     */
    public static Ledger read(String contractNo, String json) {
        LedgerRecord r = LedgerReader.parseOne("contracts[" + contractNo + "]", json);
        return switch (r) {
            case LedgerRecord.Valid v -> v.ledger();
            case LedgerRecord.Invalid i -> throw new IllegalStateException(
                    "stored ledger of contract " + contractNo + " no longer validates: " + i.message());
        };
    }

    private static String text(LocalDate d) {
        return d == null ? null : d.toString();
    }

    private static String text(YearMonth m) {
        return m == null ? null : m.toString();
    }
}
