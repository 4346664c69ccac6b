package jp.kakekin.ledger;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** spec/ledger.md validation: every rejection names the file, line and field. */
class LedgerParserTest {

    private static List<LedgerError> errors(String json) {
        LedgerRecord r = LedgerReader.parseOne("x.jsonl", json);
        assertThat(r).isInstanceOf(LedgerRecord.Invalid.class);
        return ((LedgerRecord.Invalid) r).errors();
    }

    private static LedgerFixture ok() {
        return LedgerFixture.shokibo("2015-04-01", "CASH", 10_000).monthly(2026, 1, 3, 10_000, 18);
    }

    @Test
    void validFixtureParses() {
        assertThat(LedgerReader.parseOne("x.jsonl", ok().json())).isInstanceOf(LedgerRecord.Valid.class);
    }

    @Test
    void unknownFieldIsRejectedWithItsPath() {
        String json = ok().json().replace("\"line2\":\"\"", "\"line2\":\"\",\"line3\":\"x\"");
        assertThat(errors(json)).extracting(LedgerError::field).contains("addresses[0].line3");
        assertThat(errors(json).getFirst().message()).isEqualTo("unknown field");
    }

    /**
     * The unknown-field check matches Jackson's interned names by identity in the ledger's usual order and
     * falls back to the set: the same errors, in the same order, for names out of order and for a tree whose
     * names are not interned (a mapper without INTERN_PROPERTY_NAMES, as a case file's may be).
     */
    @Test
    void unknownFieldsAmongReorderedNamesInternedOrNot() {
        JsonMapper plain = JsonMapper.builder().build();
        ObjectNode line = (ObjectNode) plain.readTree(ok().json());
        ObjectNode top = reversed(plain, line, "zzz");
        top.set("holder", reversed(plain, (ObjectNode) line.get("holder"), "nick"));
        ArrayNode payments = plain.createArrayNode();
        line.get("payments").forEach(p -> payments.add(payments.isEmpty() ? reversed(plain, (ObjectNode) p, "extra") : p));
        top.set("payments", payments);
        String json = plain.writeValueAsString(top);

        LedgerRecord interned = LedgerReader.parseLine("x.jsonl", 1, json);
        LedgerRecord notInterned = LedgerReader.parseTree("x.jsonl", 1, plain.readTree(json));
        assertThat(interned).isInstanceOf(LedgerRecord.Invalid.class);
        assertThat(((LedgerRecord.Invalid) interned).errors()).extracting(LedgerError::field)
                .containsExactly("zzz", "holder.nick", "payments[0].extra");
        assertThat(((LedgerRecord.Invalid) interned).errors()).extracting(LedgerError::message).containsOnly("unknown field");
        assertThat(((LedgerRecord.Invalid) notInterned).errors()).isEqualTo(((LedgerRecord.Invalid) interned).errors());
        // the names in order, interned or not: valid
        assertThat(LedgerReader.parseTree("x.jsonl", 1, plain.readTree(ok().json()))).isInstanceOf(LedgerRecord.Valid.class);
    }

    /** The object's properties in reverse order, with an unknown one in the middle. */
    private static ObjectNode reversed(JsonMapper mapper, ObjectNode o, String unknown) {
        List<String> names = new ArrayList<>(o.propertyNames());
        java.util.Collections.reverse(names);
        ObjectNode out = mapper.createObjectNode();
        for (int i = 0; i < names.size(); i++) {
            if (i == names.size() / 2) {
                out.put(unknown, 1);
            }
            out.set(names.get(i), o.get(names.get(i)));
        }
        return out;
    }

    @Test
    void contractNumberMustBeSevenDigits() {
        assertThat(errors(ok().set("contractNo", "123456").json())).extracting(LedgerError::field).containsExactly("contractNo");
        assertThat(errors(ok().set("checkDigits", "8").json())).extracting(LedgerError::field).containsExactly("checkDigits");
    }

