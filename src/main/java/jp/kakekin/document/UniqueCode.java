package jp.kakekin.document;

import jp.kakekin.calc.DocumentKind;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The unique code printed on an issued document and carried in TEG850's WPP (at most 20 characters).
 * It is derived, not drawn: the same contract, year, document and issue number always give the same
 * code, so a restarted print run and a later reissue reproduce it exactly.
 * <p>
 * Layout (16 characters): {@code K} + 2-digit year + document letter (N November, F February,
 * S SAFETY tax statement, P SAFETY payment status) + 7-digit contract number + 2 check digits + 2-digit sequence (00 = the
 * original issue, 01.. = reissues) + a check letter over everything before it.
 */
public record UniqueCode(String value) {

    private static final Pattern SHAPE = Pattern.compile("K(\\d{2})([NFSP])(\\d{7})(\\d{2})(\\d{2})([A-Z])");
    private static final String CHECK_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ";

    public UniqueCode {
        Matcher m = SHAPE.matcher(value);
        if (!m.matches() || checkLetter(value.substring(0, value.length() - 1)) != value.charAt(value.length() - 1)) {
            throw new IllegalArgumentException("not a kakekin unique code: " + value);
        }
    }

    public static UniqueCode of(DocumentKind document, int year, String contractNo, String checkDigits, int sequence) {
        if (sequence < 0 || sequence > 99) {
            throw new IllegalArgumentException("sequence must be 0..99, was " + sequence);
        }
        String body = "K%02d%s%s%s%02d".formatted(year % 100, letter(document), contractNo, checkDigits, sequence);
        return new UniqueCode(body + checkLetter(body));
    }

    public static boolean isValid(String value) {
        try {
            new UniqueCode(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** 0 for the document as first issued, 1.. for its reissues. */
    public int sequence() {
        return Integer.parseInt(value.substring(13, 15));
    }

    public String contractNo() {
        return value.substring(4, 11);
    }

    /** The code of the first issue of the same document (the one a reissue refers to). */
    public UniqueCode original() {
        String body = value.substring(0, 13) + "00";
        return new UniqueCode(body + checkLetter(body));
    }

    private static String letter(DocumentKind document) {
        return switch (document) {
            case NOVEMBER_CERTIFICATE -> "N";
            case FEBRUARY_CERTIFICATE -> "F";
            case SAFETY_TAX_STATEMENT -> "S";
            case SAFETY_PAYMENT_STATUS -> "P";
        };
    }

    private static char checkLetter(String body) {
        int sum = 0;
        for (int i = 0; i < body.length(); i++) {
            sum = (sum * 31 + body.charAt(i)) % 9973;
        }
        return CHECK_LETTERS.charAt(sum % CHECK_LETTERS.length());
    }

    @Override
    public String toString() {
        return value;
    }
}
