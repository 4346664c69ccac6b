package jp.kakekin.barcode;

import java.util.List;

/**
 * One barcode character: the digits, the hyphen and the eight control codes, each three bars, with
 * its value for the check digit (チェックデジット計算対応表: 0–9, {@code -} = 10, CC1–CC8 = 11–18). The
 * patterns are the manual's (バーコード(3/4), the bar numbers 1–4 of {@link Bar}).
 */
public enum BarcodeCharacter {
    D0("0", "144"), D1("1", "114"), D2("2", "132"), D3("3", "312"), D4("4", "123"),
    D5("5", "141"), D6("6", "321"), D7("7", "213"), D8("8", "231"), D9("9", "411"),
    HYPHEN("-", "414"),
    CC1("CC1", "324"), CC2("CC2", "342"), CC3("CC3", "234"), CC4("CC4", "432"),
    CC5("CC5", "243"), CC6("CC6", "423"), CC7("CC7", "441"), CC8("CC8", "111");

    /** スタートコード and ストップコード: two bars each. */
    static final List<Bar> START = bars("13");
    static final List<Bar> STOP = bars("31");

    private final String label;
    private final List<Bar> bars;

    BarcodeCharacter(String label, String pattern) {
        this.label = label;
        this.bars = bars(pattern);
    }

    /** 0–18, the character's チェック用数字. */
    public int checkValue() {
        return ordinal();
    }

    public List<Bar> bars() {
        return bars;
    }

    /** {@code 0}…{@code 9}, {@code -}, {@code CC1}…{@code CC8}. */
    public String label() {
        return label;
    }

    public boolean isLetterControl() {
        return this == CC1 || this == CC2 || this == CC3;
    }

    static BarcodeCharacter ofValue(int value) {
        return values()[value];
    }

    static BarcodeCharacter digit(int d) {
        return values()[d];
    }

    /**
     * A letter is two characters: CC1 + 0–9 for A–J, CC2 + 0–9 for K–T, CC3 + 0–5 for U–Z. (Every letter,
     * P–T included: a known open-source encoder loses those five.)
     */
    static List<BarcodeCharacter> letter(char c) {
        if (c < 'A' || c > 'Z') {
            throw new IllegalArgumentException("not a letter A–Z: " + c);
        }
        int i = c - 'A';
        BarcodeCharacter control = i < 10 ? CC1 : i < 20 ? CC2 : CC3;
        return List.of(control, digit(i % 10));
    }

    private static List<Bar> bars(String pattern) {
        return pattern.chars().mapToObj(ch -> Bar.values()[ch - '1']).toList();
    }
}
