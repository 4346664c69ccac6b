package jp.kakekin.print;

import jp.kakekin.synthetic.SyntheticLedgers;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A deterministic mixed ledger for print-run tests (year 2026): mostly November-eligible contracts with
 * postal codes drawn from a few hundred values (so many share one), and a known sprinkling of what a
 * run must exclude — invalid lines, 経営セーフティ共済 contracts, contracts with nothing paid in 2026,
 * late joiners (February issue), names with a character no font has, a duplicated contract number —
 * plus blank lines and withheld (****) deductions.
 */
final class TestLedgers {

    static final int YEAR = 2026;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    enum Kind { NOVEMBER, NOVEMBER_ARREARS, FEBRUARY, NOT_ELIGIBLE, SAFETY, INVALID, GLYPH, DUPLICATE, GENERATED }

    /** What line n of the file is meant to be. */
    record Line(long line, Kind kind, String contractNo) {
    }

    static List<Line> write(Path file, int contracts, long seed) throws IOException {
        Random r = new Random(seed);
        List<Line> lines = new ArrayList<>();
        long line = 0;
        String lastNovember = null;
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < contracts; i++) {
                if (i % 97 == 50) {
                    w.write("\n");
                    line++;
                }
                String contractNo = Integer.toString(3_000_000 + i);
                String cd = "%02d".formatted((i * 7) % 100);
                String postal = "%07d".formatted(1_000_000 + r.nextInt(400) * 1_373);
                int roll = r.nextInt(100);
                Kind kind = roll < 70 ? Kind.NOVEMBER : roll < 74 ? Kind.NOVEMBER_ARREARS : roll < 81 ? Kind.FEBRUARY
                        : roll < 89 ? Kind.NOT_ELIGIBLE : roll < 93 ? Kind.SAFETY : roll < 96 ? Kind.INVALID
                        : roll < 98 ? Kind.GLYPH : Kind.DUPLICATE;
                if (kind == Kind.DUPLICATE && lastNovember == null) {
                    kind = Kind.NOVEMBER;
                }
                long premium = 5_000L * (1 + r.nextInt(14));
                String json = switch (kind) {
                    case NOVEMBER -> november(contractNo, cd, postal, premium, "山田 太郎", false);
                    case NOVEMBER_ARREARS -> november(contractNo, cd, postal, premium, "佐藤 花子", true);
                    case GLYPH -> november(contractNo, cd, postal, premium, "鈴木 \uD83D\uDE00", false);
                    case DUPLICATE -> november(lastNovember, "11", postal, premium, "重複 一郎", false);
                    case FEBRUARY -> february(contractNo, cd, postal, premium);
                    case NOT_ELIGIBLE -> lastYearOnly(contractNo, cd, postal, premium);
                    case SAFETY -> safety(contractNo, cd, postal);
                    case INVALID -> r.nextBoolean() ? "{\"scheme\":\"SHOKIBO\",\"contractNo\":" : november(contractNo, cd, postal, premium, "田中 一", false).replace("\"contractNo\":\"" + contractNo + "\"", "\"contractNo\":\"12\"");
                    case GENERATED -> throw new IllegalStateException("not drawn here");
                };
                if (kind == Kind.NOVEMBER) {
                    lastNovember = contractNo;
                }
                w.write(json);
                w.write("\n");
                line++;
                lines.add(new Line(line, kind, kind == Kind.DUPLICATE ? lastNovember : contractNo));
            }
        }
        return lines;
    }

    /**
     * A ledger from the project's generator ({@code generate-ledger}: realistic varieties, exported on the
     * November run's address cutoff) with a known line of each kind a run must exclude slipped in every
     * 97 lines: invalid, a name with a character no font has, the number of an earlier 小規模企業共済 contract.
     */
    static List<Line> generated(Path file, int contracts, long seed) throws IOException {
        StringWriter all = new StringWriter();
        new SyntheticLedgers(seed, YEAR, SyntheticLedgers.ExportPoint.OCTOBER).writeJsonLines(contracts, all);
        List<String> generated = all.toString().lines().toList();
        List<Line> lines = new ArrayList<>();
        long line = 0;
        String earlier = null;
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < contracts; i++) {
                String json = generated.get(i);
                String contractNo = JSON.readTree(json).get("contractNo").asString();
                w.write(json);
                w.write("\n");
                lines.add(new Line(++line, Kind.GENERATED, contractNo));
                if (i % 97 == 96) {
                    Kind kind = List.of(Kind.INVALID, Kind.GLYPH, Kind.DUPLICATE).get((i / 97) % 3);
                    String special = switch (kind) {
                        case INVALID -> json.replace("\"checkDigits\":\"", "\"checkDigits\":\"x");
                        case GLYPH -> november(Integer.toString(8_000_000 + i), "00", "1000013", 10_000, "鈴木 \uD83D\uDE00", false);
                        default -> november(earlier, "11", "9999999", 10_000, "重複 一郎", false);
                    };
                    w.write(special);
                    w.write("\n");
                    lines.add(new Line(++line, kind, kind == Kind.GLYPH ? Integer.toString(8_000_000 + i) : earlier));
                }
                if (json.contains("\"scheme\":\"SHOKIBO\"")) {
                    earlier = contractNo;
                }
            }
        }
        return lines;
    }

    private static ObjectNode base(String scheme, String contractNo, String cd, String postal, String name,
                                   String contractDate, String method, long premium) {
        ObjectNode o = JSON.createObjectNode();
        o.put("scheme", scheme);
        o.put("contractNo", contractNo);
        o.put("checkDigits", cd);
        ObjectNode h = o.putObject("holder");
        h.put("name", name);
        h.put("nameKana", "テスト");
        h.put("birthDate", "1970-04-01");
        h.put("phone", "0312345678");
        h.put("corporate", false);
        h.putNull("fiscalYearEndMonth");
        o.putArray("addresses").addObject().put("receivedOn", contractDate).put("postalCode", postal)
                .put("line1", "東京都千代田区霞が関一丁目3番1号").put("line2", "");
        o.put("contractDate", contractDate);
        o.put("applicationMonth", contractDate.substring(0, 7));
        o.put("applicationMethod", method);
        o.putArray("premiums").addObject().put("from", contractDate.substring(0, 7)).put("monthly", premium);
        o.putArray("paymentModes").addObject().put("from", contractDate.substring(0, 7)).put("mode", "MONTHLY");
        o.putArray("payments");
        o.putArray("pendingRequests");
        o.putNull("discountCarried");
        o.putNull("terminatedOn");
        o.putNull("previousTermination");
        return o;
    }

    private static void transfer(ObjectNode o, String date, long amount, String from, String to, boolean failed) {
        ObjectNode p = ((ArrayNode) o.get("payments")).addObject().put("date", date).put("method", "TRANSFER");
        if (failed) {
            p.put("status", "FAILED");
        }
        p.put("amount", amount).put("from", from).put("to", to);
    }

    private static String november(String contractNo, String cd, String postal, long premium, String name, boolean arrears) {
        ObjectNode o = base("SHOKIBO", contractNo, cd, postal, name, "2015-04-01", "CASH", premium);
        for (int m = 1; m <= 9; m++) {
            String ym = "%d-%02d".formatted(YEAR, m);
            transfer(o, ym + "-18", premium, ym, ym, arrears && m == 9);
        }
        return JSON.writeValueAsString(o);
    }

    private static String february(String contractNo, String cd, String postal, long premium) {
        ObjectNode o = base("SHOKIBO", contractNo, cd, postal, "高橋 次郎", YEAR + "-10-05", "CASH", premium);
        ((ArrayNode) o.get("payments")).addObject().put("date", YEAR + "-10-05").put("method", "CASH").put("amount", premium)
                .put("from", YEAR + "-10").put("to", YEAR + "-10");
        transfer(o, YEAR + "-12-18", 2 * premium, YEAR + "-11", YEAR + "-12", false);
        return JSON.writeValueAsString(o);
    }

    private static String lastYearOnly(String contractNo, String cd, String postal, long premium) {
        ObjectNode o = base("SHOKIBO", contractNo, cd, postal, "伊藤 三郎", "2015-04-01", "CASH", premium);
        for (int m = 1; m <= 12; m++) {
            String ym = "%d-%02d".formatted(YEAR - 1, m);
            transfer(o, ym + "-18", premium, ym, ym, false);
        }
        o.put("terminatedOn", (YEAR - 1) + "-12-31");
        return JSON.writeValueAsString(o);
    }

    private static String safety(String contractNo, String cd, String postal) {
        ObjectNode o = base("SAFETY", contractNo, cd, postal, "株式会社テスト", "2019-05-01", "CASH", 50_000);
        for (int m = 1; m <= 9; m++) {
            String ym = "%d-%02d".formatted(YEAR, m);
            transfer(o, ym + "-27", 50_000, ym, ym, false);
        }
        return JSON.writeValueAsString(o);
    }
}
