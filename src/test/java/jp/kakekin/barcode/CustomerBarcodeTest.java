package jp.kakekin.barcode;

import java.text.Normalizer;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The example addresses of Japan Post's 郵便番号・バーコードマニュアル (バーコードに必要な文字情報の抜き出し法). */
class CustomerBarcodeTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            千葉市稲毛区緑町3丁目30-8 郵便ビル403号               | 3-30-8-403
            東京都千代田区霞が関1丁目3番2号 郵便プラザ503室          | 1-3-2-503
            秋田県大仙市堀見内 南田茂木 添60-1                     | 60-1
            東京都台東区台東5-6-3 ABCビル10F                      | 5-6-3-10
            北海道札幌市東区北六条東4丁目 郵便センター6号館           | 4-6
            北海道札幌市東区北六条東8丁目 郵便センター10号館          | 8-10
            山梨県韮崎市龍岡町下條南割 韮崎400                      | 400
            千葉県鎌ケ谷市右京塚 東3丁目-20-5 郵便・A&bコーポB604号   | 3-20-5B604
            東京都青梅市河辺町十一丁目六番地一号 郵便タワー601         | 11-6-1-601
            茨城県日立市宮田町 6丁目7-14 ABCビル2F                  | 6-7-14-2
            札幌市中央区南四条西 29丁目1524-23 第2郵便ハウス501       | 29-1524-23-2-501
            福井県福井市新田塚 3丁目80-25 J1ビル2-B                  | 3-80-25J1-2B
            京都府綾部市青野町出口 6-7 LプラザB 106                  | 6-7LB106
            """)
    void extractsTheManualsExamples(String address, String expected) {
        assertThat(AddressNumber.extract(address)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            東京都千代田区霞が関一丁目3番1号                      | 1-3-1
            宮城県仙台市青葉区一番町四丁目5番6号 コーポ青葉201      | 4-5-6-201
            北海道札幌市中央区北1条西2丁目3番                      | 2-3
            千葉市稲毛区緑町３丁目３０－８　郵便ビル４０３号          | 3-30-8-403
            大阪府大阪市北区梅田百一番地の三                        | 101
            東京都千代田区霞が関                                   | ''
            """)
    void kakekinsHeuristicsForTheTownName(String address, String expected) {
        assertThat(AddressNumber.extract(address)).isEqualTo(expected);
    }

    @Test
    void theIssuesExampleGivesTheManifestData() {
        CustomerBarcode b = CustomerBarcode.forAddress("〒263-0023", "千葉市稲毛区緑町3丁目30-8", "郵便ビル403号").orElseThrow();
        assertThat(b.data()).isEqualTo("26300233-30-8-403");
        assertThat(b.characterLabels()).isEqualTo("2 6 3 0 0 2 3 3 - 3 0 - 8 - 4 0 3 CC4 CC4 CC4 5");
        assertThat(b.bars()).hasSize(67);
    }

    @Test
    void checkDigitOfTheManualsExampleIsNine() {
        // チェックデジットの計算方法: 東京都千代田区霞が関1丁目3番2号 郵便プラザ503室 → チェックデジット 9.
        CustomerBarcode b = CustomerBarcode.forAddress("100-0013", "東京都千代田区霞が関1丁目3番2号 郵便プラザ503室", "").orElseThrow();
        assertThat(b.characterLabels()).isEqualTo("1 0 0 0 0 1 3 1 - 3 - 2 - 5 0 3 CC4 CC4 CC4 CC4 9");
        assertThat(b.checkDigit()).isEqualTo(BarcodeCharacter.D9);
    }

    @Test
    void cutAtTwentyCharactersKeepsATrailingHyphen() {
        CustomerBarcode b = CustomerBarcode.forAddress("064-0804", "札幌市中央区南四条西 29丁目1524-23", "第2郵便ハウス501").orElseThrow();
        assertThat(b.characterLabels()).startsWith("0 6 4 0 8 0 4 2 9 - 1 5 2 4 - 2 3 - 2 - ");
        assertThat(b.characters()).hasSize(20);
    }

    @Test
    void aLetterCutAtTheTwentiethCharacterKeepsItsControlCode() {
        // 福井県福井市新田塚 3丁目80-25 J1ビル2-B → 9100067 3-80-25 CC1 9 1 - 2 CC1 (the 9… of B dropped).
        CustomerBarcode b = CustomerBarcode.forAddress("910-0067", "福井県福井市新田塚 3丁目80-25 J1ビル2-B", null).orElseThrow();
        assertThat(b.characterLabels()).startsWith("9 1 0 0 0 6 7 3 - 8 0 - 2 5 CC1 9 1 - 2 CC1 ");
    }

    @Test
    void everyLetterIsEncodedPToTIncluded() {
        assertThat(BarcodeCharacter.letter('A')).containsExactly(BarcodeCharacter.CC1, BarcodeCharacter.D0);
        assertThat(BarcodeCharacter.letter('J')).containsExactly(BarcodeCharacter.CC1, BarcodeCharacter.D9);
        assertThat(BarcodeCharacter.letter('K')).containsExactly(BarcodeCharacter.CC2, BarcodeCharacter.D0);
        assertThat(BarcodeCharacter.letter('P')).containsExactly(BarcodeCharacter.CC2, BarcodeCharacter.D5);
        assertThat(BarcodeCharacter.letter('Q')).containsExactly(BarcodeCharacter.CC2, BarcodeCharacter.D6);
        assertThat(BarcodeCharacter.letter('R')).containsExactly(BarcodeCharacter.CC2, BarcodeCharacter.D7);
        assertThat(BarcodeCharacter.letter('S')).containsExactly(BarcodeCharacter.CC2, BarcodeCharacter.D8);
        assertThat(BarcodeCharacter.letter('T')).containsExactly(BarcodeCharacter.CC2, BarcodeCharacter.D9);
        assertThat(BarcodeCharacter.letter('U')).containsExactly(BarcodeCharacter.CC3, BarcodeCharacter.D0);
        assertThat(BarcodeCharacter.letter('Z')).containsExactly(BarcodeCharacter.CC3, BarcodeCharacter.D5);

        CustomerBarcode b = CustomerBarcode.forAddress("100-0013", "東京都千代田区霞が関1丁目2番 P棟3", "").orElseThrow();
        assertThat(b.data()).isEqualTo("10000131-2P3");
        assertThat(b.characterLabels()).startsWith("1 0 0 0 0 1 3 1 - 2 CC2 5 3 CC4");
        for (char c : "PQRST".toCharArray()) {
            CustomerBarcode one = CustomerBarcode.of("1000013", "1" + c);
            assertThat(one.characters().subList(8, 10)).containsExactly(BarcodeCharacter.CC2,
                    BarcodeCharacter.digit(c - 'K'));
            assertThat(one.bars()).hasSize(67);
        }
    }

    @Test
    void representativePostalCodesGetNoBarcode() {
        assertThat(CustomerBarcode.forAddress("100-0000", "東京都千代田区 1-2-3", "")).isEmpty();
        assertThat(CustomerBarcode.forAddress("350-1100", "埼玉県川越市 22-1", "")).isEmpty();
        assertThat(CustomerBarcode.forAddress("", "東京都千代田区霞が関1-2-3", "")).isEmpty();
        assertThat(CustomerBarcode.forAddress("350-1106", "川越市大字小室 22-1", "")).isPresent();
    }

    @Test
    void checkDigitMakesEverySumAMultipleOfNineteen() {
        for (String number : List.of("", "1", "3-30-8-403", "11-6-1-601", "3-20-5B604", "29-1524-23-2-501", "ZZZZZZZ")) {
            CustomerBarcode b = CustomerBarcode.of("9100067", number);
            int sum = b.characters().stream().mapToInt(BarcodeCharacter::checkValue).sum() + b.checkDigit().checkValue();
            assertThat(sum % 19).as(number).isZero();
            assertThat(b.bars()).as(number).hasSize(67);
        }
    }

    @Test
    void barsFollowTheManualsTable() {
        CustomerBarcode b = CustomerBarcode.of("1000013", "");
        List<Bar> bars = b.bars();
        assertThat(bars.subList(0, 2)).containsExactly(Bar.LONG, Bar.DESCENDER);                  // STC 1 3
        assertThat(bars.subList(2, 5)).containsExactly(Bar.LONG, Bar.LONG, Bar.TIMING);           // 1 = 1 1 4
        assertThat(bars.subList(5, 8)).containsExactly(Bar.LONG, Bar.TIMING, Bar.TIMING);         // 0 = 1 4 4
        assertThat(bars.subList(65, 67)).containsExactly(Bar.DESCENDER, Bar.LONG);                // SPC 3 1
        assertThat(BarcodeCharacter.CC4.bars()).containsExactly(Bar.TIMING, Bar.DESCENDER, Bar.ASCENDER);
        assertThat(BarcodeCharacter.HYPHEN.bars()).containsExactly(Bar.TIMING, Bar.LONG, Bar.TIMING);
    }

    @Test
    void drawingAtEightPointsWithTheQuietZone() {
        CustomerBarcode.Drawing d = CustomerBarcode.of("2630023", "3-30-8-403").drawing();
        assertThat(d.pitchMm()).isEqualTo(0.96, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(d.symbolWidthMm()).isEqualTo(66 * 0.96 + 0.48, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(d.width()).isEqualTo("67.840mm");
        assertThat(d.height()).isEqualTo("6.880mm");
        CustomerBarcode.Drawing.Placed first = d.bars().get(0);
        assertThat(first.style()).isEqualTo("left: 2.000mm; top: 2.000mm; width: 0.480mm; height: 2.880mm;");
        CustomerBarcode.Drawing.Placed second = d.bars().get(1); // descender: lower two units
        assertThat(second.topMm()).isEqualTo(2.96, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(second.heightMm()).isEqualTo(1.92, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void rejectsDataTheBarcodeCannotHold() {
        assertThatThrownBy(() -> CustomerBarcode.of("100001", "1")).hasMessageContaining("7 digits");
        assertThatThrownBy(() -> CustomerBarcode.of("1000013", "1a")).hasMessageContaining("住所表示番号");
    }

    /** The printed size's bars come from a table made once: the same rectangles and styles as placing them anew. */
    @Test
    void theTableOfBarsAtThePrintedSizeIsTheBarsPlacedAnew() {
        CustomerBarcode.Drawing d = CustomerBarcode.of("2630023", "3-30-8-403").drawing();
        CustomerBarcode.Drawing other = new CustomerBarcode.Drawing(d.barcode(), 8.0000001); // not the table's size
        for (int i = 0; i < 67; i++) {
            CustomerBarcode.Drawing.Placed p = d.bars().get(i);
            CustomerBarcode.Drawing.Placed anew = new CustomerBarcode.Drawing.Placed(p.bar(), 2 + i * d.pitchMm(),
                    2 + p.bar().topUnits * d.unitMm(), d.barWidthMm(), p.bar().lengthUnits * d.unitMm());
            assertThat(p).isEqualTo(anew);
            assertThat(p.style()).isEqualTo("left: " + CustomerBarcode.Drawing.mm(p.leftMm()) + "; top: "
                    + CustomerBarcode.Drawing.mm(p.topMm()) + "; width: " + CustomerBarcode.Drawing.mm(p.widthMm())
                    + "; height: " + CustomerBarcode.Drawing.mm(p.heightMm()) + ";");
            assertThat(other.bars().get(i).bar()).isEqualTo(p.bar());
        }
        assertThat(d.width()).isEqualTo(CustomerBarcode.Drawing.mm(d.symbolWidthMm() + 4));
        assertThat(d.height()).isEqualTo(CustomerBarcode.Drawing.mm(d.symbolHeightMm() + 4));
        assertThat(other.width()).isEqualTo(CustomerBarcode.Drawing.mm(other.symbolWidthMm() + 4));
    }

    /** The loops that replaced the extraction's regular expressions give what the expressions gave. */
    @Test
    void theExtractionsLoopsAreItsFormerRegularExpressions() {
        java.util.regex.Pattern removed = java.util.regex.Pattern.compile("[&/・.]");
        java.util.regex.Pattern hyphens = java.util.regex.Pattern.compile("-(?=[A-Z])|(?<=[A-Z])-");
        String alphabet = "&/・.-AbZF12390一二十丁目番地号の町条 ＡＢ１－";
        java.util.Random random = new java.util.Random(14);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(16); k > 0; k--) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = b.toString();
            assertThat(AddressNumber.removeSymbols(s)).as(s).isEqualTo(removed.matcher(s).replaceAll(""));
            assertThat(AddressNumber.withoutHyphensBesideLetters(s)).as(s).isEqualTo(hyphens.matcher(s).replaceAll(""));
            String digitsAndMore = s.length() > 7 ? s.substring(0, 7) : s;
            for (String t : new String[]{s, digitsAndMore, AddressNumber.extract(s), String.valueOf(random.nextInt(20_000_000))}) {
                assertThat(CustomerBarcode.sevenDigits(t)).as(t).isEqualTo(t.matches("[0-9]{7}"));
                assertThat(CustomerBarcode.addressNumberCharacters(t)).as(t).isEqualTo(t.matches("[0-9A-Z-]*"));
            }
        }
    }

    /**
     * The thread's recent answers (kept by postal digits and lines, in a table of 1,024) never give one
     * address another's barcode: 3,000 addresses — more than the table holds, so slots are shared and
     * replaced — asked for in order, then again in reverse (with the postal code as printed, 〒 and all),
     * answer as the barcode worked out afresh does.
     */
    @Test
    void recentAnswersBelongToTheirOwnAddress() {
        int n = 3000;
        String[][] addresses = new String[n][];
        for (int i = 0; i < n; i++) {
            addresses[i] = new String[]{"%03d-%04d".formatted(100 + i % 800, 1 + i),
                    "東京都千代田区霞が関" + (1 + i % 3) + "丁目" + (i % 40 + 1) + "番" + (i % 9 + 1) + "号",
                    i % 5 == 0 ? null : "郵便ビル" + i + "号室"};
        }
        java.util.List<String> first = new java.util.ArrayList<>();
        for (String[] a : addresses) {
            first.add(CustomerBarcode.forAddress(a[0], a[1], a[2]).map(CustomerBarcode::data).orElse("-"));
        }
        for (int i = n - 1; i >= 0; i--) {
            String[] a = addresses[i];
            String again = CustomerBarcode.forAddress(a[0], a[1], a[2]).map(CustomerBarcode::data).orElse("-");
            String again2 = CustomerBarcode.forAddress("〒" + a[0], a[1], a[2]).map(CustomerBarcode::data).orElse("-");
            String digits = a[0].replace("-", "");
            String fresh = digits.endsWith("00") ? "-" : CustomerBarcode.of(digits,
                    AddressNumber.extract((a[1] == null ? "" : a[1]) + " " + (a[2] == null ? "" : a[2]))).data();
            assertThat(again2).isEqualTo(again);
            assertThat(again).as(String.join(" ", java.util.Arrays.toString(a))).isEqualTo(fresh).isEqualTo(first.get(i));
        }
        assertThat(first).filteredOn(d -> !d.equals("-")).hasSizeGreaterThan(n / 2);
    }

    /**
     * The manifest finds every answer its batch's pages worked out (the same Optional, not one made again),
     * however the addresses fall in the table: 1,000 documents asked for with the postal code as printed,
     * then with it as stored. The direct-mapped table lost the answers of addresses whose slot a later
     * one took. 1,024 answers later an address is worked out again, to the same barcode.
     */
    @Test
    void theManifestFindsItsBatchsAnswers() {
        int n = 1000;
        String[][] addresses = new String[n][];
        java.util.List<Optional<CustomerBarcode>> pages = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            String digits = "%05d%02d".formatted(51_000 + i, 1 + i % 98); // never a 代表番号 (…00)
            addresses[i] = new String[]{digits, "長崎県長崎市出島町" + "一二三四五六七八九".charAt(i % 9) + "丁目" + (i % 30 + 1) + "番" + (i % 17 + 1) + "号",
                    i % 4 == 0 ? "" : "梅田ビル" + (i % 20 + 1) + "階"};
            pages.add(CustomerBarcode.forAddress("〒" + digits.substring(0, 3) + "-" + digits.substring(3), addresses[i][1], addresses[i][2]));
        }
        for (int i = 0; i < n; i++) {
            String[] a = addresses[i];
            assertThat(pages.get(i)).isPresent();
            assertThat(CustomerBarcode.forAddress(a[0], a[1], a[2])).as(a[0]).isSameAs(pages.get(i));
        }
        for (int i = 0; i < 1024; i++) {
            CustomerBarcode.forAddress("%07d".formatted(6_000_001 + i), "東京都千代田区霞が関1丁目" + i, null);
        }
        Optional<CustomerBarcode> again = CustomerBarcode.forAddress(addresses[0][0], addresses[0][1], addresses[0][2]);
        assertThat(again).isNotSameAs(pages.get(0)).isEqualTo(pages.get(0));
    }

    /**
     * Addresses NFKC leaves as they are skip it, and nothing else does: every character the check lets
     * through is its own NFKC form, and random texts of those characters and of others (full-width digits
     * and letters, half-width kana, voicing marks, ideographic space, compatibility ideographs) extract as
     * their NFKC form does.
     */
    @Test
    void textWhoseNfkcIsItselfSkipsIt() {
        int unchanged = 0;
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            String s = String.valueOf(c);
            if (AddressNumber.nfkcUnchanged(s)) {
                assertThat(Normalizer.normalize(s, Normalizer.Form.NFKC)).as("U+%04X", (int) c).isEqualTo(s);
                unchanged++;
            }
        }
        assertThat(unchanged).isGreaterThan(20_000);
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            assertThat(AddressNumber.isKanjiNumeral(c)).isEqualTo("〇一二三四五六七八九十百千".indexOf(c) >= 0);
        }
        String alphabet = "千葉市稲毛区緑町三丁目十一番地号のノ条ビル階室がぱゔヴ 0123-AbF&/・.ｶﾞ\u3099\u309Bか\u3099１２Ｂ－\u3000\uF900ⅱ";
        java.util.Random random = new java.util.Random(1414);
        int skipped = 0;
        for (int n = 0; n < 20_000; n++) {
            StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(24); k > 0; k--) {
                b.append(alphabet.charAt(random.nextInt(n % 2 == 0 ? 40 : alphabet.length())));
            }
            String s = b.toString();
            String nfkc = Normalizer.normalize(s, Normalizer.Form.NFKC);
            if (AddressNumber.nfkcUnchanged(s)) {
                assertThat(nfkc).isEqualTo(s);
                skipped++;
            }
            assertThat(AddressNumber.extract(s)).as(s).isEqualTo(AddressNumber.extract(nfkc));
        }
        assertThat(skipped).isBetween(5_000, 15_000);
    }
}
