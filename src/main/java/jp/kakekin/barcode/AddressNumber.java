package jp.kakekin.barcode;

import java.text.Normalizer;

/**
 * The 住所表示番号 of an address, extracted as Japan Post's 郵便番号・バーコードマニュアル says
 * (バーコードに必要な文字情報の抜き出し法): the 丁目, 番地, 号, building and room numbers after the town name,
 * as digits, hyphens and single letters, e.g. 千葉市稲毛区緑町3丁目30-8 郵便ビル403号 → {@code 3-30-8-403}.
 *
 * <p>Basic rules, in the manual's order: lower-case letters to upper case; {@code & / ・ .} removed; the
 * digits, hyphens and letters that stand alone are kept; whatever stands before a kept character
 * (kanji, kana, 漢数字, blanks, two or more letters in a row) becomes one hyphen; hyphens in a row become
 * one; a leading hyphen is removed. Supplementary rules: 漢数字 directly before 丁目, 丁, 番地, 番, 号, 地割,
 * 線, の or ノ are converted to digits (十一丁目 → 11); the hyphens on either side of a letter are removed
 * (3-20-5-B604 → 3-20-5B604); an {@code F} right after a number is a floor (階) and is not kept.
 *
 * <p>The manual first splits the address at the end of the town name (住所A / 住所B) with the postal-code
 * directory. The ledger keeps one address line, and kakekin does not ship that directory, so two
 * heuristics stand in for the split (policy, docs/customer-barcode.md): a 漢数字 followed by its marker
 * and then 町 or 通 is part of a town name (一番町, 五番通) and is not converted; digits followed by 条
 * belong to the town name (札幌市中央区北1条西) and are not kept. Text before the town name has no
 * digits, so it only yields a leading hyphen, which is removed.
 */
public final class AddressNumber {

    private static final String KANJI_DIGITS = "〇一二三四五六七八九";
    private static final String KANJI_NUMERALS = KANJI_DIGITS + "十百千";
    /** The characters 漢数字 are converted before, longest first. */
    private static final String[] MARKERS = {"丁目", "番地", "地割", "丁", "番", "号", "線", "の", "ノ"};

    /*
     * The extraction runs twice for every mailed document of a print run: the removal of & / ・ . and of the
     * hyphens beside a letter are plain loops (they were the regular expressions [&/・.] and
     * -(?=[A-Z])|(?<=[A-Z])-, most of the extraction's cost; AddressNumberTest compares with them).
     */

    private AddressNumber() {
    }

