package jp.kakekin.ledger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12: what a hostile or broken ledger must not get through — absurd amounts, bytes that are not UTF-8,
 * duplicate keys, lines too long to hold, values that would forge error lines — and the one line reader
 * every command shares.
 */
class LedgerInputHardeningTest {

    private static LedgerFixture ok() {
        return LedgerFixture.shokibo("2015-04-01", "CASH", 10_000).monthly(2026, 1, 3, 10_000, 18);
    }

    private static List<LedgerError> errors(String json) {
        LedgerRecord r = LedgerReader.parseOne("x.jsonl", json);
        assertThat(r).as(json).isInstanceOf(LedgerRecord.Invalid.class);
        return ((LedgerRecord.Invalid) r).errors();
    }

    private static String withCarried(String amount) {
        return ok().discountCarried("2025-03-31", 0).json().replace("\"amount\":0}", "\"amount\":" + amount + "}");
    }

    // --- amounts ---

    @ParameterizedTest
    @ValueSource(strings = {"1e20", "30000.5", "200376420520689", "-1", "945.12345", "1E+300"})
    void anAbsurdCarriedDiscountIsRejected(String amount) {
        List<LedgerError> e = errors(withCarried(amount));
        assertThat(e).extracting(LedgerError::field).containsExactly("discountCarried.amount");
        assertThat(e.getFirst().toString()).startsWith("x.jsonl:1: discountCarried.amount: ");
    }

    @Test
    void aCarriedDiscountKeptInFractionsOfAYenWithinRangeIsAccepted() {
        // RULES.md 1.4: balances are kept exactly (1/10,000 yen); accruals move in 0.45 yen steps
        LedgerRecord r = LedgerReader.parseOne("x.jsonl", withCarried("4999.95"));
        assertThat(r).isInstanceOf(LedgerRecord.Valid.class);
        assertThat(((LedgerRecord.Valid) r).ledger().discountCarried().amount()).isEqualByComparingTo("4999.95");
        assertThat(errors(withCarried("10000.01")).getFirst().message()).contains("more than a SHOKIBO 前納減額金 balance can be (10,000 yen)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e20", "30000.5", "30000.0", "-30000", "0", "\"30000\"", "99999999999999999999"})
    void aPaymentAmountIsAPositiveWholeNumberOfYen(String amount) {
        String json = ok().failed("2026-04-27", 10_000, "2026-04", "2026-04").json()
                .replace("\"amount\":10000,\"from\":\"2026-04\"", "\"amount\":" + amount + ",\"from\":\"2026-04\"");
        assertThat(json).contains("\"amount\":" + amount);
        assertThat(errors(json)).extracting(LedgerError::field).containsExactly("payments[3].amount");
    }

    @Test
    void aFailedPaymentCannotExceedWhatItsMonthsCouldCost() {
        List<LedgerError> e = errors(ok().failed("2026-04-27", 900_000_000, "2026-04", "2026-05").json());
        assertThat(e).extracting(LedgerError::field).containsExactly("payments[3].amount");
        assertThat(e.getFirst().message()).contains("more than 2 months of the highest premium (400,000)");
        assertThat(errors(ok().pendingLumpSum("2026-11", 100_000).json())).extracting(LedgerError::field)
                .containsExactly("pendingRequests[0].months");
    }

    // --- text values ---

    @Test
    void aNameLongerThanTheLimitIsAnErrorOfItsField() {
        String name = "髙".repeat(201);
        List<LedgerError> e = errors(ok().json().replace("髙橋 太郎", name));
        assertThat(e).extracting(LedgerError::field).containsExactly("holder.name");
        assertThat(e.getFirst().message()).startsWith("201 characters: longer than the 100 allowed")
                .hasSizeLessThan(200).endsWith("…\")");
    }

    @Test
    void aNulOrAnyControlCharacterInANameIsRejected() {
        assertThat(errors(ok().json().replace("髙橋 太郎", "髙橋\\u0000太郎")))
                .singleElement().satisfies(e -> {
                    assertThat(e.field()).isEqualTo("holder.name");
                    assertThat(e.message()).contains("control character U+0000").contains("髙橋\\u0000太郎");
                });
        assertThat(errors(ok().json().replace("霞が関", "霞が関\\n"))).isNotEmpty();
    }

