package jp.kakekin.edelivery;

import java.util.Optional;

/**
 * The characters gen:str of General.xsd admits in TEG850's text fields (氏名, 住所, 発行者, ...): tab, line
 * breaks and the Unicode blocks listed in its pattern. Checked before a document is built so that a
 * holder whose name needs a character outside the set (a 外字 such as 𠮷, half-width katakana) is
 * reported as not deliverable instead of producing a document the NTA schema rejects; the name is
 * never altered to make it fit.
 */
public final class EtaxCharacters {

    private EtaxCharacters() {
    }

    /** The first character of {@code text} outside the set, if any. */
    public static Optional<Integer> firstDisallowed(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (!allowed(cp)) {
                return Optional.of(cp);
            }
            i += Character.charCount(cp);
        }
        return Optional.empty();
    }

    public static boolean allowed(int cp) {
        return cp == 0x09 || cp == 0x0A || cp == 0x0D
                || in(cp, 0x0020, 0x007E)   // BasicLatin minus Cc
                || in(cp, 0x00A0, 0x00FF)   // Latin-1Supplement minus Cc (0080-009F, including 0085)
                || in(cp, 0x0370, 0x03FF)   // Greek
                || in(cp, 0x0400, 0x04FF)   // Cyrillic
                || in(cp, 0x2000, 0x206F)   // GeneralPunctuation
                || in(cp, 0x2150, 0x218F)   // NumberForms
                || in(cp, 0x2190, 0x21FF)   // Arrows
                || in(cp, 0x2200, 0x22FF)   // MathematicalOperators
                || in(cp, 0x2460, 0x24FF)   // EnclosedAlphanumerics
                || in(cp, 0x2500, 0x257F)   // BoxDrawing
                || in(cp, 0x25A0, 0x25FF)   // GeometricShapes
                || in(cp, 0x3000, 0x303F)   // CJKSymbolsandPunctuation
                || in(cp, 0x3040, 0x309F)   // Hiragana
                || in(cp, 0x30A0, 0x30FF)   // Katakana
                || in(cp, 0x3200, 0x32FF)   // EnclosedCJKLettersandMonths
                || in(cp, 0x3300, 0x33FF)   // CJKCompatibility
                || in(cp, 0x4E00, 0x9FFF)   // CJKUnifiedIdeographs
                || in(cp, 0xF900, 0xFAFF)   // CJKCompatibilityIdeographs
                || (in(cp, 0xFF00, 0xFFEF) && !in(cp, 0xFF66, 0xFF9F)); // HalfwidthandFullwidthForms minus ｦ-ﾟ
    }

    private static boolean in(int cp, int from, int to) {
        return cp >= from && cp <= to;
    }

    public static String describe(int cp) {
        return "U+%04X '%s'".formatted(cp, new String(Character.toChars(cp)));
    }
}
