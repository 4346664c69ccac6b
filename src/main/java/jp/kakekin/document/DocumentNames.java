package jp.kakekin.document;

/** The name of a document as its unique code says it (the authenticity page, the archive copy's title). */
public final class DocumentNames {

    private DocumentNames() {
    }

    /** What the code says it is: 小規模企業共済掛金控除証明書（令和8年分・11月発行） and the like. */
    public static String of(UniqueCode code) {
        String year = Wareki.year(2000 + Integer.parseInt(code.value().substring(1, 3)));
        return switch (code.value().charAt(3)) {
            case 'N' -> "小規模企業共済掛金控除証明書（" + year + "分・11月発行）";
            case 'F' -> "小規模企業共済掛金控除証明書（" + year + "分・2月発行）";
            // The year of a corporation's 明細書 is the year its 事業年度 ends.
            case 'S' -> "経営セーフティ共済 特定の基金に対する負担金等の必要経費（損金）算入に関する明細書（" + year
                    + "分、法人は" + year + "中に終了する事業年度）";
            case 'P' -> "経営セーフティ共済 掛金納付状況兼領収書（" + year + "分）";
            default -> "共済の書類（" + year + "分）";
        };
    }
}
