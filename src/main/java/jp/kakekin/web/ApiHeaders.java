package jp.kakekin.web;

/** Response headers of the operator API (README, docs/operations.md). */
public final class ApiHeaders {

    /** The unique code (交付番号) of the document in the response body: one name on every endpoint. */
    public static final String UNIQUE_CODE = "X-Kakekin-Unique-Code";

    /** A reissue's original unique code, and whether the document is a reissue. */
    public static final String ORIGINAL_CODE = "X-Kakekin-Original-Code";
    public static final String REISSUE = "X-Kakekin-Reissue";

    /** SHA-256 of the response body (the signed e-私書箱 XML). */
    public static final String CONTENT_SHA256 = "X-Content-SHA256";

    private ApiHeaders() {
    }
}
