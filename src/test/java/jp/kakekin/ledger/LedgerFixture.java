package jp.kakekin.ledger;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds ledgers for rule tests as JSON and reads them through the real {@link LedgerReader}, so every
 * fixture is a ledger the service would accept.
 */
public final class LedgerFixture {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final ObjectNode root = JSON.createObjectNode();

    private LedgerFixture(String scheme, String contractDate, String method, long monthly) {
        root.put("scheme", scheme);
        root.put("contractNo", "1234567");
        root.put("checkDigits", "89");
        ObjectNode h = root.putObject("holder");
        h.put("name", "髙橋 太郎");
        h.put("nameKana", "タカハシ タロウ");
        h.put("birthDate", "1970-04-01");
        h.put("phone", "0312345678");
        h.put("corporate", false);
        h.putNull("fiscalYearEndMonth");
        address(contractDate, "1000013", "東京都千代田区霞が関一丁目3番1号");
        root.put("contractDate", contractDate);
        root.put("applicationMonth", contractDate.substring(0, 7));
        root.put("applicationMethod", method);
        root.putArray("premiums").addObject().put("from", contractDate.substring(0, 7)).put("monthly", monthly);
        root.putArray("paymentModes").addObject().put("from", contractDate.substring(0, 7)).put("mode", "MONTHLY");
        root.putArray("payments");
        root.putArray("pendingRequests");
        root.putNull("discountCarried");
        root.putNull("terminatedOn");
        root.putNull("previousTermination");
    }

    public static LedgerFixture shokibo(String contractDate, String method, long monthly) {
        return new LedgerFixture("SHOKIBO", contractDate, method, monthly);
    }

    public static LedgerFixture safety(String contractDate, long monthly) {
        return new LedgerFixture("SAFETY", contractDate, "CASH", monthly);
    }

    public LedgerFixture address(String receivedOn, String postalCode, String line1) {
        ArrayNode a = root.has("addresses") ? (ArrayNode) root.get("addresses") : root.putArray("addresses");
        a.addObject().put("receivedOn", receivedOn).put("postalCode", postalCode).put("line1", line1).put("line2", "");
        return this;
    }

    public LedgerFixture mode(String from, String mode, Integer month) {
        ObjectNode m = ((ArrayNode) root.get("paymentModes")).addObject().put("from", from).put("mode", mode);
        if (month != null) {
            m.put("month", month);
        }
        return this;
    }

    /** Replaces the first payment mode (the contract's mode from the start). */
    public LedgerFixture initialMode(String mode, Integer month) {
        ObjectNode m = (ObjectNode) root.get("paymentModes").get(0);
        m.put("mode", mode);
        if (month != null) {
            m.put("month", month);
        }
        return this;
    }

    public LedgerFixture premium(String from, long monthly) {
        ((ArrayNode) root.get("premiums")).addObject().put("from", from).put("monthly", monthly);
        return this;
    }

    public LedgerFixture paid(String date, String method, long amount, String from, String to) {
        ((ArrayNode) root.get("payments")).addObject().put("date", date).put("method", method).put("amount", amount)
                .put("from", from).put("to", to);
        return this;
    }

    public LedgerFixture transfer(String date, long amount, String from, String to) {
        return paid(date, "TRANSFER", amount, from, to);
    }

    public LedgerFixture failed(String date, long amount, String from, String to) {
        ((ArrayNode) root.get("payments")).addObject().put("date", date).put("method", "TRANSFER")
                .put("status", "FAILED").put("amount", amount).put("from", from).put("to", to);
        return this;
    }

    /** One transfer per month on the 18th (or the given day) for each month from..to, of amount each. */
    public LedgerFixture monthly(int year, int fromMonth, int toMonth, long amount, int day) {
        for (int m = fromMonth; m <= toMonth; m++) {
            String ym = "%d-%02d".formatted(year, m);
            transfer("%s-%02d".formatted(ym, day), amount, ym, ym);
        }
        return this;
    }

    public LedgerFixture pendingAmountChange(String effective, long monthly) {
        ((ArrayNode) root.get("pendingRequests")).addObject().put("kind", "AMOUNT_CHANGE").put("effective", effective)
                .put("monthly", monthly);
        return this;
    }

    public LedgerFixture pendingLumpSum(String month, int months) {
        ((ArrayNode) root.get("pendingRequests")).addObject().put("kind", "LUMP_SUM").put("month", month)
                .put("months", months);
        return this;
    }

    public LedgerFixture discountCarried(String asOf, long amount) {
        root.putObject("discountCarried").put("asOf", asOf).put("amount", amount);
        return this;
    }

    public LedgerFixture terminatedOn(String date) {
        root.put("terminatedOn", date);
        return this;
    }

    public LedgerFixture previousTermination(String date) {
        root.put("previousTermination", date);
        return this;
    }

    public LedgerFixture corporate(int fiscalYearEndMonth) {
        ((ObjectNode) root.get("holder")).put("corporate", true).put("fiscalYearEndMonth", fiscalYearEndMonth);
        return this;
    }

    public LedgerFixture set(String field, String value) {
        root.put(field, value);
        return this;
    }

    public String json() {
        return JSON.writeValueAsString(root);
    }

    public Ledger build() {
        LedgerRecord r = LedgerReader.parseOne("fixture", json());
        if (r instanceof LedgerRecord.Invalid bad) {
            throw new IllegalStateException("fixture is not a valid ledger: " + bad.message());
        }
        return ((LedgerRecord.Valid) r).ledger();
    }
}