    @Test
    void premiumOutOfRangeOrOffStep() {
        assertThat(errors(LedgerFixture.shokibo("2015-04-01", "CASH", 70_500).json()).getFirst().field())
                .isEqualTo("premiums[0].monthly");
        assertThat(errors(LedgerFixture.shokibo("2015-04-01", "CASH", 10_250).json()).getFirst().message())
                .contains("1,000 to 70,000 yen in steps of 500");
        assertThat(errors(LedgerFixture.safety("2015-04-01", 7_000).json()).getFirst().message())
                .contains("5,000 to 200,000 yen in steps of 5,000");
    }

    /** 70 monthly transfers from 2019-01: more elements than LedgerParser keeps ready-made paths for (64). */
    private static LedgerFixture seventyTransfers(int wrongAmountAt, int badDateAt) {
        LedgerFixture f = LedgerFixture.shokibo("2015-04-01", "CASH", 10_000);
        for (int i = 0; i < 70; i++) {
            java.time.YearMonth m = java.time.YearMonth.of(2019, 1).plusMonths(i);
            String date = i == badDateAt ? m.getYear() + "-02-30" : m.atDay(20).toString();
            f.transfer(date, i == wrongAmountAt ? 20_000 : 10_000, m.toString(), m.toString());
        }
        return f;
    }

    @Test
    void elementPathsAreTheSameBeyondTheReadyMadeOnes() {
        assertThat(LedgerReader.parseOne("x.jsonl", seventyTransfers(-1, -1).json())).isInstanceOf(LedgerRecord.Valid.class);
        for (int i : new int[] {0, 9, 10, 63, 64, 65, 69}) {
            assertThat(errors(seventyTransfers(i, -1).json())).extracting(LedgerError::field)
                    .containsExactly("payments[" + i + "].amount");
            int year = java.time.YearMonth.of(2019, 1).plusMonths(i).getYear();
            assertThat(errors(seventyTransfers(-1, i).json())).extracting(LedgerError::toString)
                    .containsExactly("x.jsonl:1: payments[" + i + "].date: \"" + year + "-02-30\" is not a date that"
                            + " exists (YYYY-MM-DD)");
        }
        assertThat(errors(ok().pendingLumpSum("2026-11", 0).json())).extracting(LedgerError::toString)
                .containsExactly("x.jsonl:1: pendingRequests[0].months: must be from 1 to 1,600, was 0");
    }

    @Test
    void amountMustMatchTheMonthsCovered() {
        List<LedgerError> e = errors(ok().transfer("2026-04-20", 30_000, "2026-04", "2026-05").json());
        assertThat(e).extracting(LedgerError::field).containsExactly("payments[3].amount");
        assertThat(e.getFirst().message()).contains("2026-04..2026-05").contains("20,000");
    }

    @Test
    void failedPaymentsNeedNotMatch() {
        assertThat(LedgerReader.parseOne("x", ok().failed("2026-04-20", 1, "2026-04", "2026-04").json()))
                .isInstanceOf(LedgerRecord.Valid.class);
    }

    @Test
    void safetyCumulativeOverEightMillionIsRejectedButTheCapPaymentMayBeOdd() {
        LedgerFixture f = LedgerFixture.safety("2015-04-01", 200_000)
                .paid("2016-04-27", "REMITTANCE", 7_800_000, "2016-04", "2019-06");
        // 7,800,000 + a 200,000 payment reaching exactly 8,000,000 is fine; an odd 150,000 also reaches no cap
        assertThat(LedgerReader.parseOne("x", f.json())).isInstanceOf(LedgerRecord.Valid.class);
        LedgerFixture odd = LedgerFixture.safety("2015-04-01", 200_000)
                .paid("2016-04-27", "REMITTANCE", 7_800_000, "2016-04", "2019-06")
                .transfer("2019-07-29", 150_000, "2019-07", "2019-07");
        assertThat(errors(odd.json()).getFirst().field()).isEqualTo("payments[1].amount");
        LedgerFixture capped = LedgerFixture.safety("2015-04-01", 150_000)
                .paid("2016-04-27", "REMITTANCE", 7_950_000, "2016-04", "2020-08")
                .transfer("2020-09-28", 50_000, "2020-09", "2020-09");
        assertThat(LedgerReader.parseOne("x", capped.json())).isInstanceOf(LedgerRecord.Valid.class);
        LedgerFixture over = LedgerFixture.safety("2015-04-01", 150_000)
                .paid("2016-04-27", "REMITTANCE", 7_950_000, "2016-04", "2020-08")
                .transfer("2020-09-28", 150_000, "2020-09", "2020-09");
        assertThat(errors(over.json()).getFirst().message()).contains("over the 8,000,000 yen cap");
    }

