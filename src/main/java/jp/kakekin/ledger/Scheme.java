package jp.kakekin.ledger;

/** The two mutual-aid schemes whose documents kakekin issues. */
public enum Scheme {
    /** 小規模企業共済: premiums are an income deduction (所得税法75条). */
    SHOKIBO,
    /** 経営セーフティ共済 (中小企業倒産防止共済): premiums are a business expense or loss. */
    SAFETY
}