    @Test
    void errorLinesEscapeControlCharactersAndCutLongValues() {
        String forged = "12\nx.jsonl:9: holder.name: \u001b[2J";
        LedgerError e = errors(ok().set("contractNo", forged).json()).getFirst();
        assertThat(e.toString()).doesNotContain("\n").doesNotContain("\u001b")
                .contains("\\n").contains("\\u001b[2J");
        LedgerError longOne = errors(ok().set("contractNo", "9".repeat(1_000_000)).json()).getFirst();
        assertThat(longOne.toString()).hasSizeLessThan(200).contains("9".repeat(80) + "…");
        // an unknown key is input too
        LedgerError key = errors(ok().json().replace("{\"scheme\"", "{\"a\\u001bb\":1,\"scheme\"")).getFirst();
        assertThat(key.field()).isEqualTo("a\\u001bb");
    }

    // --- bytes and JSON ---

    private static List<LedgerRecord> read(byte[] file) {
        List<LedgerRecord> all = new ArrayList<>();
        try (LedgerReader r = LedgerReader.open("l.jsonl", new ByteArrayInputStream(file), false, 4096)) {
            r.forEachRemaining(all::add);
        }
        return all;
    }

    private static byte[] lines(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            byte[] b = p instanceof byte[] a ? a : p.toString().getBytes(StandardCharsets.UTF_8);
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    @Test
    void anOverlongSlashIsNotUtf8AndTheOtherLinesAreKept() {
        byte[] name = "髙橋 太郎".getBytes(StandardCharsets.UTF_8);
        String json = ok().json();
        int at = json.indexOf("髙橋 太郎");
        byte[] file = lines(json, "\n", json.substring(0, at), new byte[]{(byte) 0xC0, (byte) 0xAF}, name,
                json.substring(at + "髙橋 太郎".length()), "\n", json, "\n");
        List<LedgerRecord> all = read(file);
        assertThat(all).extracting(LedgerRecord::line).containsExactly(1L, 2L, 3L);
        assertThat(all.get(0)).isInstanceOf(LedgerRecord.Valid.class);
        assertThat(all.get(2)).isInstanceOf(LedgerRecord.Valid.class);
        assertThat(((LedgerRecord.Invalid) all.get(1)).message()).startsWith("l.jsonl:2: (line): not UTF-8 at byte")
                .contains("C0 AF");
    }

    @Test
    void aJsonDocumentThatIsNotUtf8StopsWithItsLineNotWithAStackTrace() {
        byte[] file = lines("[\n", ok().json(), ",\n{\"x\":\"", new byte[]{(byte) 0xC0, (byte) 0xAF}, "\"}\n]\n");
        // the parser reads ahead, so the file may stop before the records above the bad bytes are returned
        try (LedgerReader r = LedgerReader.open("l.json", new ByteArrayInputStream(file), true, 4096)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
                        while (r.hasNext()) {
                            r.next();
                        }
                    }).isInstanceOf(LedgerFormatException.class)
                    .hasMessage("l.json:3: not UTF-8 (bytes C0 AF 22 7D)");
        }
        // and a valid document read in tiny pieces (sequences split between reads) is read whole
        byte[] json = lines("[\n", ok().json(), ",\n", ok().json(), "\n]\n");
        InputStream trickle = new java.io.FilterInputStream(new ByteArrayInputStream(json)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1));
            }
        };
        try (LedgerReader r = LedgerReader.open("t.json", trickle, true, 4096)) {
            List<LedgerRecord> all = new ArrayList<>();
            r.forEachRemaining(all::add);
            assertThat(all).hasSize(2).allMatch(x -> x instanceof LedgerRecord.Valid);
        }
    }

    @Test
    void strictUtf8() {
        assertThat(Utf8.firstInvalid("a髙𠮷ü".getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
        assertThat(Utf8.firstInvalid(new byte[]{'a', (byte) 0xE0, (byte) 0x80, (byte) 0xAF})).isEqualTo(1); // overlong
        assertThat(Utf8.firstInvalid(new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80})).isZero(); // surrogate
        assertThat(Utf8.firstInvalid(new byte[]{(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80})).isZero();
        assertThat(Utf8.firstInvalid(new byte[]{'a', 'b', (byte) 0xE9, (byte) 0xAB})).isEqualTo(2); // truncated
        assertThat(Utf8.firstInvalid(new byte[]{(byte) 0x80})).isZero();
    }

    @Test
    void duplicateKeysAreRejected() {
        String json = ok().json().replace("{\"scheme\":\"SHOKIBO\"", "{\"scheme\":\"SAFETY\",\"scheme\":\"SHOKIBO\"");
        assertThat(json).contains("\"scheme\":\"SAFETY\",\"scheme\":\"SHOKIBO\"");
        LedgerError e = errors(json).getFirst();
        assertThat(e.field()).isEqualTo("(json)");
        assertThat(e.message()).contains("Duplicate").contains("scheme").doesNotContain("`");

        // Nested objects too (the holder, an address inside the array), each named in the message.
        String holder = ok().json().replace("\"holder\":{", "\"holder\":{\"name\":\"x\",");
        assertThat(holder).isNotEqualTo(ok().json());
        assertThat(errors(holder).getFirst().message()).isEqualTo("Duplicate Object property \"name\"");
        String address = ok().json().replace("\"postalCode\":", "\"line1\":\"x\",\"postalCode\":");
        assertThat(address).isNotEqualTo(ok().json());
        assertThat(errors(address).getFirst().message()).isEqualTo("Duplicate Object property \"line1\"");
    }

    @Test
    void blankLinesAreSkippedButAnIdeographicSpaceLineIsReportedAndALoneCrIsNoLineEnd() {
        String json = ok().json();
        byte[] file = lines(json, "\r\n", " \t\r\n", "\u3000\n", json.replace(",\"holder\"", ",\r\"holder\""), "\n", json);
        List<LedgerRecord> all = read(file);
        assertThat(all).extracting(LedgerRecord::line).containsExactly(1L, 3L, 4L, 5L);
        assertThat(all.get(0)).isInstanceOf(LedgerRecord.Valid.class);
        assertThat(((LedgerRecord.Invalid) all.get(1)).message()).contains("U+3000");
        assertThat(all.get(2)).as("a lone CR inside a line is JSON white space").isInstanceOf(LedgerRecord.Valid.class);
        assertThat(all.get(3)).as("a last line without LF").isInstanceOf(LedgerRecord.Valid.class);
    }

    @Test
    void aLineLongerThanTheLimitIsReportedWithoutBeingHeldAndReadingGoesOn() {
        String json = ok().json();
        String huge = "[" + "1,".repeat(10_000) + "1]";
        List<LedgerRecord> all = read(lines(json, "\n", huge, "\r\n", json, "\n"));
        assertThat(all).extracting(LedgerRecord::line).containsExactly(1L, 2L, 3L);
        assertThat(((LedgerRecord.Invalid) all.get(1)).message())
                .isEqualTo("l.jsonl:2: (line): 20,003 bytes: longer than the 4,096 bytes a ledger line may have"
                        + " (kakekin.ledger.max-line-bytes); not read");
        assertThat(all.get(2)).isInstanceOf(LedgerRecord.Valid.class);
    }

    /** 50 MB on one line, never in memory: the reader's buffers stay at the limit. */
    @Test
    void aFiftyMegabyteLineIsSkippedInBoundedMemory() throws IOException {
        long size = 50L << 20;
        InputStream fifty = new InputStream() {
            long n;

            @Override
            public int read() {
                return n++ < size ? '1' : n == size + 1 ? '\n' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (n > size) {
                    return -1;
                }
                int k = (int) Math.min(len, size - n);
                if (k == 0) {
                    b[off] = '\n';
                    n++;
                    return 1;
                }
                java.util.Arrays.fill(b, off, off + k, (byte) '1');
                n += k;
                return k;
            }
        };
        try (LedgerLines lines = new LedgerLines(fifty, LedgerLines.DEFAULT_MAX_LINE_BYTES)) {
            LedgerLines.Line l = lines.next();
            assertThat(l.tooLong()).isTrue();
            assertThat(l.length()).isEqualTo(size);
            assertThat(l.endOffset()).isEqualTo(size + 1);
            assertThat(lines.next()).isNull();
        }
    }

    @Test
    void offsetsAndLineNumbersResumeInTheMiddle() throws IOException {
        byte[] file = "a\r\nbb\n\nccc".getBytes(StandardCharsets.UTF_8);
        List<LedgerLines.Line> all = new ArrayList<>();
        try (LedgerLines lines = new LedgerLines(new ByteArrayInputStream(file), 100)) {
            for (LedgerLines.Line l; (l = lines.next()) != null; ) {
                all.add(l);
            }
        }
        assertThat(all).extracting(l -> new String(l.utf8(), StandardCharsets.UTF_8)).containsExactly("a", "bb", "", "ccc");
        assertThat(all).extracting(LedgerLines.Line::endOffset).containsExactly(3L, 6L, 7L, 10L);
        try (LedgerLines lines = new LedgerLines(new ByteArrayInputStream(file, 3, 7), 3, 2, 7, 100)) {
            assertThat(lines.next().number()).isEqualTo(2);
            assertThat(lines.next().number()).isEqualTo(3);
            assertThat(lines.next()).as("stops at the end of its range").isNull();
        }
    }
}
