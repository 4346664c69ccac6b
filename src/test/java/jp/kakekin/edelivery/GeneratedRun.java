package jp.kakekin.edelivery;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's ledger file made from the golden cases (whose figures are known) plus variants that reach
 * every exclusion reason and the era boundaries, plus enough plain contracts to cross a signing batch.
 * {@link #expected} says what each contract must become.
 */
final class GeneratedRun {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String RUN_DATE = "2026-11-12";
    static final String LINKED = "2025-11-10";

    final List<String> lines = new ArrayList<>();
    /** contractNo (or "line N") → reason name, or "DELIVERED". */
    final Map<String, String> expected = new LinkedHashMap<>();

    static JsonNode caseLedger(String file) {
        try {
            return JSON.readTree(Files.readString(Path.of("src/test/resources/cases", file), StandardCharsets.UTF_8))
                    .get("ledger");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode linked(JsonNode ledger, String linkedOn) {
        ObjectNode copy = (ObjectNode) ledger.deepCopy();
        if (linkedOn != null) {
            copy.putObject("eDelivery").put("linkedOn", linkedOn);
        }
        return copy;
    }

    void add(ObjectNode ledger, String expectation) {
        lines.add(JSON.writeValueAsString(ledger));
        expected.putIfAbsent(ledger.get("contractNo").stringValue(), expectation);
    }

    static GeneratedRun november(int bulk) {
        GeneratedRun r = new GeneratedRun();
        r.add(linked(caseLedger("S01-monthly-all-paid.json"), LINKED), "DELIVERED");
        r.add(linked(caseLedger("S02-annual-december-discount-payout.json"), RUN_DATE), "DELIVERED");
        r.add(linked(caseLedger("S03-lump-sum-october-previous-year.json"), null), "NOT_LINKED");
        r.add(linked(caseLedger("S04-semiannual-march-september.json"), "2026-11-13"), "LINKED_AFTER_RUN_DATE");
        r.add(linked(caseLedger("S05-no-cash-joined-july.json"), LINKED), "DELIVERED");
        r.add(linked(caseLedger("S06-no-cash-joined-august.json"), LINKED), "NOT_ELIGIBLE_THIS_ISSUE");
        r.add(linked(caseLedger("S07-online-joined-november.json"), LINKED), "NOT_ELIGIBLE_THIS_ISSUE");
        r.add(linked(caseLedger("S08-cash-joined-december-12-months.json"), LINKED), "NOT_ELIGIBLE_THIS_ISSUE");
        r.add(linked(caseLedger("S09-september-transfer-failed.json"), LINKED), "DEDUCTION_WITHHELD");
        r.add(linked(caseLedger("S10-march-failed-recovered.json"), LINKED), "DELIVERED");
        r.add(linked(caseLedger("S11-annual-december-failed.json"), LINKED), "DELIVERED");
        r.add(linked(caseLedger("S12-amount-change-pending.json"), LINKED), "DEDUCTION_WITHHELD");
        r.add(linked(caseLedger("S13-terminated-june.json"), LINKED), "DELIVERED");
        r.add(linked(caseLedger("S14-address-cutoff.json"), LINKED), "DELIVERED");
        r.add(linked(caseLedger("S15-first-transfer-14-months.json"), LINKED), "DELIVERED");
        r.add(linked(caseLedger("T01-individual-monthly.json"), LINKED), "OTHER_SCHEME");
        r.lines.add("{\"scheme\": \"SHOKIBO\", \"contractNo\": ");
        r.expected.put("line " + r.lines.size(), "INVALID_LEDGER_LINE");
        r.lines.add(r.lines.getFirst());
        r.expected.put("line " + r.lines.size(), "DUPLICATE_CONTRACT");

        JsonNode s01 = caseLedger("S01-monthly-all-paid.json");
        ObjectNode gaiji = variant(s01, "1000101");
        ((ObjectNode) gaiji.get("holder")).put("name", "𠮷田 花子");
        r.add(gaiji, "NOT_REPRESENTABLE");
        ObjectNode hankaku = variant(s01, "1000102");
        ((ObjectNode) hankaku.get("addresses").get(0)).put("line2", "ｶｽﾐｶﾞｾｷﾋﾞﾙ");
        r.add(hankaku, "NOT_REPRESENTABLE");
        r.add(contractDate(variant(s01, "1000103"), "1985-03-01"), "DELIVERED"); // 昭和60年
        r.add(contractDate(variant(s01, "1000104"), "1989-01-07"), "DELIVERED"); // 昭和64年, the last day
        r.add(contractDate(variant(s01, "1000105"), "2019-04-30"), "DELIVERED"); // 平成31年, the last day
        for (int i = 0; i < bulk; i++) {
            r.add(variant(s01, String.valueOf(1_100_000 + i)), "DELIVERED");
        }
        return r;
    }

    static GeneratedRun february() {
        GeneratedRun r = new GeneratedRun();
        r.add(linked(caseLedger("S01-monthly-all-paid.json"), LINKED), "NOT_ELIGIBLE_THIS_ISSUE");
        r.add(linked(caseLedger("S06-no-cash-joined-august.json"), LINKED), "DELIVERED");
        r.add(linked(caseLedger("S07-online-joined-november.json"), LINKED), "NOT_ELIGIBLE_THIS_ISSUE");
        r.add(linked(caseLedger("S08-cash-joined-december-12-months.json"), "2027-01-20"), "DELIVERED");
        return r;
    }

    static ObjectNode variant(JsonNode base, String contractNo) {
        ObjectNode v = linked(base, LINKED);
        v.put("contractNo", contractNo);
        return v;
    }

    /** Moves the start of the contract (and the first premium and mode) to {@code date}. */
    static ObjectNode contractDate(ObjectNode ledger, String date) {
        ledger.put("contractDate", date);
        ledger.put("applicationMonth", date.substring(0, 7));
        ((ObjectNode) ((ArrayNode) ledger.get("premiums")).get(0)).put("from", date.substring(0, 7));
        ((ObjectNode) ((ArrayNode) ledger.get("paymentModes")).get(0)).put("from", date.substring(0, 7));
        return ledger;
    }

    Path write(Path dir) {
        try {
            Path f = dir.resolve("ledger.jsonl");
            Files.writeString(f, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long count(String expectation) {
        return expected.values().stream().filter(expectation::equals).count();
    }
}
