package jp.kakekin.store;

import java.text.Normalizer;
import java.util.Map;

/**
 * The normalised forms under which a holder's name, reading and phone number are stored and compared
 * (docs/reissue.md, "Matching"). The same function is applied to the ledger at import and to what a
 * holder types on the form, so the two meet whatever width, spacing or common variant form was used.
 */
public final class HolderKeys {

    /**
     * Variant kanji common in surnames (異体字) folded to their usual form: a holder typing 高橋 must match
     * a ledger that says 髙橋. Folding loosens only the name; the number, birth date and phone still match
     * exactly.
     */
    private static final Map<Integer, Integer> VARIANTS = variants(
            "髙高", "﨑崎", "嵜崎", "碕崎", "德徳", "邊辺", "邉辺", "濵浜", "濱浜", "齋斉", "齊斉", "斎斉", "櫻桜", "廣広", "澤沢", "國国",
            "眞真", "實実", "藏蔵", "栁柳", "冨富", "嶋島", "嶌島", "槇槙", "惠恵", "條条", "𠮷吉", "瀨瀬", "增増", "禮礼", "靜静", "龜亀",
            "圓円", "壽寿", "萬万", "與与", "淺浅", "黑黒", "榮栄", "豐豊", "顯顕", "淸清", "戶戸", "曾曽", "莊荘", "峯峰", "嶽岳", "鐵鉄",
            "巖巌");

    private HolderKeys() {
    }

    /** Name key: NFKC, no spaces or middle dots, variant kanji folded, katakana for any kana. */
    public static String name(String name) {
        if (name == null) {
            return null;
        }
        String s = Normalizer.normalize(name, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == '・' || cp == '･') {
                return;
            }
            int folded = VARIANTS.getOrDefault(cp, cp);
            out.appendCodePoint(hiraganaToKatakana(folded));
        });
        return out.toString();
    }

    /** Phone key: the digits only, with an international +81 turned back into the domestic 0. */
    public static String phone(String phone) {
        if (phone == null) {
            return null;
        }
        String s = Normalizer.normalize(phone, Normalizer.Form.NFKC).strip();
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            }
        }
        if (s.startsWith("+81") && digits.length() > 2) {
            return "0" + digits.substring(2);
        }
        return digits.toString();
    }

    private static int hiraganaToKatakana(int cp) {
        // ぁ (U+3041) .. ゖ (U+3096) sit exactly 0x60 below their katakana.
        return cp >= 0x3041 && cp <= 0x3096 ? cp + 0x60 : cp;
    }

    private static Map<Integer, Integer> variants(String... pairs) {
        java.util.HashMap<Integer, Integer> m = new java.util.HashMap<>();
        for (String p : pairs) {
            int[] cps = p.codePoints().toArray();
            if (cps[0] != cps[1]) {
                m.put(cps[0], cps[1]);
            }
        }
        return Map.copyOf(m);
    }
}
