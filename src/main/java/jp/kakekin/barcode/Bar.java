package jp.kakekin.barcode;

/**
 * The four bars of the カスタマバーコード (郵便番号・バーコードマニュアル, バーコード(3/4)), in the manual's
 * numbering 1–4. Heights in units of the timing bar: a long bar spans three units, a semi-long bar
 * two (the upper or the lower two), the timing bar the middle one.
 */
public enum Bar {
    /** 1: ロングバー. */
    LONG(0, 3),
    /** 2: セミロングバー(上) — the upper two units. */
    ASCENDER(0, 2),
    /** 3: セミロングバー(下) — the lower two units. */
    DESCENDER(1, 2),
    /** 4: タイミングバー. */
    TIMING(1, 1);

    /** Offset of the bar's top from the top of a long bar, in timing-bar units. */
    public final int topUnits;
    /** Length in timing-bar units. */
    public final int lengthUnits;

    Bar(int topUnits, int lengthUnits) {
        this.topUnits = topUnits;
        this.lengthUnits = lengthUnits;
    }

    /** The manual's digit for the bar (1 long, 2 upper semi-long, 3 lower semi-long, 4 timing). */
    public int manualNumber() {
        return ordinal() + 1;
    }
}
