package jp.kakekin.ledger;

/** How the application was made; decides what the first collection covers (RULES.md 1.1). */
public enum ApplicationMethod {
    /** ①現金あり: the application month is paid in cash at the window. */
    CASH,
    /** ②現金なし: everything up to the first transfer is collected in applicationMonth+2. */
    NO_CASH,
    /** Online application, always collected by transfer like NO_CASH. */
    ONLINE
}
