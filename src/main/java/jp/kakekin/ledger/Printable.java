package jp.kakekin.ledger;

/**
 * Makes a piece of input safe to put in an error line: control characters (a newline that would forge a
 * second error line, an ESC that would drive the operator's terminal), bidirectional overrides and
 * unassigned/private-use characters are shown escaped ({@code \n}, {@code \u001b}), and a long value is cut
 * to {@link #MAX_VALUE} characters followed by "…", so a 1 MB bad value gives a short error line.
 */
public final class Printable {

    /** Characters of one input value shown in an error message. */
    public static final int MAX_VALUE = 80;

    /** Characters of a whole error message (which may quote several values and a parser's message). */
    public static final int MAX_MESSAGE = 400;

    private Printable() {
    }

    /** A value quoted in a message: escaped and cut to {@link #MAX_VALUE} characters. */
    public static String of(String s) {
        return of(s, MAX_VALUE);
    }

    /** Escaped, and cut after {@code max} characters of the original (then "…"). */
    public static String of(String s, int max) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = null;
        int n = s.length();
        int cut = Math.min(n, max);
        // a surrogate pair is never cut in half
        if (cut < n && cut > 0 && Character.isHighSurrogate(s.charAt(cut - 1))) {
            cut--;
        }
        for (int i = 0; i < cut; i++) {
            char c = s.charAt(i);
            String escaped = escape(c);
            if (escaped != null && b == null) {
                b = new StringBuilder(cut + 16).append(s, 0, i);
            }
            if (b != null) {
                if (escaped != null) {
                    b.append(escaped);
                } else {
                    b.append(c);
                }
            }
        }
        String out = b != null ? b.toString() : s.substring(0, cut);
        return cut < n ? out + "…" : out;
    }

    /** The escape of a character that must not reach a terminal or a log line as it is, or null. */
    private static String escape(char c) {
        switch (c) {
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            default:
                break;
        }
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F)
                || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) // bidi overrides and isolates
                || c == 0x2028 || c == 0x2029 || c == 0x200E || c == 0x200F || c == 0xFEFF) {
            return String.format("\\u%04x", (int) c);
        }
        if (Character.isSurrogate(c)) {
            return null; // pairs pass; a lone surrogate cannot come out of strict UTF-8 decoding
        }
        return null;
    }
}
