package jp.kakekin.document;

import jp.kakekin.calc.DocumentKind;

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

    private static final String CHECK_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final int LENGTH = 16;

    public UniqueCode {
        if (!wellFormed(value)) {
            throw new IllegalArgumentException("not a kakekin unique code: " + value);
        }
    }

    /*
     * The shape K + 2 digits + [NFSP] + 13 digits + [A-Z] and the check letter, checked character by character:
     * every issued document of a print run makes a code, and the regex this replaced was most of the cost of
     * making one (UniqueCodeTest holds it to the same answers as the regex).
     */
    private static boolean wellFormed(String value) {
        if (value.length() != LENGTH || value.charAt(0) != 'K') {
            return false;
        }
        char letter = value.charAt(3);
        if (letter != 'N' && letter != 'F' && letter != 'S' && letter != 'P') {
            return false;
        }
        for (int i = 1; i < LENGTH - 1; i++) {
            char c = value.charAt(i);
            if (i != 3 && (c < '0' || c > '9')) {
                return false;
            }
        }
        char check = value.charAt(LENGTH - 1);
        return check >= 'A' && check <= 'Z' && checkLetter(value, LENGTH - 1) == check;
    }

    public static UniqueCode of(DocumentKind document, int year, String contractNo, String checkDigits, int sequence) {
        if (sequence < 0 || sequence > 99) {
            throw new IllegalArgumentException("sequence must be 0..99, was " + sequence);
        }
        // As "K%02d%s%s%s%02d".formatted(…) gave, without a Formatter per document.
        int yy = year % 100;
        StringBuilder b = new StringBuilder(LENGTH);
        b.append('K');
        twoDigits(b, yy);
        b.append(letter(document)).append(contractNo).append(checkDigits);
        twoDigits(b, sequence);
        b.append(checkLetter(b, b.length()));
        return new UniqueCode(b.toString());
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
        return new UniqueCode(body + checkLetter(body, body.length()));
    }

    /** As %02d: 0..9 get a leading zero; anything else (a negative year's "-5") as it is. */
    private static void twoDigits(StringBuilder b, int n) {
        if (n >= 0 && n < 10) {
            b.append('0');
        }
        b.append(n);
    }

    private static char letter(DocumentKind document) {
        return switch (document) {
            case NOVEMBER_CERTIFICATE -> 'N';
            case FEBRUARY_CERTIFICATE -> 'F';
            case SAFETY_TAX_STATEMENT -> 'S';
            case SAFETY_PAYMENT_STATUS -> 'P';
        };
    }

    /** The check letter over the first {@code length} characters. */
    private static char checkLetter(CharSequence body, int length) {
        int sum = 0;
        for (int i = 0; i < length; i++) {
            sum = (sum * 31 + body.charAt(i)) % 9973;
        }
        return CHECK_LETTERS.charAt(sum % CHECK_LETTERS.length());
    }

    @Override
    public String toString() {
        return value;
    }
}