    @Test
    void impossibleDatesAndMonths() {
        assertThat(errors(ok().set("contractDate", "2026-02-30").json()).getFirst().field()).isEqualTo("contractDate");
        assertThat(errors(ok().set("applicationMonth", "2026-13").json()).getFirst().field()).isEqualTo("applicationMonth");
    }

    @Test
    void fromAfterTo() {
        assertThat(errors(ok().transfer("2026-04-20", 10_000, "2026-05", "2026-04").json()))
                .extracting(LedgerError::field).contains("payments[3].from");
    }

    @Test
    void errorNamesFileLineAndField() {
        String text = ok().json() + "\n" + ok().set("contractNo", "12").json() + "\n";
        try (LedgerReader r = LedgerReader.open("ledger.jsonl", new StringReader(text), false)) {
            assertThat(r.next()).isInstanceOf(LedgerRecord.Valid.class);
            LedgerRecord.Invalid bad = (LedgerRecord.Invalid) r.next();
            assertThat(bad.message()).startsWith("ledger.jsonl:2: contractNo: must be exactly 7 digits");
            assertThat(r.hasNext()).isFalse();
        }
    }

    @Test
    void aBrokenLineIsReportedAndReadingGoesOn() {
        String text = ok().json() + "\n{not json\n\n" + ok().json() + "\n";
        List<LedgerRecord> all = new ArrayList<>();
        try (LedgerReader r = LedgerReader.open("l.jsonl", new StringReader(text), false)) {
            r.forEachRemaining(all::add);
        }
        assertThat(all).extracting(LedgerRecord::line).containsExactly(1L, 2L, 4L);
        assertThat(all.get(1)).isInstanceOf(LedgerRecord.Invalid.class);
        assertThat(((LedgerRecord.Invalid) all.get(1)).errors().getFirst().field()).isEqualTo("(json)");
    }

    @Test
    void jsonArrayFileGivesEachObjectsStartingLine() {
        String text = "[\n" + ok().json() + ",\n\n" + ok().set("scheme", "OTHER").json() + "\n]\n";
        List<LedgerRecord> all = new ArrayList<>();
        try (LedgerReader r = LedgerReader.open("l.json", new StringReader(text), true)) {
            r.forEachRemaining(all::add);
        }
        assertThat(all).extracting(LedgerRecord::line).containsExactly(2L, 4L);
        assertThat(((LedgerRecord.Invalid) all.get(1)).message()).startsWith("l.json:4: scheme:");
    }

    @Test
    void brokenJsonDocumentStopsWithTheLine() {
        String text = "[\n" + ok().json() + ",\n{oops\n]";
        try (LedgerReader r = LedgerReader.open("l.json", new StringReader(text), true)) {
            r.next();
            assertThatThrownBy(r::next).isInstanceOf(LedgerFormatException.class).hasMessageStartingWith("l.json:3:");
        }
    }

    @Test
    void corporationNeedsItsFiscalYearEnd() {
        String json = LedgerFixture.safety("2015-04-01", 50_000).json().replace("\"corporate\":false", "\"corporate\":true");
        assertThat(errors(json)).extracting(LedgerError::field).containsExactly("holder.fiscalYearEndMonth");
    }
}