    /** The 住所表示番号 of an address (both lines joined), or an empty string when it has none. */
    public static String extract(String address) {
        if (address == null || address.isBlank()) {
            return "";
        }
        String s = nfkcUnchanged(address) ? address : Normalizer.normalize(address, Normalizer.Form.NFKC);
        s = kanjiNumbersBeforeMarkers(s);
        s = removeSymbols(s.toUpperCase(java.util.Locale.ROOT));
        StringBuilder out = new StringBuilder();
        boolean separator = false;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (isDigit(c)) {
                int end = i;
                while (end < n && isDigit(s.charAt(end))) {
                    end++;
                }
                if (end < n && s.charAt(end) == '条') {
                    separator = true; // a town name such as 北1条西
                } else {
                    separator = append(out, separator, s.substring(i, end));
                }
                i = end - 1;
            } else if (isLetter(c)) {
                int end = i;
                while (end < n && isLetter(s.charAt(end))) {
                    end++;
                }
                boolean single = end - i == 1;
                boolean floor = c == 'F' && single && i > 0 && isDigit(s.charAt(i - 1))
                        && (end == n || !isDigit(s.charAt(end)));
                if (single && !floor) {
                    separator = append(out, separator, String.valueOf(c));
                } else {
                    separator = true; // a name (ABC) or a floor (10F)
                }
                i = end - 1;
            } else {
                // A hyphen, or anything not kept: both separate what is kept around them.
                separator = true;
            }
        }
        return withoutHyphensBesideLetters(out);
    }

    /** Basic rule: {@code & / ・ .} removed. */
    static String removeSymbols(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean removed = c == '&' || c == '/' || c == '・' || c == '.';
            if (removed && out == null) {
                out = new StringBuilder(s.length()).append(s, 0, i);
            } else if (!removed && out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }

    /** Supplementary rule: the hyphens on either side of a letter removed (each hyphen judged by its neighbours as extracted). */
    static String withoutHyphensBesideLetters(CharSequence s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '-' && (i + 1 < s.length() && isLetter(s.charAt(i + 1)) || i > 0 && isLetter(s.charAt(i - 1)))) {
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }

    private static boolean append(StringBuilder out, boolean separator, String kept) {
        if (separator && !out.isEmpty()) {
            out.append('-');
        }
        out.append(kept);
        return false;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetter(char c) {
        return c >= 'A' && c <= 'Z';
    }

    /**
     * Whether NFKC leaves the text as it is, judged by its characters alone: printable ASCII, 々〆〇,
     * hiragana, katakana (not the half-width ones) with ・ー ヽヾ, and the CJK unified ideographs are each their
     * own NFKC form, and none of them combines with another (only the combining marks, such as the voicing
     * mark U+3099, would). Most ledger addresses are such text; NFKC itself is then skipped (once per
     * mailed document, ≈ a sixth of the extraction's samples). CustomerBarcodeTest checks every one of them.
     */
    static boolean nfkcUnchanged(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= ' ' && c <= '~' || c >= '\u4E00' && c <= '\u9FFF' || c >= '\u3041' && c <= '\u3096'
                    || c >= '\u30A1' && c <= '\u30FE' || c >= '\u3005' && c <= '\u3007')) {
                return false;
            }
        }
        return true;
    }

    /** Supplementary rule 1: 漢数字 directly before a marker become digits (not in a town name). */
    static String kanjiNumbersBeforeMarkers(String s) {
        int n = s.length();
        int i = 0;
        while (i < n && !isKanjiNumeral(s.charAt(i))) {
            i++;
        }
        if (i == n) {
            return s; // no 漢数字: nothing to convert, no copy
        }
        StringBuilder out = new StringBuilder(n).append(s, 0, i);
        while (i < n) {
            char c = s.charAt(i);
            if (!isKanjiNumeral(c)) {
                out.append(c);
                i++;
                continue;
            }
            int end = i;
            while (end < n && isKanjiNumeral(s.charAt(end))) {
                end++;
            }
            String run = s.substring(i, end);
            String marker = markerAt(s, end);
            int afterMarker = end + (marker == null ? 0 : marker.length());
            boolean townName = afterMarker < n && (s.charAt(afterMarker) == '町' || s.charAt(afterMarker) == '通');
            Long value = marker == null || townName ? null : kanjiValue(run);
            out.append(value == null ? run : Long.toString(value));
            i = end;
        }
        return out.toString();
    }

    /**
     * Whether c is one of {@link #KANJI_NUMERALS}: a switch, not a search of the string — an address's kanji
     * and kana all lie above U+3007 and were each compared with all 13 (CustomerBarcodeTest compares).
     */
    static boolean isKanjiNumeral(char c) {
        return switch (c) {
            case '〇', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千' -> true;
            default -> false;
        };
    }

    private static String markerAt(String s, int at) {
        for (String m : MARKERS) {
            if (s.startsWith(m, at)) {
                return m;
            }
        }
        return null;
    }

    /** 十一 → 11, 百一 → 101, 二千三 → 2003, 一〇一 → 101; null when the run is not a number. */
    static Long kanjiValue(String run) {
        boolean positional = true;
        for (int i = 0; i < run.length(); i++) {
            positional &= KANJI_DIGITS.indexOf(run.charAt(i)) >= 0;
        }
        if (positional) {
            long v = 0;
            for (char ch : run.toCharArray()) {
                v = v * 10 + KANJI_DIGITS.indexOf(ch);
            }
            return v;
        }
        long total = 0;
        long digit = -1;
        for (char ch : run.toCharArray()) {
            int d = KANJI_DIGITS.indexOf(ch);
            if (d >= 0) {
                if (digit >= 0) {
                    return null; // 二三十: not a number
                }
                digit = d;
                continue;
            }
            long unit = ch == '十' ? 10 : ch == '百' ? 100 : 1000;
            total += (digit < 0 ? 1 : digit) * unit;
            digit = -1;
        }
        return total + Math.max(digit, 0);
    }
}
